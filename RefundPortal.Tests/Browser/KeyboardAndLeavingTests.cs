using Microsoft.Playwright;
using RefundPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RefundPortal.Tests.Browser;

/// <summary>The keyboard's way in (skip link, the wizard's focus) and the question before an application's input is lost.</summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardAndLeavingTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheFirstTabReachesSkipToMainContentWhichMovesTheFocusToThePage()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.LogInAsync(page, "buyer@example.com");
        await Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await page.GotoAsync("purchased-items");
        await Expect(page.GetByTestId("order-card").First).ToBeVisibleAsync();

        // The first element in the page's tab order (Blazor itself puts the focus on the heading after a navigation).
        var first = await page.EvaluateAsync<string>("""
            () => [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
                .find(e => e.tabIndex >= 0 && !e.disabled)?.textContent.trim()
            """);
        Assert.Equal("Skip to main content", first);
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        await skip.FocusAsync();
        await Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("main#main-content")).ToBeFocusedAsync();
        Assert.EndsWith("purchased-items", page.Url);
    }

    [Fact]
    public async Task OnAStaticAccountPageSkipToMainContentStaysOnThePage()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("Account/Login?ReturnUrl=%2Fpurchased-items");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Log in");

        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        await skip.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/Account/Login\?ReturnUrl=%2Fpurchased-items#main-content$"));
        // The next Tab starts from the page, past the app bar and the menu.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#Input\\.Email")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task LeavingAnApplicationWithInputAsksFirstAndEachStepTakesTheFocus()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.LogInAsync(page, "buyer@example.com");
        await Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await page.GotoAsync("purchased-items");
        await page.GetByTestId("apply-for-refund").First.ClickAsync();
        var wizard = page.Url;
        await page.GetByTestId("refund-line").First.GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        // The new step has the focus, not <body>.
        await Expect(page.GetByTestId("wizard-step")).ToBeFocusedAsync();
        await Expect(page.GetByTestId("wizard-step")).ToHaveAttributeAsync("aria-label", "Step 2 of 3: Fill in the refund agreement");

        await BrowserFixture.NavLink(page, "My Refunds").ClickAsync();
        var question = page.GetByText("Leave this page? What you entered in the application is not saved.");
        await Expect(question).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Stay" }).ClickAsync();
        await Expect(question).ToBeHiddenAsync();
        Assert.Equal(wizard, page.Url);
        await Expect(page.GetByTestId("wizard-step")).ToBeVisibleAsync();

        await BrowserFixture.NavLink(page, "My Refunds").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Leave" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My Refunds" })).ToBeVisibleAsync();
    }
}
