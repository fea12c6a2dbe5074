using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RefundPortal.Domain;

/// <summary>
/// Time zones by id, and how a zone is named next to a time. An id comes from a browser's cookie or a posted form, so
/// it is checked for shape before the system looks it up: only ids <see cref="TimeZoneInfo"/> knows are used.
/// </summary>
public static partial class TimeZones
{
    public const int MaxIdLength = 64;

    /// <summary>
    /// The zone with this IANA (or Windows) id, e.g. "Europe/Berlin"; null for anything else: empty, too long, shaped
    /// like no zone id (a path, markup), or unknown to the system.
    /// </summary>
    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxIdLength || !IdShape().IsMatch(id)) return null;
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
    }

    // Letters, digits, '_', '-', '+' and spaces (Windows ids), in parts separated by single slashes: no dots, so no "..".
    [GeneratedRegex("^[A-Za-z0-9_+ -]+(/[A-Za-z0-9_+ -]+)*$")]
    private static partial Regex IdShape();

    /// <summary>
    /// How a time in <paramref name="zone"/> names its zone: the abbreviation people use there when it is well known and
    /// unambiguous ("CET"/"CEST", "EST"/"EDT", "JST", "AEST"), "UTC" for UTC, otherwise the offset at that moment
    /// ("UTC+08:00", "UTC-03:00"). .NET's own names are long and depend on the platform ("Central European Standard
    /// Time", or "GMT+01:00"), so the portal keeps its own short list; an abbreviation is used only when the zone's
    /// offset at that moment is the one it stands for, so a zone's old offsets print as offsets.
    /// </summary>
    public static string NameAt(TimeZoneInfo zone, DateTime utc)
    {
        var offset = zone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        if (Abbreviations.TryGetValue(IanaId(zone), out var known))
        {
            if (offset == known.Standard) return known.StandardName;
            if (known.DaylightName is { } daylight && offset == known.Daylight) return daylight;
        }
        return offset == TimeSpan.Zero ? "UTC" : Offset(offset);
    }

    /// <summary>"UTC+08:00", "UTC-03:30".</summary>
    public static string Offset(TimeSpan offset) =>
        string.Create(CultureInfo.InvariantCulture, $"UTC{(offset < TimeSpan.Zero ? '-' : '+')}{offset.Duration():hh\\:mm}");

    private static string IanaId(TimeZoneInfo zone) =>
        zone.HasIanaId ? zone.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : zone.Id;

    private sealed record Abbreviation(string StandardName, TimeSpan Standard, string? DaylightName, TimeSpan Daylight);

    private static readonly FrozenDictionary<string, Abbreviation> Abbreviations = Build(
        ("GMT", 0, "BST", 1, "Europe/London Europe/Jersey Europe/Guernsey Europe/Isle_of_Man"),
        ("GMT", 0, "IST", 1, "Europe/Dublin"),
        ("WET", 0, "WEST", 1, "Europe/Lisbon Atlantic/Madeira Atlantic/Canary Atlantic/Faroe"),
        ("CET", 1, "CEST", 2,
            "Europe/Amsterdam Europe/Andorra Europe/Belgrade Europe/Berlin Europe/Bratislava Europe/Brussels Europe/Budapest " +
            "Europe/Busingen Europe/Copenhagen Europe/Gibraltar Europe/Ljubljana Europe/Luxembourg Europe/Madrid Europe/Malta " +
            "Europe/Monaco Europe/Oslo Europe/Paris Europe/Podgorica Europe/Prague Europe/Rome Europe/San_Marino Europe/Sarajevo " +
            "Europe/Skopje Europe/Stockholm Europe/Tirane Europe/Vaduz Europe/Vatican Europe/Vienna Europe/Warsaw Europe/Zagreb " +
            "Europe/Zurich Arctic/Longyearbyen Africa/Ceuta"),
        ("EET", 2, "EEST", 3,
            "Europe/Athens Europe/Bucharest Europe/Chisinau Europe/Helsinki Europe/Kyiv Europe/Kiev Europe/Mariehamn Europe/Riga " +
            "Europe/Sofia Europe/Tallinn Europe/Vilnius Asia/Nicosia Asia/Famagusta"),
        ("MSK", 3, null, 0, "Europe/Moscow Europe/Simferopol"),
        ("SAST", 2, null, 0, "Africa/Johannesburg"),
        ("IST", 5.5, null, 0, "Asia/Kolkata Asia/Calcutta"),
        ("HKT", 8, null, 0, "Asia/Hong_Kong"),
        ("JST", 9, null, 0, "Asia/Tokyo"),
        ("KST", 9, null, 0, "Asia/Seoul"),
        ("AWST", 8, null, 0, "Australia/Perth"),
        ("ACST", 9.5, "ACDT", 10.5, "Australia/Adelaide Australia/Broken_Hill Australia/Darwin"),
        ("AEST", 10, "AEDT", 11, "Australia/Sydney Australia/Melbourne Australia/Hobart Australia/Canberra Australia/Brisbane Australia/Lindeman"),
        ("NZST", 12, "NZDT", 13, "Pacific/Auckland Antarctica/McMurdo"),
        ("NST", -3.5, "NDT", -2.5, "America/St_Johns"),
        ("AST", -4, "ADT", -3, "America/Halifax America/Glace_Bay America/Moncton America/Goose_Bay Atlantic/Bermuda America/Thule"),
        ("EST", -5, "EDT", -4,
            "America/New_York America/Detroit America/Toronto America/Nassau America/Iqaluit America/Indiana/Indianapolis " +
            "America/Indianapolis America/Kentucky/Louisville America/Louisville America/Kentucky/Monticello America/Indiana/Vincennes " +
            "America/Indiana/Winamac America/Indiana/Marengo America/Indiana/Petersburg America/Indiana/Vevay US/Eastern EST5EDT"),
        ("CST", -6, "CDT", -5,
            "America/Chicago America/Winnipeg America/Indiana/Knox America/Indiana/Tell_City America/Menominee America/Matamoros " +
            "America/North_Dakota/Center America/North_Dakota/New_Salem America/North_Dakota/Beulah US/Central CST6CDT"),
        ("MST", -7, "MDT", -6,
            "America/Denver America/Boise America/Edmonton America/Cambridge_Bay America/Inuvik America/Ciudad_Juarez America/Phoenix " +
            "US/Mountain US/Arizona MST7MDT"),
        ("PST", -8, "PDT", -7, "America/Los_Angeles America/Vancouver America/Tijuana US/Pacific PST8PDT"),
        ("AKST", -9, "AKDT", -8, "America/Anchorage America/Juneau America/Sitka America/Nome America/Yakutat America/Metlakatla"),
        ("HST", -10, null, 0, "Pacific/Honolulu US/Hawaii"));

    private static FrozenDictionary<string, Abbreviation> Build(params (string Standard, double Offset, string? Daylight, double DaylightOffset, string Ids)[] groups) =>
        groups.SelectMany(g => g.Ids.Split(' ').Select(id => KeyValuePair.Create(id,
                new Abbreviation(g.Standard, TimeSpan.FromHours(g.Offset), g.Daylight, TimeSpan.FromHours(g.DaylightOffset)))))
            .ToFrozenDictionary(StringComparer.Ordinal);
}
