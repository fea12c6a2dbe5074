using System.Globalization;
using System.Resources;

namespace RefundPortal.Features.Integration;

/// <summary>
/// Marker for IntegrationText.resx (and its translations): what the API client and webhook services tell an admin on
/// the admin pages. The integration API's own JSON errors stay English: a program reads them.
/// </summary>
public sealed class IntegrationText;

/// <summary>IntegrationText's words for the services, read through .NET's ResourceManager.</summary>
internal static class IntegrationWords
{
    private static readonly ResourceManager Resources = new(typeof(IntegrationText));

    /// <summary>The text in <paramref name="culture"/>, by default the reader's (the current UI culture).</summary>
    public static string Get(string key, CultureInfo? culture = null) => Resources.GetString(key, culture ?? CultureInfo.CurrentUICulture) ?? key;

    public static string Format(string key, params object?[] arguments) => Format((CultureInfo?)null, key, arguments);

    public static string Format(CultureInfo? culture, string key, params object?[] arguments) =>
        string.Format(culture ?? CultureInfo.CurrentCulture, Get(key, culture), arguments);
}
