using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Refunds;

namespace RefundPortal.Tests.Support;

/// <summary>The clock, the parties and the refund service of a <see cref="TestApp"/>, as the service-level tests use them.</summary>
public static class TestAppExtensions
{
    /// <summary>The fake clock's current time as the portal stores it (UTC <see cref="DateTime"/>).</summary>
    public static DateTime Now(this TestApp app) => app.Clock.GetUtcNow().UtcDateTime;

    public static RefundService Refunds(this TestApp app) => app.Get<RefundService>();

    public static RefundPolicy Policy(this TestApp app) => app.Get<RefundPolicy>();

    public static Task<CurrentUser> BuyerAsync(this TestApp app) => app.UserAsync(OrderFactory.BuyerEmail);
    public static Task<CurrentUser> Buyer2Async(this TestApp app) => app.UserAsync(OrderFactory.Buyer2Email);
    public static Task<CurrentUser> SellerAsync(this TestApp app) => app.UserAsync(OrderFactory.SellerEmail);
    public static Task<CurrentUser> Seller2Async(this TestApp app) => app.UserAsync(OrderFactory.Seller2Email);

    /// <summary>A new account with the given roles (and a recognisable email), for tests that need a party of their own.</summary>
    public static async Task<CurrentUser> NewUserAsync(this TestApp app, string prefix, params string[] roles)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)] + "@example.com";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"{prefix} {email[..^12]}" };
        var created = await users.CreateAsync(user, DemoWorld.Password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRolesAsync(user, roles);
        return new CurrentUser(user.Id, email, roles.ToHashSet());
    }

    /// <summary>A new buyer and a new seller, so that nothing else in the class's database is theirs.</summary>
    public static async Task<(CurrentUser Buyer, CurrentUser Seller)> NewBuyerAndSellerAsync(this TestApp app) =>
        (await app.NewUserAsync("buyer", Roles.Buyer), await app.NewUserAsync("seller", Roles.Seller));
}
