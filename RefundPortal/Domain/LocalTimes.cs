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

    /// <summary>A day, e.g. "3 Dec 2026": the date in the reader's zone.</summary>
    public string Day(DateTime utc) => ToLocal(utc).ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A moment, e.g. "3 Dec 2026 14:05 CET" or "3 Dec 2026 22:05 UTC+08:00".</summary>
    public string Moment(DateTime utc) => $"{ToLocal(utc).ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture)} {ZoneName(utc)}";

    /// <summary>
    /// When a message was written: "3 Dec 14:05 CET" in the reader's current year, "3 Dec 2025 14:05 CET" before it
    /// (a thread is read now, so this year goes without saying).
    /// </summary>
    public string MessageTime(DateTime utc, DateTime nowUtc)
    {
        var local = ToLocal(utc);
        var format = local.Year == ToLocal(nowUtc).Year ? "d MMM HH:mm" : "d MMM yyyy HH:mm";
        return $"{local.ToString(format, CultureInfo.InvariantCulture)} {ZoneName(utc)}";
    }

    /// <summary>The zone's name at that moment: see <see cref="TimeZones.NameAt"/>.</summary>
    public string ZoneName(DateTime utc) => TimeZones.NameAt(Zone, DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
