using System.Diagnostics;
using Microsoft.Playwright;

namespace RefundPortal.Benchmarks;

/// <summary>
/// How many live circuits one app node holds: N "Refund Management" pages of the demo seller against one node, the
/// node's managed heap (after a full collection) and resident memory before and after, per circuit; then the same for
/// N "/counter" pages of a bare `dotnet new blazor` app, the yardstick. A Chromium tab costs about 60 MB, so the pages
/// are same-origin frames, 25 to a tab (one renderer process each); the benchmark's browser strips the frame-blocking
/// headers from the portal's pages, which it sends to every real browser.
/// </summary>
internal static class CircuitBenchmark
{
    private const int FramesPerTab = 25;

    /// <summary>Chromium opens at most about 255 WebSockets per browser process, so a new browser serves every 200 circuits.</summary>
    private const int CircuitsPerBrowser = 200;

    /// <summary>What is measured: which app, which page, how a person gets there and how to tell its circuit is live.</summary>
    private sealed record Target(string Name, Uri BaseUrl, int ProcessId, Func<long> Resident, string Path,
        Func<IBrowserContext, Task> SignIn, Func<IFrame, Task> Live);

    /// <summary>Returns the managed heap per circuit in bytes: "Refund Management", Home (the layout), the bare /counter.</summary>
    public static async Task<(double Portal, double Layout, double Bare)> RunAsync(int circuits)
    {
        using var playwright = await Playwright.CreateAsync();
        var browsers = new List<IBrowser>();
        async Task<IBrowser> NewBrowser()
        {
            var browser = await LaunchAsync(playwright);
            browsers.Add(browser);
            return browser;
        }
        try
        {
            double portal, layout, bare;
            // The list page, then Home (the layout and a card, little else), each on a fresh node: the difference is the list's share.
            async Task<double> PortalAsync(string name, string path)
            {
                double heap;
                await using (var app = await AppProcess.StartAsync())
                {
                    heap = await MeasureAsync(new Target(name, app.BaseUrl, app.Id, app.ResidentBytes, path,
                        SignInAsSellerAsync, frame => frame.GetByTestId("signed-in-user").WaitForAsync()), circuits, NewBrowser);
                }
                foreach (var browser in browsers) await browser.CloseAsync();
                browsers.Clear();
                return heap;
            }
            portal = await PortalAsync("\"Refund Management\"", "refund-management");
            layout = await PortalAsync("Home (the layout)", "/");

            var (process, url) = await BareTemplate.StartAsync(await BareTemplate.BuildAsync());
            try
            {
                bare = await MeasureAsync(new Target("bare template /counter", url, process.Id, () => { process.Refresh(); return process.WorkingSet64; },
                    "counter", _ => Task.CompletedTask, CounterAnswersAsync), circuits, NewBrowser);
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            Console.WriteLine($"heap per circuit, \"Refund Management\" ÷ bare /counter: {portal / 1024:N0} ÷ {bare / 1024:N0} KB = {portal / bare:N1}×; " +
                              $"of it Home with the layout {layout / 1024:N0} KB, the list {(portal - layout) / 1024:N0} KB");
            return (portal, layout, bare);
        }
        finally
        {
            foreach (var browser in browsers) await browser.DisposeAsync();
        }
    }

    // The host page is answered by the browser, not the loopback server: without this, Chromium's local network
    // access checks refuse the frames' WebSockets and Blazor falls back to long polling.
    private static Task<IBrowser> LaunchAsync(IPlaywright playwright) => Browsers.LaunchAsync(playwright, "--disable-features=LocalNetworkAccessChecks");

    /// <summary>Opens the circuits and prints the figures; returns the managed heap per circuit in bytes.</summary>
    private static async Task<double> MeasureAsync(Target target, int circuits, Func<Task<IBrowser>> newBrowser)
    {
        // One circuit opened and closed first, so the baseline holds what the first circuit loads once for all.
        var warmUp = await ContextAsync(await newBrowser(), target);
        var first = await warmUp.NewPageAsync();
        await first.GotoAsync(target.Path);
        await target.Live(first.MainFrame);
        await warmUp.CloseAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var heapBefore = await HeapProbe.LiveHeapBytesAsync(target.ProcessId);
        var residentBefore = target.Resident();

        var opening = Stopwatch.StartNew();
        IBrowserContext context = null!;
        var frames = new List<IFrame>();
        for (var opened = 0; opened < circuits; opened += FramesPerTab)
        {
            if (opened % CircuitsPerBrowser == 0) context = await ContextAsync(await newBrowser(), target);
            var count = Math.Min(FramesPerTab, circuits - opened);
            var frameTags = string.Concat(Enumerable.Repeat($"<iframe src=\"{target.Path}\" width=\"1200\" height=\"800\"></iframe>", count));
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
                foreach (var frame in children) await target.Live(frame);
            }
            catch (TimeoutException)
            {
                Console.WriteLine($"circuits: the node stopped opening circuits after {frames.Count:N0} (a frame waited 60 s); measuring those.");
                circuits = frames.Count;
                break;
            }
            frames.AddRange(children);
            if (frames.Count % 200 == 0) Console.WriteLine($"  {frames.Count:N0} open after {opening.Elapsed.TotalSeconds:N0} s, node at {Mib(target.Resident())} MiB");
        }
        opening.Stop();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var heapAfter = await HeapProbe.LiveHeapBytesAsync(target.ProcessId);
        var residentAfter = target.Resident();
        var live = 0;
        foreach (var frame in frames)
            if (!await frame.Locator("#components-reconnect-modal[open], #components-reconnect-modal.components-reconnect-show").IsVisibleAsync()) live++;

        var heapPer = (heapAfter - heapBefore) / (double)circuits;
        var residentPer = (residentAfter - residentBefore) / (double)circuits;
        Console.WriteLine($"circuits: {live:N0} of {circuits:N0} {target.Name} circuits live on one node after opening them in {opening.Elapsed.TotalSeconds:N0} s");
        Console.WriteLine($"  managed heap {Mib(heapBefore)} → {Mib(heapAfter)} MiB: {heapPer / 1024:N0} KB per circuit");
        Console.WriteLine($"  resident memory {Mib(residentBefore)} → {Mib(residentAfter)} MiB: {residentPer / 1024:N0} KB per circuit");
        Console.WriteLine($"  at that rate 1 GiB of node memory holds about {1024d * 1024 * 1024 / residentPer:N0} circuits");
        return heapPer;
    }

