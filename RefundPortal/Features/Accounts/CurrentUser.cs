using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using RefundPortal.Domain;

namespace RefundPortal.Features.Accounts;

/// <summary>The signed-in user as services see it: every service call takes one and checks the role it needs.</summary>
public sealed record CurrentUser(string Id, string Email, IReadOnlySet<string> Roles)
{
    public bool IsBuyer => Roles.Contains(Accounts.Roles.Buyer);
    public bool IsSeller => Roles.Contains(Accounts.Roles.Seller);
    public bool IsArbiter => Roles.Contains(Accounts.Roles.Arbiter);

    /// <summary>Refuses the call unless the user holds the role (a page's policy is not enough).</summary>
    public Actor As(string role)
    {
        if (!Roles.Contains(role)) throw new ForbiddenException($"This needs the {role} role.");
        return role switch
        {
            Accounts.Roles.Buyer => Actor.Buyer(Id),
            Accounts.Roles.Seller => Actor.Seller(Id),
            Accounts.Roles.Arbiter => Actor.Arbiter(Id),
            _ => throw new ForbiddenException($"Unknown role {role}."),
        };
    }

    public static CurrentUser? From(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null || principal.Identity?.IsAuthenticated != true) return null;
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet();
        return new CurrentUser(id, principal.FindFirstValue(ClaimTypes.Email) ?? principal.Identity.Name ?? "", roles);
    }
}

/// <summary>A call by a user without the role it needs.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>Reads the signed-in user from the circuit's authentication state (never from HttpContext).</summary>
public sealed class CurrentUserAccessor(AuthenticationStateProvider authentication)
{
    public async Task<CurrentUser> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return CurrentUser.From(state.User) ?? throw new ForbiddenException("Sign in first.");
    }
}
