using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RefundPortal.Components.Account;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Notifications.Email;
using RefundPortal.Features.Shared;

namespace RefundPortal.Features.Integration.Orders;

/// <summary>A buyer or seller as the marketplace names them.</summary>
public sealed record MarketplaceParty(string ExternalId, string Email, string Name);

/// <summary>
/// The accounts behind the marketplace's people. Found by the marketplace's external id; an account whose owner
/// confirmed the same email is linked to the id; otherwise one is created, without a password, and gets an email to
/// set one. The role the order needs is added. Existing accounts keep the email and name their owner chose: the feed
/// never changes where a person's mail (and password resets) go.
/// </summary>
/// <remarks>
/// An account that merely claims the email, unconfirmed, is not its owner's: anyone can register someone else's
/// address ("pre-account hijacking", Sudhodanan and Paverd 2022). The marketplace vouches for the email it sends, so
/// such an account is reclaimed for the marketplace's person instead (<see cref="ReclaimAsync"/>): every way of
/// signing in the registrant set up and every session go, and the welcome mail to that address lets the real owner set
/// a password.
/// </remarks>
public sealed class MarketplaceUsers(
    UserManager<ApplicationUser> users,
    AppDbContext identityDb,
    OutboxIdentityEmailSender email,
    PublicUrls urls,
    ILogger<MarketplaceUsers> logger)
{
    public async Task<string> ResolveAsync(MarketplaceParty party, string role, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var user = await users.Users.SingleOrDefaultAsync(u => u.ExternalId == party.ExternalId, ct)
                       ?? await LinkByEmailAsync(party);
            var welcome = false;
            if (user is null)
            {
                user = new ApplicationUser
                {
                    UserName = party.Email, Email = party.Email, EmailConfirmed = true, DisplayName = party.Name, ExternalId = party.ExternalId,
                };
                var result = await users.CreateAsync(user);
                if (!result.Succeeded)
                {
                    // Most likely the same person being created by a concurrent call: look again once.
                    if (attempt < 2) continue;
                    throw new DomainException($"The account for {party.Email} cannot be created: {string.Join(" ", result.Errors.Select(e => e.Description))}");
                }
                welcome = true;
                logger.LogInformation("Created account {UserId} for marketplace user {ExternalId}.", user.Id, party.ExternalId);
            }
            else if (IsUnconfirmedClaimOf(user, party))
            {
                // Linked by an earlier version of this rule, or found by email just now.
                await ReclaimAsync(user, party, ct);
                welcome = true;
            }
            if (!await users.IsInRoleAsync(user, role)) await users.AddToRoleAsync(user, role);
            if (welcome) await SendSetPasswordAsync(user);
            return user.Id;
        }
    }

    private async Task<ApplicationUser?> LinkByEmailAsync(MarketplaceParty party)
    {
        var user = await users.FindByEmailAsync(party.Email);
        if (user is null) return null;
        if (user.ExternalId is not null && user.ExternalId != party.ExternalId)
            throw new OrderConflictException($"The email {party.Email} belongs to another marketplace user.");
        if (IsUnconfirmedClaimOf(user, party)) return user; // reclaimed, and linked there, in one transaction
        user.ExternalId = party.ExternalId;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded) throw new OrderConflictException($"The account of {party.Email} cannot be linked: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        return user;
    }

    /// <summary>An account holding the party's email that its owner never confirmed (a closed account's email is a placeholder, never this).</summary>
    private bool IsUnconfirmedClaimOf(ApplicationUser user, MarketplaceParty party) =>
        !user.EmailConfirmed && user.NormalizedEmail == users.NormalizeEmail(party.Email);

    /// <summary>
    /// Makes an unconfirmed account the marketplace person's, in one transaction: its password, passkeys, external
    /// logins, authenticator and recovery codes, claims, sessions and the roles an admin grants go, and so do the name,
    /// phone, zone and language the registrant chose; the email counts as confirmed (as for an account the feed
    /// creates) and a new security stamp ends any session still open. The row stays, with its id.
    /// </summary>
    private async Task ReclaimAsync(ApplicationUser user, MarketplaceParty party, CancellationToken ct)
    {
        await using var transaction = await identityDb.Database.BeginTransactionAsync(ct);
        await SignInMethods.RemoveAllAsync(identityDb, user.Id, ct);
        var granted = await identityDb.Roles.Where(r => Roles.Granted.Contains(r.Name!)).Select(r => r.Id).ToListAsync(ct);
        await identityDb.UserRoles.Where(r => r.UserId == user.Id && granted.Contains(r.RoleId)).ExecuteDeleteAsync(ct);
        user.ExternalId = party.ExternalId;
        user.DisplayName = party.Name;
        user.EmailConfirmed = true;
        user.PasswordHash = null;
        user.PhoneNumber = null;
        user.PhoneNumberConfirmed = false;
        user.TwoFactorEnabled = false;
        user.TimeZoneId = null;
        user.Language = null;
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        var result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded) throw new OrderConflictException($"The account of {party.Email} cannot be linked: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        await transaction.CommitAsync(ct);
        logger.LogWarning("Account {UserId} held the email of marketplace user {ExternalId} unconfirmed: its sign-in methods and sessions were removed " +
                          "and it was linked to the marketplace user, who gets an email to set a password.", user.Id, party.ExternalId);
    }

    private async Task SendSetPasswordAsync(ApplicationUser user)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = urls.To("Account/ResetPassword", new Dictionary<string, string?> { ["code"] = EmailLinkCodes.Encode(token) });
        await email.SendWelcomeAsync(user, user.Email!, link);
    }
}
