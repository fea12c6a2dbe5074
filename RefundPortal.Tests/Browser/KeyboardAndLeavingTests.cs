using Microsoft.Playwright;
using RefundPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RefundPortal.Tests.Browser;

/// <summary>
/// The keyboard's way in (skip link, the wizard's focus), the question before leaving an application, and its draft
/// across a reload. On an app of their own: the drafts they leave would change what other tests' wizards start with.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardAndLeavingTests(BrowserFixture browser, OwnApp own) : IClassFixture<OwnApp>
{
    [Fact]
    public async Task TheFirstTabReachesSkipToMainContentWhichMovesTheFocusToThePage()
    {
        var page = await browser.NewPageAsync(own.App);
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
        var page = await browser.NewPageAsync(own.App);
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
        var question = page.GetByText("Leave without submitting? Your answers are kept as a draft of this order until you submit or discard them.");
        await Expect(question).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Stay" }).ClickAsync();
        await Expect(question).ToBeHiddenAsync();
        Assert.Equal(wizard, page.Url);
        await Expect(page.GetByTestId("wizard-step")).ToBeVisibleAsync();

        await BrowserFixture.NavLink(page, "My Refunds").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Leave" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My Refunds" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AnApplicationComesBackAfterAReloadWithItsFileUntilItIsDiscarded()
    {
        var page = await browser.NewPageAsync(own.App);
        await BrowserFixture.LogInAsync(page, "buyer@example.com");
        await Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await page.GotoAsync("purchased-items");
        // Another order than the leaving test's (the first).
        var card = page.GetByTestId("order-card").Filter(new() { Has = page.GetByTestId("apply-for-refund").And(page.Locator(":not([disabled])")) }).Last;
        await card.GetByTestId("apply-for-refund").ClickAsync();
        var wizard = page.Url;
        var orderId = int.Parse(new Uri(wizard).Segments[^2].TrimEnd('/'));
        await page.GetByTestId("refund-line").First.GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByText("Refund only").ClickAsync();
        await BrowserFixture.SelectAsync(page, "refund-reason", "Wrong item");
        await page.GetByTestId("refund-description").FillAsync("A blue one came instead of the red one.");
        await page.GetByTestId("evidence-input").SetInputFilesAsync(BrowserFixture.Png("blue.png"));
        await Expect(page.GetByText("blue.png", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("draft-status")).ToHaveTextAsync("Draft saved");
        // Saved within a second of the last change: the description and the file are in the draft before the reload.
        await DraftAsync(orderId, answers => answers?.Contains("A blue one came") == true && answers.Contains("blue.png"));

        await page.ReloadAsync();

        await Expect(page.GetByTestId("draft-restored")).ToContainTextAsync("We kept the application you started on");
        await Expect(page.GetByTestId("step-agreement")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("refund-description")).ToHaveValueAsync("A blue one came instead of the red one.");
        await Expect(page.GetByText("blue.png", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("wizard-steps")).ToContainTextAsync("Fill in the refund agreement");

        await page.GetByTestId("discard-draft").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Discard", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("step-items")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("draft-restored")).ToHaveCountAsync(0);
        await DraftAsync(orderId, answers => answers is null);
        await page.ReloadAsync();
        await Expect(page.GetByTestId("step-items")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("refund-line").First.GetByRole(AriaRole.Checkbox)).Not.ToBeCheckedAsync();
    }

    /// <summary>Waits until the buyer's draft of the order, as the app's database holds it, is as expected.</summary>
    private async Task DraftAsync(int orderId, Func<string?, bool> expected)
    {
        string? answers = null;
        for (var tries = 0; tries < 100; tries++)
        {
            await using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={own.App.DatabasePath};Mode=ReadOnly;Pooling=False");
            await db.OpenAsync();
            await using var query = db.CreateCommand();
            query.CommandText = "SELECT Answers FROM ApplicationDrafts WHERE OrderId = $order";
            query.Parameters.AddWithValue("$order", orderId);
            answers = (string?)await query.ExecuteScalarAsync();
            if (expected(answers)) return;
            await Task.Delay(100);
        }
        Assert.Fail($"The draft of order {orderId} is not as expected: {answers ?? "none"}");
    }
}
