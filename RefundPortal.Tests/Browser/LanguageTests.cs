using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RefundPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RefundPortal.Tests.Browser;

/// <summary>The portal in the browser's language, the switch in the app bar, and the choice that follows a person.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LanguageTests(BrowserFixture browser)
{
    private Task<IPage> NewPageAsync(string locale) => BrowserFixture.NewPageAsync(browser.Browser, browser.App, locale: locale);

    private static async Task LogInAsync(IPage page, string email, string button, string password = "Demo#2026")
    {
        await page.Locator("#Input\\.Email").FillAsync(email);
        await page.Locator("#Input\\.Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
    }

    [Fact]
    public async Task AChineseBrowserSeesChineseAndASwitchToEnglishKeepsThePageAndSticks()
    {
        var page = await NewPageAsync("zh-CN");
        await page.GotoAsync("Account/Login");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "登录", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("label[for='Input.Password']")).ToHaveTextAsync("密码");
        await LogInAsync(page, "buyer@example.com", "登录");
        await Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();

        await BrowserFixture.NavLink(page, "已买到的货品").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "已买到的货品" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("order-card").First).ToContainTextAsync("商品状态");
        var apply = page.GetByTestId("apply-for-refund");
        await Expect(apply.First).ToBeVisibleAsync();
        Assert.All(await apply.AllTextContentsAsync(), text => Assert.Equal("申请退款", text.Trim()));

        // Switched in place: the search typed before stays, with its results.
        await page.GetByTestId("order-search").FillAsync("Lantern");
        await Expect(page.GetByTestId("order-card").First).ToContainTextAsync("Camping Lantern");
        await page.GetByTestId("language-switch").And(page.Locator("[data-language='en']")).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Purchased Items" })).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByTestId("order-search")).ToHaveValueAsync("Lantern");
        Assert.All(await page.GetByTestId("order-card").AllTextContentsAsync(), text => Assert.Contains("Lantern", text));
        await Expect(BrowserFixture.NavLink(page, "Purchased Items")).ToBeVisibleAsync();

        // The next page, interactive or not, comes in English.
        await BrowserFixture.NavLink(page, "My Refunds").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("my-refunds$"));
        await Expect(BrowserFixture.NavLink(page, "Purchased Items")).ToBeVisibleAsync();
        await page.GotoAsync("purchased-items");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Purchased Items" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AnEnglishBrowserSeesEnglish()
    {
        var page = await NewPageAsync("en-US");
        await page.GotoAsync("Account/Login");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in", Exact = true })).ToBeVisibleAsync();
        await LogInAsync(page, "buyer2@example.com", "Log in");
        await BrowserFixture.NavLink(page, "Purchased Items").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Purchased Items" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("apply-for-refund").First).ToHaveTextAsync("Apply for Refund");
    }

    [Fact]
    public async Task TheSwitchOnAStaticAccountPageWorksAndTheChoiceFollowsThePersonToAnotherDevice()
    {
        // A new account, so no demo account that other tests read in English is switched to Chinese.
        var page = await NewPageAsync("en-US");
        var email = $"lang-{Guid.NewGuid():N}@example.com";
        await AccountPages.RegisterAsync(page, browser.App, email);

        // The account pages have no circuit: the switch posts and comes back to the same page.
        await page.GotoAsync("Account/Manage");
        await page.GetByTestId("language-switch").And(page.Locator("[data-language='zh-CN']")).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("Account/Manage$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "退出登录" })).ToBeVisibleAsync();

        // Another device, its browser in English: signing in brings the stored choice.
        var other = await NewPageAsync("en-US");
        await other.GotoAsync("Account/Login");
        await Expect(other.GetByRole(AriaRole.Heading, new() { Name = "Log in", Exact = true })).ToBeVisibleAsync();
        await LogInAsync(other, email, "Log in", "Right#Pass1");
        await Expect(other.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await other.GotoAsync("purchased-items");
        await Expect(other.GetByRole(AriaRole.Heading, new() { Name = "已买到的货品" })).ToBeVisibleAsync();
        await Expect(other.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
    }
}
