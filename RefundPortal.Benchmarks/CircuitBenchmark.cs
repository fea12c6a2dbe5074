using System.Diagnostics;
using Microsoft.Playwright;

namespace RefundPortal.Benchmarks;

/// <summary>
/// How many live circuits one app node holds: N "Refund Management" pages of the demo seller against one node, the
/// node's managed heap (after a full collection) and resident memory before and after, per circuit. A Chromium tab
/// costs about 60 MB, so the pages are same-origin frames, 25 to a tab (one renderer process each); the benchmark's
/// browser strips the frame-blocking headers from those pages, which the app sends to every real browser.
/// </summary>
internal static class CircuitBenchmark
{
    private const int FramesPerTab = 25;

    public static async Task RunAsync(int circuits)
    {
        await using var app = await AppProcess.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        var browsers = new List<IBrowser>();
        try
        {
            await MeasureAsync(app, circuits, async () =>
            {
                var browser = await LaunchAsync(playwright);
                browsers.Add(browser);
                return browser;
            });
        }
        finally
        {
            foreach (var browser in browsers) await browser.DisposeAsync();
        }
    }

    /// <summary>Chromium opens at most about 255 WebSockets per browser process, so a new browser serves every 200 circuits.</summary>
    private const int CircuitsPerBrowser = 200;

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        // The host page is answered by the browser, not the loopback server: without this, Chromium's local network
        // access checks refuse the frames' WebSockets and Blazor falls back to long polling.
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-features=LocalNetworkAccessChecks"],
    });

    private static async Task MeasureAsync(AppProcess app, int circuits, Func<Task<IBrowser>> newBrowser)
    {
        // One circuit opened and closed first, so the baseline holds what the first circuit loads once for all.
        var warmUp = await SignedInContextAsync(await newBrowser(), app.BaseUrl);
        await OpenAsync(warmUp);
        await warmUp.CloseAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var heapBefore = await HeapProbe.LiveHeapBytesAsync(app.Id);
        var residentBefore = app.ResidentBytes();

        var opening = Stopwatch.StartNew();
        IBrowserContext context = null!;
        var frames = new List<IFrame>();
        for (var opened = 0; opened < circuits; opened += FramesPerTab)
        {
            if (opened % CircuitsPerBrowser == 0)
            {
                context = await SignedInContextAsync(await newBrowser(), app.BaseUrl);
                await context.RouteAsync("**/refund-management", async route =>
                {
                    var response = await route.FetchAsync();
                    var headers = response.Headers.Where(h => h.Key is not ("x-frame-options" or "content-security-policy"))
                        .ToDictionary(h => h.Key, h => h.Value);
                    await route.FulfillAsync(new() { Response = response, Headers = headers });
                });
            }
            var count = Math.Min(FramesPerTab, circuits - opened);
            var frameTags = string.Concat(Enumerable.Repeat("<iframe src=\"refund-management\" width=\"1200\" height=\"800\"></iframe>", count));
            // A plain host page of the same origin, answered by the browser itself: the frames share its renderer.
            await context.RouteAsync("**/circuit-bench-host", route => route.FulfillAsync(new()
            {
                ContentType = "text/html", Body = $"<!DOCTYPE html><html><body>{frameTags}</body></html>",
            }));
            var tab = await context.NewPageAsync();
            await tab.GotoAsync("circuit-bench-host");
            await context.UnrouteAsync("**/circuit-bench-host");
            var children = tab.MainFrame.ChildFrames.ToList();
            try
            {
                foreach (var frame in children) await frame.GetByTestId("signed-in-user").WaitForAsync();
            }
            catch (TimeoutException)
            {
                Console.WriteLine($"circuits: the node stopped opening circuits after {frames.Count:N0} (a frame waited 60 s); measuring those.");
                circuits = frames.Count;
                break;
            }
            frames.AddRange(children);
            if (frames.Count % 200 == 0) Console.WriteLine($"  {frames.Count:N0} open after {opening.Elapsed.TotalSeconds:N0} s, node at {Mib(app.ResidentBytes())} MiB");
        }
        opening.Stop();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var heapAfter = await HeapProbe.LiveHeapBytesAsync(app.Id);
        var residentAfter = app.ResidentBytes();
        var live = 0;
        foreach (var frame in frames)
            if (await frame.GetByTestId("signed-in-user").IsVisibleAsync() && !await frame.Locator("#components-reconnect-modal[open]").IsVisibleAsync()) live++;

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
