using Microsoft.EntityFrameworkCore;
using RefundPortal.Data;
using RefundPortal.Domain;

namespace RefundPortal.Features.Accounts;

/// <summary>
/// The time zone a person chose in their account, which wins over their browser's. Stored as the system's id of the
/// zone; null means "use my browser's time zone".
/// </summary>
public sealed class TimeZonePreference(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The signed-in user's chosen zone id, or null when they follow their browser.</summary>
    public async Task<string?> GetAsync(CurrentUser user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.Where(u => u.Id == user.Id).Select(u => u.TimeZoneId).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// Sets the user's zone (null or empty: follow the browser). Returns the message for an id the system does not
    /// know, and then changes nothing.
    /// </summary>
    public async Task<string?> SetAsync(CurrentUser user, string? zoneId, CancellationToken ct = default)
    {
        string? stored = null;
        if (!string.IsNullOrEmpty(zoneId))
        {
            if (TimeZones.Find(zoneId) is not { } zone) return AccountsText.Get("TimeZone_Unknown");
            stored = zone.Id;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZoneId, stored), ct);
        return null;
    }

    /// <summary>
    /// The zones a person can choose from, grouped by region ("Africa", "America", … with "UTC" first), each region's
    /// zones by name: "Berlin", "Argentina/Buenos Aires".
    /// </summary>
    public static IReadOnlyList<(string Region, IReadOnlyList<(string Id, string Name)> Zones)> Choices(DateTime nowUtc) =>
        [.. TimeZoneInfo.GetSystemTimeZones()
            .Where(z => z.HasIanaId && z.Id.Contains('/') && !z.Id.StartsWith("Etc/", StringComparison.Ordinal))
            .Select(z => (Zone: z, Region: z.Id[..z.Id.IndexOf('/')], Place: z.Id[(z.Id.IndexOf('/') + 1)..].Replace('_', ' ')))
            .GroupBy(z => z.Region)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<(string, string)>)[.. g.OrderBy(z => z.Place, StringComparer.Ordinal)
                .Select(z => (z.Zone.Id, $"{z.Place} ({TimeZones.NameAt(z.Zone, nowUtc)})"))]))
            .Prepend(("UTC", [(TimeZoneInfo.Utc.Id, "UTC")]))];
}
