using Microsoft.EntityFrameworkCore;
using RefundPortal.Data;

namespace RefundPortal.Features.Accounts;

/// <summary>What lets someone into an account besides its password, and the sessions already in.</summary>
public static class SignInMethods
{
    /// <summary>
    /// Deletes the account's external logins, passkeys, tokens (the authenticator key and recovery codes), claims and
    /// sessions, in the caller's transaction. The password and the security stamp are the caller's to change.
    /// </summary>
    public static async Task RemoveAllAsync(AppDbContext db, string userId, CancellationToken ct)
    {
        await db.UserLogins.Where(l => l.UserId == userId).ExecuteDeleteAsync(ct);
        await db.UserPasskeys.Where(p => p.UserId == userId).ExecuteDeleteAsync(ct);
        await db.UserTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);
        await db.UserClaims.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
        await db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
    }
}
