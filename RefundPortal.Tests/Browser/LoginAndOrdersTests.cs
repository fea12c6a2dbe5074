using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RefundPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RefundPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class LoginAndOrdersTests(BrowserFixture browser)
{
    [Fact]
    public async Task DemoBuyerSeesTheSeededOrdersOnPurchasedItems()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.LogInAsync(page, "buyer@example.com");
        await Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync("buyer@example.com");

        await BrowserFixture.NavLink(page, "Purchased Items").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("purchased-items$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Purchased Items" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("order-card")).ToHaveCountAsync(20);
        await Expect(page.GetByTestId("order-count")).ToHaveTextAsync("33 orders");
        await Expect(page.GetByTestId("order-card").First).ToContainTextAsync("Product Status");

        await page.GetByTestId("order-search").FillAsync("Lantern");
        await Expect(page.GetByTestId("order-card").First).ToContainTextAsync("Camping Lantern");
        var cards = await page.GetByTestId("order-card").AllTextContentsAsync();
        Assert.All(cards, text => Assert.Contains("Lantern", text));
    }

    [Fact]
    public async Task OrderDetailsOpenForTheBuyerAndAreNotFoundForAnotherBuyer()
    {
        var buyer = await browser.NewPageAsync();
        await BrowserFixture.LogInAsync(buyer, "buyer@example.com");
        await buyer.GotoAsync("purchased-items");
        var first = buyer.GetByTestId("order-number").First;
        var number = (await first.TextContentAsync())!.Trim();
        await first.ClickAsync();
        await Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = $"Order {number}" })).ToBeVisibleAsync();
        var detailsUrl = buyer.Url;

        var other = await browser.NewPageAsync();
        await BrowserFixture.LogInAsync(other, "buyer2@example.com");
        await Expect(other.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await other.GotoAsync(detailsUrl);
        await Expect(other.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
        await Expect(other.GetByText(number)).ToHaveCountAsync(0);
    }

    /// <summary>A new account with the password "Right#Pass1", signed in.</summary>
    private async Task<(IPage Page, string Email)> RegisterAsync(string prefix)
    {
        var page = await browser.NewPageAsync();
        var email = $"{prefix}-{Guid.NewGuid():N}@example.com";
        await AccountPages.RegisterAsync(page, browser.App, email);
        return (page, email);
    }

    [Fact]
    public async Task APersonEditsTheirDisplayName()
    {
        var (page, email) = await RegisterAsync("name");

        await page.GotoAsync("Account/Manage");
        await Expect(page.Locator("#Input\\.DisplayName")).ToHaveValueAsync(email.Split('@')[0]);
        await page.Locator("#Input\\.DisplayName").FillAsync("   ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByText("Enter your display name.").First).ToBeVisibleAsync();

        await page.Locator("#Input\\.DisplayName").FillAsync("  Lin   Mei  ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).First).ToHaveTextAsync("Your profile has been updated");
        await page.GotoAsync("Account/Manage");
        await Expect(page.Locator("#Input\\.DisplayName")).ToHaveValueAsync("Lin Mei");

        // The phone number stays optional; one that is not a number is refused and changes nothing.
        await page.Locator("#Input\\.PhoneNumber").FillAsync("call me");
        await page.Locator("#Input\\.DisplayName").FillAsync("Someone Else");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).First).ToHaveTextAsync("Enter a valid phone number, or leave it empty.");
        await Expect(page.Locator("#Input\\.DisplayName")).ToHaveValueAsync("Lin Mei");
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccount()
    {
        var (page, email) = await RegisterAsync("lock");
        // A new account is a buyer.
        await Expect(BrowserFixture.NavLink(page, "Purchased Items")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Toolbar).GetByRole(AriaRole.Link, new() { Name = "Log in" })).ToBeVisibleAsync();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await BrowserFixture.LogInAsync(page, email, "Wrong#Pass1");
            await Expect(page.GetByText("Invalid login attempt.")).ToBeVisibleAsync();
        }
        await BrowserFixture.LogInAsync(page, email, "Wrong#Pass1");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Locked out" })).ToBeVisibleAsync();

        await BrowserFixture.LogInAsync(page, email, "Right#Pass1");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Locked out" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ConfirmReceiptWarnsFirstThenCompletesTheOrder()
    {
        var page = await browser.NewPageAsync(width: 390, height: 844);
        await BrowserFixture.LogInAsync(page, "buyer2@example.com");
        await page.GotoAsync("purchased-items");
        await BrowserFixture.SelectAsync(page, "order-status-filter", "Shipped");
        await page.GetByTestId("order-number").First.ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm Receipt" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("the payment goes to the seller");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm Receipt" }).ClickAsync();

        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Completed");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Confirm Receipt" })).ToHaveCountAsync(0);
    }
}
