using System.Globalization;
using System.Resources;

namespace RefundPortal.Features.Returns;

/// <summary>Marker for ReturnText.resx (and its translations): the return address book and the return-address step.</summary>
public sealed class ReturnText;

/// <summary>ReturnText's words for <see cref="ReturnAddressService"/>, which has no localizer (see RefundWords).</summary>
internal static class ReturnWords
{
    private static readonly ResourceManager Resources = new(typeof(ReturnText));

    public static string Format(string key, params object?[] arguments) =>
        string.Format(CultureInfo.CurrentCulture, Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key, arguments);
}
