using RefundPortal.Domain;

namespace RefundPortal.Features.Accounts;

/// <summary>
/// The reader's time zone for one circuit (or one static request), and times written in it with the zone named. The
/// zone is resolved once, when the circuit starts: the zone chosen in the account, else the browser's (the <c>tz</c>
/// cookie wwwroot/time-zone.js writes), else UTC. The domain and the database stay in UTC.
/// </summary>
public sealed class ReaderTime(TimeZonePreference preference, TimeProvider clock, ILogger<ReaderTime> logger)
{
    /// <summary>The cookie the browser's script writes its IANA zone into.</summary>
    public const string CookieName = "tz";

    public LocalTimes Times { get; private set; } = LocalTimes.Utc;

    /// <summary>The browser's zone as its cookie said it, when the cookie named a zone the system knows.</summary>
    public TimeZoneInfo? BrowserZone { get; private set; }

    /// <summary>The zone chosen in the account, if any.</summary>
    public TimeZoneInfo? ChosenZone { get; private set; }

    public TimeZoneInfo Zone => Times.Zone;

    /// <summary>Resolves the zone: the account's choice, else the browser's cookie (a bad one is ignored), else UTC.</summary>
    public async Task ResolveAsync(CurrentUser? user, string? browserZoneId, CancellationToken ct = default)
    {
        BrowserZone = TimeZones.Find(browserZoneId);
        string? chosen = null;
        if (user is not null)
        {
            try
            {
                chosen = await preference.GetAsync(user, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Times in the browser's zone are better than no page at all.
                logger.LogWarning(e, "The time zone of user {UserId} could not be read; using the browser's.", user.Id);
            }
        }
        Use(TimeZones.Find(chosen), BrowserZone);
    }

    /// <summary>Sets the zones directly: what <see cref="ResolveAsync"/> does once it has read them.</summary>
    public void Use(TimeZoneInfo? chosen, TimeZoneInfo? browser)
    {
        (ChosenZone, BrowserZone) = (chosen, browser);
        Times = new LocalTimes(chosen ?? browser ?? TimeZoneInfo.Utc);
    }

    /// <summary>"3 Dec 2026 14:05 CET".</summary>
    public string Moment(DateTime utc) => Times.Moment(utc);

    /// <summary>"3 Dec 2026", the day in the reader's zone.</summary>
    public string Day(DateTime utc) => Times.Day(utc);

    /// <summary>"3 Dec 14:05 CET" this year, "3 Dec 2025 14:05 CET" before.</summary>
    public string MessageTime(DateTime utc) => Times.MessageTime(utc, clock.GetUtcNow().UtcDateTime);
}
