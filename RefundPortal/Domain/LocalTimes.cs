using System.Globalization;

namespace RefundPortal.Domain;

/// <summary>
/// Times as a reader in one time zone reads them, always with the zone named: "3 Dec 2026 14:05 CET". Times are stored
/// and computed in UTC (deadlines included); only their display moves to the reader's zone.
/// </summary>
public sealed class LocalTimes(TimeZoneInfo zone)
{
    public static readonly LocalTimes Utc = new(TimeZoneInfo.Utc);

    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>The wall-clock time in the zone (a stored time of unspecified kind is UTC).</summary>
    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>A day, e.g. "3 Dec 2026" ("2026年12月3日"): the date in the reader's zone and language.</summary>
    public string Day(DateTime utc) => Written(ToLocal(utc), "Format_Day");

    /// <summary>A moment, e.g. "3 Dec 2026 14:05 CET" or "3 Dec 2026 22:05 UTC+08:00".</summary>
    public string Moment(DateTime utc) => $"{Written(ToLocal(utc), "Format_Moment")} {ZoneName(utc)}";

    /// <summary>
    /// When a message was written: "3 Dec 14:05 CET" in the reader's current year, "3 Dec 2025 14:05 CET" before it
    /// (a thread is read now, so this year goes without saying).
    /// </summary>
    public string MessageTime(DateTime utc, DateTime nowUtc)
    {
        var local = ToLocal(utc);
        var format = local.Year == ToLocal(nowUtc).Year ? "Format_MessageThisYear" : "Format_MessageOtherYear";
        return $"{Written(local, format)} {ZoneName(utc)}";
    }

    /// <summary>
    /// A time in the reader's language: the pattern is the product's ("3 Dec 2026", not the culture's "12/3/2026") and
    /// comes from the language's resources with the culture whose month names it uses, so a process running in some
    /// other culture (a background worker under LANG=de_DE) still writes English, never "3 Dez 2026".
    /// </summary>
    private static string Written(DateTime local, string formatKey) =>
        local.ToString(DomainText.Get(formatKey), CultureInfo.GetCultureInfo(DomainText.Get("Format_Culture")));

    /// <summary>The zone's name at that moment: see <see cref="TimeZones.NameAt"/>.</summary>
    public string ZoneName(DateTime utc) => TimeZones.NameAt(Zone, DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
