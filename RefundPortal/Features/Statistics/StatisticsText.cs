using System.Globalization;
using System.Resources;

namespace RefundPortal.Features.Statistics;

/// <summary>Marker for StatisticsText.resx (and its translations): "Refund Statistics", the "Dispute Board", the CSV export.</summary>
public sealed class StatisticsText;

/// <summary>
/// StatisticsText's words for code without a localizer (the export's range check, the CSV's header), read through .NET's
/// ResourceManager for the current UI culture: the page and the endpoint both call them on the reader's request.
/// </summary>
internal static class StatisticsWords
{
    private static readonly ResourceManager Resources = new(typeof(StatisticsText));

    public static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    public static string Format(string key, params object?[] arguments) => string.Format(CultureInfo.CurrentCulture, Get(key), arguments);
}
