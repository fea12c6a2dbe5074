using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RefundPortal.Data;
using RefundPortal.Features.Notifications;
using RefundPortal.Features.Refunds.Apply;

namespace RefundPortal.Features.Accounts;

public enum AccountDeletionOutcome { Deleted, IncorrectPassword, NotFound }

/// <summary>
/// "Delete data and close my account". Orders and refunds belong to the other party too, so the account is not removed
/// but anonymised: the person's name, addresses, phone, sign-in methods, address book, notifications and pending mail
/// go, the orders and refunds stay and show "Deleted user", and the account can never sign in again.
/// </summary>
public sealed class AccountDeletion(UserManager<ApplicationUser> users, IDbContextFactory<AppDbContext> dbFactory, ApplicationDrafts drafts,
    INotificationHub hub, ILogger<AccountDeletion> logger)
{
    public const string DeletedName = "Deleted user";

    /// <summary>
    /// Unique (Identity wants one email per account) and in the reserved .invalid domain, so it is never deliverable
    /// and no registration can take it.
    /// </summary>
    public static string PlaceholderEmail(string userId) => $"deleted-{userId}@invalid";

    /// <summary>Anonymises the account once its password (when it has one) is confirmed; all of it in one transaction.</summary>
    public async Task<AccountDeletionOutcome> DeleteAsync(string userId, string? password, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return AccountDeletionOutcome.NotFound;
        if (await users.HasPasswordAsync(user) && !await users.CheckPasswordAsync(user, password ?? ""))
            return AccountDeletionOutcome.IncorrectPassword;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var account = await db.Users.SingleAsync(u => u.Id == userId, ct);
        var formerEmail = account.Email ?? "";
        var placeholder = PlaceholderEmail(userId);
        account.DisplayName = DeletedName;
        account.UserName = account.Email = placeholder;
        account.NormalizedUserName = users.NormalizeName(placeholder);
        account.NormalizedEmail = users.NormalizeEmail(placeholder);
        account.EmailConfirmed = false;
        account.PhoneNumber = null;
        account.PhoneNumberConfirmed = false;
        account.TimeZoneId = null;
        account.PasswordHash = null;
        account.TwoFactorEnabled = false;
        // Locked for good: with no password, no login and no passkey there is nothing to sign in with anyway.
        account.LockoutEnabled = true;
        account.LockoutEnd = DateTimeOffset.MaxValue;
        account.AccessFailedCount = 0;
        // A new stamp (and no session rows) ends the account's sessions at their next request.
        account.SecurityStamp = Guid.NewGuid().ToString("N");
        account.ConcurrencyStamp = Guid.NewGuid().ToString();
        await db.SaveChangesAsync(ct);

        await SignInMethods.RemoveAllAsync(db, userId, ct);
        await db.UserRoles.Where(r => r.UserId == userId).ExecuteDeleteAsync(ct);
        // Requests keep their own copy of the address they were given (DESIGN section 4).
        await db.ReturnAddresses.Where(a => a.SellerId == userId).ExecuteDeleteAsync(ct);
        await db.Notifications.Where(n => n.UserId == userId).ExecuteDeleteAsync(ct);
        await db.EmailOptOuts.Where(o => o.UserId == userId).ExecuteDeleteAsync(ct);
        // The outbox keeps address, name and text; none of it is a record the other party needs.
        var upper = formerEmail.ToUpperInvariant();
        if (formerEmail.Length > 0)
            await db.OutboxEmails.Where(e => e.ToAddress == formerEmail || e.ToAddress.ToUpper() == upper).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        hub.PublishAccessChanged(userId);
        // Unsent applications hold the person's words and files; they go with their files, after the account is closed.
        await drafts.DiscardAllAsync(userId, ct);

        logger.LogInformation("User with ID '{UserId}' deleted their personal data and closed their account.", userId);
        return AccountDeletionOutcome.Deleted;
    }
}
