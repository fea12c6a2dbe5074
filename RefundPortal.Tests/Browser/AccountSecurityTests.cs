using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RefundPortal.Data;
using RefundPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RefundPortal.Tests.Browser;

/// <summary>
/// Issue 23 as people meet it, on an app of this class's own with the rate limits a deployment has: a person who
/// mistypes is locked out by their account, not by the address; an email registered by someone else is the owner's once
/// the marketplace sends an order; access taken away ends in open pages; sessions are listed and ended.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AccountSecurityTests(BrowserFixture browser, AccountSecurityTests.DefaultLimitsApp own) : IClassFixture<AccountSecurityTests.DefaultLimitsApp>
{
    public sealed class DefaultLimitsApp : ServedApp
    {
        protected override IReadOnlyDictionary<string, string> Settings => AppServer.DefaultRateLimits;
    }

    private Task<IPage> NewPageAsync() => browser.NewPageAsync(own.App);

    [Fact]
    public async Task FiveWrongPasswordsInARowShowTheLockoutMessageNotTheAddresssLimit()
    {
        var page = await NewPageAsync();
        var email = $"typo-{Guid.NewGuid():N}@example.com";
        await AccountPages.RegisterAsync(page, own.App, email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Toolbar).GetByRole(AriaRole.Link, new() { Name = "Log in" })).ToBeVisibleAsync();

        // Each load of the log-in page asks for a passkey challenge by itself (autofill); none of that is an attempt.
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await BrowserFixture.LogInAsync(page, email, "Wrong#Pass1");
            await Expect(page.GetByText("Invalid login attempt.")).ToBeVisibleAsync();
            await Expect(page.GetByText("Too many")).ToHaveCountAsync(0);
        }
        await BrowserFixture.LogInAsync(page, email, "Wrong#Pass1");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Locked out" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AnEmailRegisteredBySomeoneElseGetsTheOwnersOrdersOnlyToTheOwner()
    {
        var email = $"victim-{Guid.NewGuid():N}"[..15] + "@shop.example";
        // The attacker registers the victim's address: no sign-in before it is confirmed.
        var attacker = await NewPageAsync();
        await attacker.GotoAsync("Account/Register");
        await AccountPages.FillRegistrationAsync(attacker, email, "Attacker#2026");
        await attacker.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Expect(attacker).ToHaveURLAsync(new Regex("Account/RegisterConfirmation"));
        await BrowserFixture.LogInAsync(attacker, email, "Attacker#2026");
        await Expect(attacker.GetByTestId("status-message")).ToHaveTextAsync("Confirm your email first: open the link we sent you, or send it again below.");
        await Expect(attacker.GetByTestId("signed-in-user")).ToHaveCountAsync(0);

        // The marketplace sends the victim's order.
        var number = $"MP-{Guid.NewGuid():N}"[..16];
        using (var api = new HttpClient { BaseAddress = own.App.BaseUrl })
        {
            api.DefaultRequestHeaders.Authorization = new("Bearer", DemoWorld.ApiKey);
            using var pushed = await api.PutAsJsonAsync($"api/v1/orders/{number}", new
            {
                buyer = new { externalId = "b-victim", email, name = "Vera Victim" },
                seller = new { externalId = "s-sunrise", email = OrderFactory.SellerEmail, name = "Sunrise Outdoor Co." },
                currency = "USD", shippingFee = 500, placedAt = DateTime.UtcNow.AddDays(-1).ToString("O"),
                lines = new[] { new { sku = "LAMP-1", name = "Desk lamp", quantity = 1, unitPrice = 1500 } },
            });
            Assert.Equal(HttpStatusCode.Created, pushed.StatusCode);
        }

        // The attacker's password is gone with everything else they set up.
        await BrowserFixture.LogInAsync(attacker, email, "Attacker#2026");
        await Expect(attacker.GetByText("Invalid login attempt.")).ToBeVisibleAsync();
        await Expect(attacker.GetByTestId("signed-in-user")).ToHaveCountAsync(0);

        // The owner sets a password through the welcome mail and finds their order.
        var owner = await NewPageAsync();
        await owner.GotoAsync(await AccountPages.LinkAsync(own.App, email, SetPasswordLink()));
        await owner.Locator("#Input\\.Email").FillAsync(email);
        await owner.Locator("#Input\\.Password").FillAsync("Owner#Pass26");
        await owner.Locator("#Input\\.ConfirmPassword").FillAsync("Owner#Pass26");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Save the new password" }).ClickAsync();
        await Expect(owner).ToHaveURLAsync(new Regex("Account/ResetPasswordConfirmation"));
        await BrowserFixture.LogInAsync(owner, email, "Owner#Pass26");
        await Expect(owner.GetByTestId("signed-in-user")).ToContainTextAsync(email);
        await owner.GotoAsync("purchased-items");
        await Expect(owner.GetByText(number)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ARoleTakenAwayEndsAccessInTheOpenPageAndAtTheNextRequest()
    {
        var seller = await NewPageAsync();
        await BrowserFixture.LogInAsync(seller, OrderFactory.Seller2Email);
        await seller.GotoAsync("sold-items");
        await Expect(seller.GetByRole(AriaRole.Heading, new() { Name = "Sold Items" })).ToBeVisibleAsync();

        var admin = await NewPageAsync();
        await BrowserFixture.LogInAsync(admin, "admin@example.com");
        await admin.GotoAsync("admin/users");
        await admin.GetByTestId("user-search").FillAsync(OrderFactory.Seller2Email);
        // The search has answered (one row left) before the switch is used: a click during its re-render is lost.
        await Expect(admin.GetByTestId("user-row")).ToHaveCountAsync(1);
        var row = admin.GetByTestId("user-row").Filter(new() { HasText = OrderFactory.Seller2Email });
        await row.GetByTestId("role-Seller").SetCheckedAsync(false);
        await Expect(admin.GetByText($"{OrderFactory.Seller2Email} is no longer Seller.")).ToBeVisibleAsync();

        // The open page, without a reload: the page and its menu item are gone, the person still signed in.
        await Expect(seller.GetByRole(AriaRole.Heading, new() { Name = "Not available to your account" })).ToBeVisibleAsync();
        await Expect(BrowserFixture.NavLink(seller, "Sold Items")).ToHaveCountAsync(0);
        await Expect(seller.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        // A new request, from the same cookie (the server's own "access denied", a static page).
        await seller.GotoAsync("sold-items");
        await Expect(seller.GetByRole(AriaRole.Heading, new() { Name = "Not available to your account" })).ToBeVisibleAsync();

        await row.GetByTestId("role-Seller").SetCheckedAsync(true);
        await Expect(admin.GetByText($"{OrderFactory.Seller2Email} is now Seller.")).ToBeVisibleAsync();
        // Given back, the role is there at the next request without signing in again.
        await seller.GotoAsync("sold-items");
        await Expect(seller.GetByRole(AriaRole.Heading, new() { Name = "Sold Items" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task APersonSeesTheirSessionsAndSignsOutEverywhereElseIncludingOpenPages()
    {
        var email = $"sessions-{Guid.NewGuid():N}@example.com";
        var laptop = await NewPageAsync();
        await AccountPages.RegisterAsync(laptop, own.App, email);
        var phone = await browser.NewPageAsync(own.App, 390, 844);
        await BrowserFixture.LogInAsync(phone, email, AccountPages.NewPassword);
        await phone.GotoAsync("purchased-items");
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Purchased Items" })).ToBeVisibleAsync();

        await laptop.GotoAsync("Account/Manage/Sessions");
        await Expect(laptop.GetByTestId("session")).ToHaveCountAsync(2);
        await Expect(laptop.GetByTestId("session").Filter(new() { HasText = "This device" })).ToContainTextAsync("Chrome on Linux");
        await laptop.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere else" }).ClickAsync();
        await Expect(laptop.GetByTestId("status-message")).ToHaveTextAsync("Signed out of 1 other session(s).");
        await Expect(laptop.GetByTestId("session")).ToHaveCountAsync(1);

        // The phone's open page is signed out at once and sent to the log-in page.
        await Expect(phone).ToHaveURLAsync(new Regex("Account/Login"));
        await phone.GotoAsync("purchased-items");
        await Expect(phone).ToHaveURLAsync(new Regex("Account/Login"));

        // A new password signs out every other browser too, and keeps the one that changed it.
        await BrowserFixture.LogInAsync(phone, email, AccountPages.NewPassword);
        await Expect(phone.GetByTestId("signed-in-user")).ToContainTextAsync(email);
        await laptop.GotoAsync("Account/Manage/ChangePassword");
        await laptop.Locator("#Input\\.OldPassword").FillAsync(AccountPages.NewPassword);
        await laptop.Locator("#Input\\.NewPassword").FillAsync("Newer#Pass2");
        await laptop.Locator("#Input\\.ConfirmPassword").FillAsync("Newer#Pass2");
        await laptop.GetByRole(AriaRole.Button, new() { Name = "Change password", Exact = true }).ClickAsync();
        await Expect(laptop.GetByTestId("status-message")).ToHaveTextAsync("Your password has been changed");
        await phone.GotoAsync("purchased-items");
        await Expect(phone).ToHaveURLAsync(new Regex("Account/Login"));
        await laptop.GotoAsync("purchased-items");
        await Expect(laptop.GetByRole(AriaRole.Heading, new() { Name = "Purchased Items" })).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"https?://\S+?/Account/ResetPassword\?code=\S+")]
    private static partial Regex SetPasswordLink();
}
