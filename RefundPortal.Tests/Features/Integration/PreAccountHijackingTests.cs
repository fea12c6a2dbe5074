using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RefundPortal.Data;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Accounts.Sessions;
using RefundPortal.Features.Integration.Orders;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Integration;

/// <summary>
/// The order feed and accounts someone registered with another person's email ("pre-account hijacking"): an account
/// whose owner never confirmed the email is not linked as it is; it is reclaimed for the marketplace's person, with
/// everything the registrant set up gone. A confirmed account is linked and keeps everything.
/// </summary>
public sealed class PreAccountHijackingTests(TestApp app) : IClassFixture<TestApp>
{
    private const string AttackerPassword = "Attacker#2026";

    private static string NewEmail(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)] + "@shop.example";

    private async Task<ApplicationUser> RegisterAsync(string email, bool confirmed)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = confirmed, DisplayName = "Registrant", Language = "zh-CN", PhoneNumber = "+1 555 0100" };
        Assert.True((await users.CreateAsync(user, AttackerPassword)).Succeeded);
        await users.AddToRoleAsync(user, Roles.Buyer);
        Assert.True((await users.AddLoginAsync(user, new UserLoginInfo("Google", $"g-{user.Id}", "Google"))).Succeeded);
        await users.ResetAuthenticatorKeyAsync(user);
        return user;
    }

    private async Task<ClaimsPrincipal> SessionOfAsync(ApplicationUser user)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(user);
        var id = await app.Get<UserSessions>().StartAsync(principal, new ClaimsPrincipal(), "curl/8", CancellationToken.None);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(UserSessions.ClaimType, id));
        return principal;
    }

    private async Task<OrderResource> PushOrderAsync(string buyerExternalId, string buyerEmail, string buyerName = "Vera Victim")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var input = new OrderInput(new PartyInput(buyerExternalId, buyerEmail, buyerName), new PartyInput("s-hijack", OrderFactory.SellerEmail, "Sunrise"),
            "USD", 500, app.Now().AddDays(-1), null, null, null, [new OrderLineInput("LAMP-1", "Desk lamp", 1, 1500)]);
        return (await scope.ServiceProvider.GetRequiredService<OrderImport>().UpsertAsync($"MP-{Guid.NewGuid():N}"[..16], input, CancellationToken.None)).Order;
    }

    private async Task<ApplicationUser> ReloadAsync(string id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(id))!;
    }

    [Fact]
    public async Task AnUnconfirmedAccountWithTheBuyersEmailIsReclaimedAndItsRegistrantShutOut()
    {
        var email = NewEmail("victim");
        var squatter = await RegisterAsync(email, confirmed: false);
        var squattersSession = await SessionOfAsync(squatter);

        var order = await PushOrderAsync("b-victim", email);

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var account = (await users.FindByIdAsync(squatter.Id))!;
        await using var db = app.NewDb();
        Assert.Equal(squatter.Id, await db.Orders.Where(o => o.Number == order.OrderNumber).Select(o => o.BuyerId).SingleAsync());
        // Nothing the registrant set up lets them in any more, and their session is over.
        Assert.False(await users.HasPasswordAsync(account));
        Assert.False(await users.CheckPasswordAsync(account, AttackerPassword));
        Assert.Empty(await users.GetLoginsAsync(account));
        Assert.Null(await users.GetAuthenticatorKeyAsync(account));
        Assert.False(account.TwoFactorEnabled);
        Assert.NotEqual(squatter.SecurityStamp, account.SecurityStamp);
        Assert.Null(await app.Get<UserSessions>().ValidateAsync(squattersSession, CancellationToken.None));
        // The account is now the marketplace's person: their name, the email vouched for, none of the registrant's choices.
        Assert.Equal(("b-victim", "Vera Victim", true, null, null), (account.ExternalId, account.DisplayName, account.EmailConfirmed, account.PhoneNumber, account.Language));
        // The real owner of the address is the one who can set a password: the welcome mail goes there.
        var welcome = await db.OutboxEmails.Where(e => e.ToAddress == email).OrderBy(e => e.Id).Select(e => e.TextBody).ToListAsync();
        Assert.Contains(welcome, body => body.Contains("/Account/ResetPassword?code=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAccountLinkedUnconfirmedBeforeIsReclaimedAtTheNextOrder()
    {
        var email = NewEmail("early");
        var squatter = await RegisterAsync(email, confirmed: false);
        // As an earlier version of the feed left it: linked to the marketplace's id, the email still unconfirmed.
        await using (var db = app.NewDb())
            await db.Users.Where(u => u.Id == squatter.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.ExternalId, "b-early"));

        await PushOrderAsync("b-early", email);

        var account = await ReloadAsync(squatter.Id);
        Assert.True(account.EmailConfirmed);
        Assert.Null(account.PasswordHash);
        // A second order changes nothing more: no second welcome mail, no new stamp.
        var stamp = account.SecurityStamp;
        await PushOrderAsync("b-early", email);
        Assert.Equal(stamp, (await ReloadAsync(squatter.Id)).SecurityStamp);
        await using var check = app.NewDb();
        Assert.Equal(1, await check.OutboxEmails.CountAsync(e => e.ToAddress == email && e.TextBody.Contains("/Account/ResetPassword?code=")));
    }

    [Fact]
    public async Task AConfirmedAccountIsLinkedAndKeepsItsPasswordNameAndSignInMethods()
    {
        var email = NewEmail("owner");
        var owner = await RegisterAsync(email, confirmed: true);
        var session = await SessionOfAsync(owner);

        await PushOrderAsync("b-owner", email, "Marketplace Name");

        var account = await ReloadAsync(owner.Id);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.True(await users.CheckPasswordAsync(account, AttackerPassword));
        Assert.Single(await users.GetLoginsAsync(account));
        Assert.Equal(("b-owner", "Registrant", owner.SecurityStamp), (account.ExternalId, account.DisplayName, account.SecurityStamp));
        Assert.NotNull(await app.Get<UserSessions>().ValidateAsync(session, CancellationToken.None));
        await using var db = app.NewDb();
        Assert.Equal(0, await db.OutboxEmails.CountAsync(e => e.ToAddress == email));
    }
}
