using Microsoft.Playwright;
using RefundPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RefundPortal.Tests.Browser;

/// <summary>At 390 px, a phone: nothing scrolls sideways, tables are stacked cards, the bell's badge shows whole.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneLayoutTests(BrowserFixture browser)
{
    private const int Width = 390;

    private static async Task AssertNoSidewaysScrollAsync(IPage page, string where)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= Width, $"{where} is {width} px wide on a {Width} px screen.");
    }

    private static async Task AssertWithinScreenAsync(ILocator element, string what)
    {
        await Expect(element).ToBeVisibleAsync();
        var box = (await element.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= Width, $"{what} spans {box.X:0}–{box.X + box.Width:0} px on a {Width} px screen.");
    }

    [Fact]
    public async Task TheSignInPageAnOrderAndTheWizardFitAPhone()
    {
        var page = await browser.NewPageAsync(Width, 844);
        await page.GotoAsync("Account/Login");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in" }).First).ToBeVisibleAsync();
        await AssertNoSidewaysScrollAsync(page, "The sign-in page");

        await BrowserFixture.LogInAsync(page, "buyer@example.com");
        await page.GotoAsync("purchased-items");
        await Expect(page.GetByTestId("order-card").First).ToBeVisibleAsync();
        await AssertNoSidewaysScrollAsync(page, "\"Purchased Items\"");
        var card = page.GetByTestId("order-card").Filter(new() { Has = page.GetByTestId("apply-for-refund") }).First;
        await card.GetByTestId("order-number").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/orders/\\d+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("RP-");
        var line = page.GetByTestId("order-line").First;
        await Expect(line).ToBeVisibleAsync();
        await AssertNoSidewaysScrollAsync(page, "The order's details");
        await AssertWithinScreenAsync(line.Locator("td[data-label=Subtotal]"), "The subtotal");

        await page.GoBackAsync();
        await page.GetByTestId("order-card").Filter(new() { Has = page.GetByTestId("apply-for-refund") }).First.GetByTestId("apply-for-refund").ClickAsync();
        var refundLine = page.GetByTestId("refund-line").First;
        await refundLine.GetByRole(AriaRole.Checkbox).CheckAsync();
        await AssertNoSidewaysScrollAsync(page, "The wizard's first step");
        await AssertWithinScreenAsync(refundLine.Locator("input[type=number], input.mud-input-root").First, "The quantity field");
    }

    /// <summary>
    /// The statically rendered account pages: no menu toggle that could not work without a circuit, the drawer closed,
    /// the settings menu and the forms inside the screen.
    /// </summary>
    [Fact]
    public async Task TheAccountPagesFitAPhone()
    {
        var page = await browser.NewPageAsync(Width, 844);
        foreach (var path in new[] { "Account/Login", "Account/Register", "Account/ForgotPassword" })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("h1")).ToBeVisibleAsync();
            await AssertNoSidewaysScrollAsync(page, path);
            await AssertWithinScreenAsync(page.Locator("#Input\\.Email"), $"The email field of {path}");
        }
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" })).ToHaveCountAsync(0);
        // The drawer (rendered open for wide screens) stays out of a phone's screen: nothing could close it here.
        var drawerRight = await page.EvaluateAsync<double>(
            "() => { const d = document.querySelector('.mud-drawer'); return d && d.checkVisibility() ? d.getBoundingClientRect().right : 0; }");
        Assert.True(drawerRight <= 0, $"The drawer reaches {drawerRight:0} px into a {Width} px screen.");

        await BrowserFixture.LogInAsync(page, "buyer@example.com");
        await Expect(page.GetByTestId("bell")).ToBeVisibleAsync();
        // Home is interactive: there the toggle is back and opens the menu.
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        await Expect(BrowserFixture.NavLink(page, "Purchased Items")).ToBeInViewportAsync();
        foreach (var path in new[] { "Account/Manage", "Account/Manage/Email", "Account/Manage/ChangePassword",
                     "Account/Manage/TwoFactorAuthentication", "Account/Manage/Passkeys", "Account/Manage/PersonalData" })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("h1")).ToBeVisibleAsync();
            await AssertNoSidewaysScrollAsync(page, path);
            await AssertWithinScreenAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Account settings" }), $"The settings menu of {path}");
            await AssertWithinScreenAsync(page.Locator(".account-manage-page .mud-button-root").First, $"The first button of {path}");
        }
    }
}
