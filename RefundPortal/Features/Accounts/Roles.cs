using Microsoft.AspNetCore.Authorization;

namespace RefundPortal.Features.Accounts;

public static class Roles
{
    public const string Buyer = nameof(Buyer);
    public const string Seller = nameof(Seller);
    public const string Arbiter = nameof(Arbiter);

    public static readonly string[] All = [Buyer, Seller, Arbiter];
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
