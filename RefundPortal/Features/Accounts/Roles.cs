using Microsoft.AspNetCore.Authorization;
using RefundPortal.Domain;

namespace RefundPortal.Features.Accounts;

/// <summary>
/// The Identity role names, for Identity itself, policies and <c>AuthorizeView</c>; everywhere else a role is an
/// <see cref="ActorRole"/>.
/// </summary>
public static class Roles
{
    public const string Buyer = nameof(ActorRole.Buyer);
    public const string Seller = nameof(ActorRole.Seller);
    public const string Arbiter = nameof(ActorRole.Arbiter);
    /// <summary>Runs the portal: people's roles, API clients, webhook endpoints. Never a party to a refund.</summary>
    public const string Admin = "Admin";

    public static readonly string[] All = [Buyer, Seller, Arbiter, Admin];

    /// <summary>The roles an admin grants and takes away; Buyer comes with every account.</summary>
    public static readonly string[] Granted = [Seller, Arbiter, Admin];

    public static string Of(ActorRole role) => role switch
    {
        ActorRole.Buyer => Buyer,
        ActorRole.Seller => Seller,
        ActorRole.Arbiter => Arbiter,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "The system holds no Identity role."),
    };
}

/// <summary>One policy per role; pages carry them and services check the same roles on the acting user.</summary>
public static class Policies
{
    public const string Buyer = "BuyerPolicy";
    public const string Seller = "SellerPolicy";
    public const string Arbiter = "ArbiterPolicy";
    public const string Admin = "AdminPolicy";

    public static AuthorizationBuilder AddRolePolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Buyer, p => p.RequireRole(Roles.Buyer))
        .AddPolicy(Seller, p => p.RequireRole(Roles.Seller))
        .AddPolicy(Arbiter, p => p.RequireRole(Roles.Arbiter))
        .AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
}
