using System.Diagnostics;
using Microsoft.Playwright;

namespace RefundPortal.Benchmarks;

/// <summary>
/// How many live circuits one app node holds: N Chromium pages of the demo seller on "Refund Management" against one
/// node, the node's managed heap (after a full collection) and resident memory before and after, per circuit.
/// </summary>
internal static class CircuitBenchmark
{
    private const int PagesPerContext = 50;

    public static async Task RunAsync(int circuits)
    {
        await using var app = await AppProcess.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
                    "--renderer-process-limit=8"],
        });

        // One circuit opened and closed first, so the baseline holds what the first circuit loads once for all.
        var warmUp = await SignedInContextAsync(browser, app.BaseUrl);
        await OpenAsync(warmUp);
        await warmUp.CloseAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var heapBefore = await HeapProbe.LiveHeapBytesAsync(app.Id);
        var residentBefore = app.ResidentBytes();

        var opening = Stopwatch.StartNew();
        var pages = new List<IPage>();
        for (var opened = 0; opened < circuits; opened += PagesPerContext)
        {
            var context = await SignedInContextAsync(browser, app.BaseUrl);
            // A few at a time, as people arrive: each page is one circuit.
            var batch = Enumerable.Range(0, Math.Min(PagesPerContext, circuits - opened)).Select(_ => OpenAsync(context));
            foreach (var chunk in batch.Chunk(4)) pages.AddRange(await Task.WhenAll(chunk));
        }
        opening.Stop();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var heapAfter = await HeapProbe.LiveHeapBytesAsync(app.Id);
        var residentAfter = app.ResidentBytes();
        var live = 0;
        foreach (var page in pages)
            if (await page.GetByTestId("signed-in-user").IsVisibleAsync() && !await page.Locator("#components-reconnect-modal[open]").IsVisibleAsync()) live++;

        var heapPer = (heapAfter - heapBefore) / (double)circuits;
        var residentPer = (residentAfter - residentBefore) / (double)circuits;
        Console.WriteLine($"circuits: {live:N0} of {circuits:N0} \"Refund Management\" circuits live on one node after opening them in " +
                          $"{opening.Elapsed.TotalSeconds:N0} s");
        Console.WriteLine($"  managed heap {Mib(heapBefore)} → {Mib(heapAfter)} MiB: {heapPer / 1024:N0} KB per circuit");
        Console.WriteLine($"  resident memory {Mib(residentBefore)} → {Mib(residentAfter)} MiB: {residentPer / 1024:N0} KB per circuit");
        Console.WriteLine($"  at that rate 1 GiB of node memory holds about {1024d * 1024 * 1024 / residentPer:N0} circuits");
    }

    private static string Mib(long bytes) => (bytes / 1024d / 1024d).ToString("N0");

    private static async Task<IBrowserContext> SignedInContextAsync(IBrowser browser, Uri baseUrl)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl.ToString() });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("Account/Login");
        await page.Locator("#Input\\.Email").FillAsync("seller@example.com");
        await page.Locator("#Input\\.Password").FillAsync("Demo#2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await page.GetByTestId("signed-in-user").WaitForAsync();
        await page.CloseAsync();
        return context;
    }

    private static async Task<IPage> OpenAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("refund-management");
        await page.GetByTestId("signed-in-user").WaitForAsync();
        return page;
    }
}
