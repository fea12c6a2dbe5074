using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RefundPortal.Components.Account;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Notifications.Email;
using RefundPortal.Features.Shared;

namespace RefundPortal.Features.Integration.Orders;

/// <summary>A buyer or seller as the marketplace names them.</summary>
public sealed record MarketplaceParty(string ExternalId, string Email, string Name);

/// <summary>
/// The accounts behind the marketplace's people. Found by the marketplace's external id; an account that already has
/// the email (a person who registered first) is linked to the id; otherwise one is created, without a password, and
/// gets an email to set one. The role the order needs is added. Existing accounts keep the email and name their owner
/// chose: the feed never changes where a person's mail (and password resets) go.
/// </summary>
public sealed class MarketplaceUsers(
    UserManager<ApplicationUser> users,
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
            var created = false;
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
                created = true;
                logger.LogInformation("Created account {UserId} for marketplace user {ExternalId}.", user.Id, party.ExternalId);
            }
            if (!await users.IsInRoleAsync(user, role)) await users.AddToRoleAsync(user, role);
            if (created) await SendSetPasswordAsync(user);
            return user.Id;
        }
    }

    private async Task<ApplicationUser?> LinkByEmailAsync(MarketplaceParty party)
    {
        var user = await users.FindByEmailAsync(party.Email);
        if (user is null) return null;
        if (user.ExternalId is not null && user.ExternalId != party.ExternalId)
            throw new OrderConflictException($"The email {party.Email} belongs to another marketplace user.");
        user.ExternalId = party.ExternalId;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded) throw new OrderConflictException($"The account of {party.Email} cannot be linked: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        return user;
    }

    private async Task SendSetPasswordAsync(ApplicationUser user)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = urls.To("Account/ResetPassword", new Dictionary<string, string?> { ["code"] = EmailLinkCodes.Encode(token) });
        await email.SendWelcomeAsync(user, user.Email!, link);
    }
}