    private static string Mib(long bytes) => (bytes / 1024d / 1024d).ToString("N0");

    /// <summary>A signed-in browser context whose pages may be framed (the portal forbids it to every real browser).</summary>
    private static async Task<IBrowserContext> ContextAsync(IBrowser browser, Target target)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = target.BaseUrl.ToString() });
        context.SetDefaultTimeout(60_000);
        await target.SignIn(context);
        await context.RouteAsync(new Uri(target.BaseUrl, target.Path).AbsoluteUri, async route =>
        {
            var response = await route.FetchAsync();
            var headers = response.Headers.Where(h => h.Key is not ("x-frame-options" or "content-security-policy")).ToDictionary(h => h.Key, h => h.Value);
            await route.FulfillAsync(new() { Response = response, Headers = headers });
        });
        return context;
    }

    private static async Task SignInAsSellerAsync(IBrowserContext context) => await (await Browsers.SignInAsync(context, "seller@example.com")).CloseAsync();

    /// <summary>The template's counter is prerendered: its circuit is live once a click counts.</summary>
    private static async Task CounterAnswersAsync(IFrame frame)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await frame.GetByRole(AriaRole.Button, new() { Name = "Click me" }).ClickAsync();
            if (!(await frame.GetByRole(AriaRole.Status).InnerTextAsync()).EndsWith(": 0", StringComparison.Ordinal)) return;
            await Task.Delay(200);
        }
        throw new TimeoutException("The counter never counted.");
    }
}
