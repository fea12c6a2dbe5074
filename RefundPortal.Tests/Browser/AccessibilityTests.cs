using Microsoft.Playwright;
using RefundPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RefundPortal.Tests.Browser;

/// <summary>Every page of every role, checked by axe-core (WCAG 2.2 AA): no critical or serious violation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser, OwnApp own) : IClassFixture<OwnApp>
{
    private async Task<IPage> SignedInAsync(string email)
    {
        var page = await browser.NewPageAsync(own.App);
        await BrowserFixture.LogInAsync(page, email);
        await Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Opens each page, waits until it has loaded its data, and collects what axe finds, page by page.</summary>
    private static async Task<List<string>> CheckAsync(IPage page, IEnumerable<string> paths)
    {
        var found = new List<string>();
        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            await SettledAsync(page);
            found.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => $"{path}: {v}"));
        }
        return found;
    }

    private static async Task SettledAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Expect(page.Locator("h1").First).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-progress-linear")).ToHaveCountAsync(0);
    }

    private static async Task<string> FirstHrefAsync(IPage page, string list, string testId)
    {
        await page.GotoAsync(list);
        var link = page.GetByTestId(testId).First;
        await Expect(link).ToBeVisibleAsync();
        return (await link.GetAttributeAsync("href"))!;
    }

    private static void AssertNone(List<string> violations) =>
        Assert.True(violations.Count == 0, "axe found:\n" + string.Join("\n", violations));

    [Fact]
    public async Task SignedOutPagesHaveNoSeriousViolations()
    {
        var page = await browser.NewPageAsync(own.App);
        AssertNone(await CheckAsync(page, ["Account/Login", "Account/Register", "Account/ForgotPassword", "Account/ResendEmailConfirmation",
            "Account/ForgotPasswordConfirmation", "Account/Lockout", "Account/InvalidPasswordReset", "not-found"]));
    }

    [Fact]
    public async Task TheAccountFormsWithTheirRefusalsHaveNoSeriousViolations()
    {
        var page = await browser.NewPageAsync(own.App);
        await page.GotoAsync("Account/Register");
        await page.Locator("#Input\\.Email").FillAsync("not an address");
        await page.Locator("#Input\\.Password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Expect(page.Locator(".validation-message").First).ToBeVisibleAsync();
        await SettledAsync(page);
        var found = (await Axe.SeriousViolationsAsync(page)).Select(v => $"register with refusals: {v}").ToList();

        await page.GotoAsync("Account/Login");
        await BrowserFixture.LogInAsync(page, "nobody@example.com", "Wrong#Pass1");
        await Expect(page.GetByTestId("status-message")).ToBeVisibleAsync();
        await SettledAsync(page);
        found.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => $"login refused: {v}"));
        AssertNone(found);
    }

    [Fact]
    public async Task TheAccountSettingsPagesHaveNoSeriousViolations()
    {
        var page = await SignedInAsync("seller2@example.com");
        AssertNone(await CheckAsync(page, ["Account/Manage", "Account/Manage/Email", "Account/Manage/ChangePassword",
            "Account/Manage/TwoFactorAuthentication", "Account/Manage/EnableAuthenticator", "Account/Manage/Passkeys",
            "Account/Manage/PersonalData", "Account/Manage/DeletePersonalData"]));
    }

    [Fact]
    public async Task TheBuyersAndTheSellersPagesHaveNoSeriousViolations()
    {
        var buyer = await SignedInAsync("buyer@example.com");
        await buyer.GotoAsync("purchased-items");
        var received = buyer.GetByTestId("order-card").Filter(new() { HasText = "Sunrise Outdoor Co." }).Filter(new() { HasText = "Received" })
            .Filter(new() { HasNotText = "Completed" });
        var order = await FirstHrefAsync(buyer, "purchased-items", "order-number");
        // The wizard's first step, then a request to show on both sides.
        await received.GetByTestId("apply-for-refund").First.ClickAsync();
        await SettledAsync(buyer);
        var found = (await Axe.SeriousViolationsAsync(buyer)).Select(v => $"apply-refund: {v}").ToList();
        await buyer.GotoAsync("purchased-items");
        await BrowserFixture.ApplyForRefundAsync(buyer, received.First, "Refund only", "Wrong item", "A different colour came.", BrowserFixture.Png("colour.png"));
        var refund = new Uri(buyer.Url).AbsolutePath.TrimStart('/');
        found.AddRange(await CheckAsync(buyer, ["", "purchased-items", "my-refunds", order, refund, "notifications", "notifications/email", "Account/Manage", "Account/Manage/TimeZone"]));

        var seller = await SignedInAsync("seller@example.com");
        var sold = await FirstHrefAsync(seller, "sold-items", "order-number");
        found.AddRange(await CheckAsync(seller, ["", "sold-items", "refund-management", sold, refund, "return-addresses", $"{sold}/immediate-refund"]));
        AssertNone(found);
    }

    [Fact]
    public async Task TheTranslatedPagesInChineseHaveNoSeriousViolations()
    {
        // A Chinese browser: <html lang="zh-CN">, the sign-in page, Home and "Purchased Items" in Chinese.
        var page = await BrowserFixture.NewPageAsync(browser.Browser, own.App, locale: "zh-CN");
        var found = await CheckAsync(page, ["Account/Login"]);
        await page.Locator("#Input\\.Email").FillAsync("buyer@example.com");
        await page.Locator("#Input\\.Password").FillAsync("Demo#2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        found.AddRange(await CheckAsync(page, ["", "purchased-items"]));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "已买到的货品" })).ToBeVisibleAsync();
        Assert.Empty(found);
    }

    [Fact]
    public async Task TheRefundListsTheWizardAndReturnAddressesInChineseHaveNoSeriousViolations()
    {
        async Task<IPage> ChineseAsync(string email)
        {
            var page = await BrowserFixture.NewPageAsync(browser.Browser, own.App, locale: "zh-CN");
            await page.GotoAsync("Account/Login");
            await page.Locator("#Input\\.Email").FillAsync(email);
            await page.Locator("#Input\\.Password").FillAsync("Demo#2026");
            await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
            await Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
            return page;
        }

        var buyer = await ChineseAsync("buyer@example.com");
        await buyer.GotoAsync("purchased-items");
        var apply = buyer.Locator("a[data-testid=apply-for-refund]").First;
        await Expect(apply).ToBeVisibleAsync();
        var wizard = (await apply.GetAttributeAsync("href"))!;
        var found = await CheckAsync(buyer, ["my-refunds", wizard]);
        await Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "申请退款" })).ToBeVisibleAsync();

        var seller = await ChineseAsync("seller@example.com");
        var sold = await FirstHrefAsync(seller, "sold-items", "order-number");
        found.AddRange(await CheckAsync(seller, ["refund-management", "return-addresses", $"{sold}/immediate-refund"]));
        await Expect(seller.GetByRole(AriaRole.Heading, new() { Name = "立即退款" })).ToBeVisibleAsync();
        AssertNone(found);
    }

    [Fact]
    public async Task TheArbitersAndAdminsPagesHaveNoSeriousViolations()
    {
        var found = await CheckAsync(await SignedInAsync("arbiter@example.com"), ["", "dispute-center"]);
        found.AddRange(await CheckAsync(await SignedInAsync("admin@example.com"), ["admin/users", "admin/api-clients", "admin/webhooks"]));
        AssertNone(found);
    }

    [Fact]
    public async Task TheStatisticsPagesHaveNoSeriousViolations()
    {
        // A request of the demo buyer, so that the reasons chart is drawn.
        var buyer = await SignedInAsync("buyer@example.com");
        await buyer.GotoAsync("purchased-items");
        var notShipped = buyer.GetByTestId("order-card").Filter(new() { HasText = "Sunrise Outdoor Co." }).Filter(new() { HasText = "Not Shipped" });
        await BrowserFixture.ApplyForRefundAsync(buyer, notShipped.First, "Refund only", "No longer needed", null);
        var seller = await SignedInAsync("seller@example.com");
        var found = await CheckAsync(seller, ["refund-statistics"]);
        await Expect(seller.Locator("[data-testid=reasons-chart] svg").First).ToBeVisibleAsync();
        // The other window and a refused export range show more of the page.
        await seller.GetByTestId("window-90").ClickAsync();
        await Expect(seller.GetByTestId("window-90")).ToHaveAttributeAsync("aria-pressed", "true");
        await seller.Locator("input[type=date]").First.FillAsync("2030-01-01");
        await seller.Locator("input[type=date]").First.BlurAsync();
        await Expect(seller.GetByTestId("export-error")).ToBeVisibleAsync();
        // The chips' colours fade from one to the other: axe measures the contrast once they have settled.
        await seller.EvaluateAsync("() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))");
        found.AddRange((await Axe.SeriousViolationsAsync(seller)).Select(v => $"refund-statistics (90 days, bad range): {v}"));
        found.AddRange(await CheckAsync(await SignedInAsync("arbiter@example.com"), ["dispute-board"]));
        AssertNone(found);
    }
}
