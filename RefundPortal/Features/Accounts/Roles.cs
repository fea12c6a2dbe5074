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

    public static readonly string[] All = [Buyer, Seller, Arbiter];

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

    public static AuthorizationBuilder AddRolePolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Buyer, p => p.RequireRole(Roles.Buyer))
        .AddPolicy(Seller, p => p.RequireRole(Roles.Seller))
        .AddPolicy(Arbiter, p => p.RequireRole(Roles.Arbiter));
}
