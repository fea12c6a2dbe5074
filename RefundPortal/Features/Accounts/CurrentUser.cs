using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using RefundPortal.Domain;

namespace RefundPortal.Features.Accounts;

/// <summary>The signed-in user as services see it: every service call takes one and checks the role it needs.</summary>
public sealed record CurrentUser(string Id, string Email, IReadOnlySet<string> Roles)
{
    public bool Is(ActorRole role) => role != ActorRole.System && Roles.Contains(Accounts.Roles.Of(role));
    public bool IsBuyer => Is(ActorRole.Buyer);
    public bool IsSeller => Is(ActorRole.Seller);
    public bool IsArbiter => Is(ActorRole.Arbiter);
    public bool IsAdmin => Roles.Contains(Accounts.Roles.Admin);

    /// <summary>Refuses the call unless the user is an admin (the admin services check it, not only the pages).</summary>
    public CurrentUser RequireAdmin() => IsAdmin ? this : throw new ForbiddenException(AccountsText.Get("Forbidden_NeedsAdmin"));

    /// <summary>Refuses the call unless the user holds the role (a page's policy is not enough).</summary>
    public Actor As(ActorRole role) =>
        Is(role) ? new Actor(Id, role) : throw new ForbiddenException(AccountsText.Format("Forbidden_NeedsRole", AccountsText.Get($"Role_{role}")));

    public static CurrentUser? From(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null || principal.Identity?.IsAuthenticated != true) return null;
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet();
        return new CurrentUser(id, principal.FindFirstValue(ClaimTypes.Email) ?? principal.Identity.Name ?? "", roles);
    }
}

/// <summary>Reads the signed-in user from the circuit's authentication state (never from HttpContext).</summary>
public sealed class CurrentUserAccessor(AuthenticationStateProvider authentication)
{
    public async Task<CurrentUser> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return CurrentUser.From(state.User) ?? throw new ForbiddenException(AccountsText.Get("SignInFirst"));
    }
}
