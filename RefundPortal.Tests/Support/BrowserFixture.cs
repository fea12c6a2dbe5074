using Microsoft.Playwright;

namespace RefundPortal.Tests.Support;

/// <summary>Debian's Chromium driven by Playwright, against one app server shared by the browser tests.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;
    public AppServer App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // An expectation waits as long as an action may (15 s), not Playwright's 5 s: a busy CI core must not fail a flow.
        Assertions.SetDefaultExpectTimeout(15_000);
        App = await AppServer.StartAsync();
        (playwright, Browser) = await LaunchAsync();
    }

    /// <summary>Debian's Chromium, headless, as every browser test drives it.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assertions.SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        return (playwright, browser);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }

    /// <summary>A fresh browser context (its own cookies), as a separate person would have.</summary>
    public Task<IPage> NewPageAsync(int width = 1280, int height = 900) => NewPageAsync(App, width, height);

    /// <summary>A fresh browser context on another app server (for example one with shrunk deadlines).</summary>
    public Task<IPage> NewPageAsync(AppServer app, int width = 1280, int height = 900, string? timeZone = null, string locale = "en-US") =>
        NewPageAsync(Browser, app, width, height, timeZone, locale);

    /// <summary>A page in a context of its own (its own cookies) on this app; its browser in <paramref name="timeZone"/> when given.</summary>
    /// <remarks>
    /// The browser speaks <paramref name="locale"/> (its Accept-Language and navigator.language): en-US unless a test
    /// asks for another, so every test that reads English texts reads them whatever the machine's own locale.
    /// </remarks>
    public static async Task<IPage> NewPageAsync(IBrowser browser, AppServer app, int width = 1280, int height = 900, string? timeZone = null,
        string locale = "en-US")
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            TimezoneId = timeZone,
            Locale = locale,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public static ILocator NavLink(IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    /// <summary>Picks an option of a MudSelect and waits until the field shows it (the list closes asynchronously).</summary>
    public static async Task SelectAsync(IPage page, string testId, string option)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        // The field shows the choice as text or in an inner input, depending on the MudBlazor version.
        await page.WaitForFunctionAsync(
            "([id, text]) => { const el = document.querySelector(`[data-testid='${id}']`); if (!el) return false;" +
            " const shown = el.innerText + ' ' + [el, ...el.querySelectorAll('input')].map(i => i.value ?? '').join(' ');" +
            " return shown.includes(text) && !document.querySelector('.mud-popover-open [role=option]'); }",
            new[] { testId, option });
    }

    /// <summary>
    /// "Apply for Refund" on an order card through the three steps, as a buyer would: the first item (or the named
    /// one), the answers, the evidence, "Submit Application"; ends on the new request's page.
    /// </summary>
    public static async Task ApplyForRefundAsync(IPage page, ILocator orderCard, string kind, string reason, string? description = null,
        FilePayload? evidence = null, string? goodsReceived = null, string? product = null)
    {
        await orderCard.GetByTestId("apply-for-refund").ClickAsync();
        var line = product is null ? page.GetByTestId("refund-line").First : page.GetByTestId("refund-line").Filter(new() { HasText = product });
        await line.GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        if (goodsReceived is not null) await page.GetByText(goodsReceived).ClickAsync();
        await page.GetByText(kind).ClickAsync();
        await SelectAsync(page, "refund-reason", reason);
        if (description is not null) await page.GetByTestId("refund-description").FillAsync(description);
        if (evidence is not null)
        {
            await page.GetByTestId("evidence-input").SetInputFilesAsync(evidence);
            // The file streams to the server first; "Next" before it arrives would find no evidence.
            await Assertions.Expect(page.GetByText(evidence.Name, new() { Exact = false })).ToBeVisibleAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit Application" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("refund-status")).ToHaveTextAsync("Waiting for Seller's Confirmation");
    }

    public static FilePayload Png(string name) => new() { Name = name, MimeType = "image/png", Buffer = SampleFiles.Png };

    public static async Task LogInAsync(IPage page, string email, string password = "Demo#2026")
    {
        await page.GotoAsync("Account/Login");
        await page.Locator("#Input\\.Email").FillAsync(email);
        await page.Locator("#Input\\.Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>A second app server whose seller deadline is a few seconds and whose worker looks every second.</summary>
public sealed class FastDeadlinesApp : ServedApp
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Refunds:Deadlines:SellerResponse"] = "00:00:08",
        ["Refunds:Deadlines:Reminder"] = "00:00:04",
        ["Refunds:DeadlineCheckInterval"] = "00:00:01",
    };
}
