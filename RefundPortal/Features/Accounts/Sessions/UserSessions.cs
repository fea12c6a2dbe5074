using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RefundPortal.Data;
using RefundPortal.Features.Notifications;

namespace RefundPortal.Features.Accounts.Sessions;

/// <summary>A signed-in browser as the account's "Active sessions" page lists it.</summary>
public sealed record SessionRow(string Id, string? Browser, string? Platform, DateTime CreatedAt, DateTime LastSeenAt, bool IsCurrent);

/// <summary>
/// The server side of every sign-in cookie (<see cref="UserSession"/>): started when a cookie is issued, checked on
/// every request and by every open page, ended by signing out, by "Sign out everywhere else", and by a new security
/// stamp. The check also reads the account's roles, so a role taken away is gone at the person's next request, and
/// open pages hear of it through the hub at once (<see cref="INotificationHub.PublishAccessChanged"/>).
/// </summary>
public sealed class UserSessions(
    IDbContextFactory<AppDbContext> dbFactory,
    IServiceScopeFactory scopes,
    IOptions<IdentityOptions> identity,
    INotificationHub hub,
    TimeProvider clock)
{
    public const string ClaimType = "rp:sid";
    /// <summary>How stale "last seen" may be: a request writes it at most this often.</summary>
    public static readonly TimeSpan LastSeenPrecision = TimeSpan.FromMinutes(5);
    /// <summary>A session unseen this long is gone (the sign-in cookie lives 14 days at most; purged hourly).</summary>
    public static readonly TimeSpan Unused = TimeSpan.FromDays(14);
    private const int MaxListed = 50;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private string StampClaim => identity.Value.ClaimsIdentity.SecurityStampClaimType;

    /// <summary>
    /// The session of a cookie being issued for <paramref name="signingIn"/>. A refresh of the signed-in person's own
    /// cookie (after a password change, say) keeps its session and moves it to the new stamp; any other sign-in starts one.
    /// </summary>
    public async Task<string> StartAsync(ClaimsPrincipal signingIn, ClaimsPrincipal current, string? userAgent, CancellationToken ct)
    {
        var userId = signingIn.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A sign-in without a user id.");
        var stamp = signingIn.FindFirstValue(StampClaim) ?? "";
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (IdOf(current) is { } kept && current.FindFirstValue(ClaimTypes.NameIdentifier) == userId
            && await db.UserSessions.Where(s => s.Id == kept && s.UserId == userId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.SecurityStamp, stamp).SetProperty(s => s.LastSeenAt, now), ct) == 1)
            return kept;
        var (browser, platform) = DeviceNames.Of(userAgent);
        var session = new UserSession
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(UserSession.IdLength / 2)),
            UserId = userId, SecurityStamp = stamp, Browser = browser, Platform = platform, CreatedAt = now, LastSeenAt = now,
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    /// <summary>
    /// The principal a cookie or an open page may go on with: null when its session ended (signed out elsewhere, a new
    /// stamp, the account closed); the same one when nothing changed; a fresh one when the account's roles changed.
    /// </summary>
    public async Task<ClaimsPrincipal?> ValidateAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (IdOf(principal) is not { } id || userId is null) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await (from s in db.UserSessions
                           join u in db.Users on s.UserId equals u.Id
                           where s.Id == id && s.UserId == userId
                           select new { s.SecurityStamp, UserStamp = u.SecurityStamp, s.LastSeenAt }).ToListAsync(ct);
        if (found is not [var session] || session.SecurityStamp != session.UserStamp) return null;
        var now = Now;
        if (now - session.LastSeenAt >= LastSeenPrecision)
            await db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), ct);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name).ToListAsync(ct);
        var held = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet();
        return held.SetEquals(roles) ? principal : await FreshAsync(principal, userId);
    }

    /// <summary>The account's claims as they are now, keeping the session and how the person signed in.</summary>
    private async Task<ClaimsPrincipal?> FreshAsync(ClaimsPrincipal principal, string userId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByIdAsync(userId) is not { } user) return null;
        var fresh = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(user);
        var identity = (ClaimsIdentity)fresh.Identity!;
        foreach (var kept in principal.Claims.Where(c => c.Type is ClaimType or "amr")) identity.AddClaim(new Claim(kept.Type, kept.Value));
        return fresh;
    }

    /// <summary>Ends the session of this principal (signing out).</summary>
    public async Task EndAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (IdOf(principal) is not { } id) return;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.UserSessions.Where(s => s.Id == id).ExecuteDeleteAsync(ct);
    }

    /// <summary>The account's live sessions, the most recently seen first (at most 50).</summary>
    public async Task<IReadOnlyList<SessionRow>> ListAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var current = IdOf(principal);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var since = Now - Unused;
        return await (from s in db.UserSessions
                      join u in db.Users on s.UserId equals u.Id
                      where s.UserId == userId && s.SecurityStamp == u.SecurityStamp && s.LastSeenAt > since
                      orderby s.LastSeenAt descending, s.Id
                      select new SessionRow(s.Id, s.Browser, s.Platform, s.CreatedAt, s.LastSeenAt, s.Id == current))
            .Take(MaxListed).ToListAsync(ct);
    }

    /// <summary>"Sign out everywhere else": every other session of the account ends now, open pages included.</summary>
    public async Task<int> EndOthersAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in.");
        var current = IdOf(principal);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ended = await db.UserSessions.Where(s => s.UserId == userId && s.Id != current).ExecuteDeleteAsync(ct);
        hub.PublishAccessChanged(userId);
        return ended;
    }

    /// <summary>
    /// After a change that ends sessions through the security stamp (a new or reset password): every open page of the
    /// account checks its session now, rather than within <see cref="CircuitAuthenticationStateProvider.Interval"/>.
    /// </summary>
    public void StampChanged(string userId) => hub.PublishAccessChanged(userId);

    /// <summary>Deletes sessions unseen for <see cref="Unused"/> or issued under an old stamp; returns how many.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        var before = Now - Unused;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.UserSessions
            .Where(s => s.LastSeenAt < before || !db.Users.Any(u => u.Id == s.UserId && u.SecurityStamp == s.SecurityStamp))
            .ExecuteDeleteAsync(ct);
    }

    public static string? IdOf(ClaimsPrincipal principal) => principal.FindFirstValue(ClaimType);
}
