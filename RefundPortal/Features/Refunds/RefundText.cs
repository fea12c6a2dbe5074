using System.Globalization;
using System.Resources;

namespace RefundPortal.Features.Refunds;

/// <summary>Marker for RefundText.resx (and its translations): the application wizard, the refund lists, the evidence picker.</summary>
public sealed class RefundText;

/// <summary>
/// RefundText's words for the services (the evidence store's refusals, the concurrency message, the timeline's actor
/// names), which have no localizer: read through .NET's resources for the current UI culture, which the circuit sets
/// on every call, so a refusal comes out in the language of the person whose action it refuses.
/// </summary>
internal static class RefundWords
{
    private static readonly ResourceManager Resources = new(typeof(RefundText));

    /// <summary>The text of a key; the key itself when it is missing, so a gap shows rather than throws.</summary>
    public static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    public static string Format(string key, params object?[] arguments) => string.Format(CultureInfo.CurrentCulture, Get(key), arguments);
}
