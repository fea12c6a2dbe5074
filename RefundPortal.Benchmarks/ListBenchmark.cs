using System.Diagnostics;
using Microsoft.Playwright;

namespace RefundPortal.Benchmarks;

/// <summary>
/// The list pages at marketplace scale, in a real browser against the app on 127.0.0.1, for each size of the demo
/// buyer's order history (one order in ten with a refund): "Purchased Items" search to the first card, "Refund
/// Management" open to the first row, and the server's CPU per list click on "Refund Management" (between "All" and
/// "Needs my action", each a new page of the list with its counts). Median of 3.
/// </summary>
internal static class ListBenchmark
{
    private const int Runs = 3;
    private const int Clicks = 100;
    private const int WarmUpClicks = 60;

    /// <summary>Notes the first input event and the moment a card holding the text appears, in page milliseconds.</summary>
    private const string WatchSearchScript = """
        text => {
          window.__benchTypedAt = undefined; window.__benchFoundAt = undefined;
          document.addEventListener('input', () => window.__benchTypedAt ??= performance.now(), { capture: true, once: true });
          const found = () => [...document.querySelectorAll('[data-testid=order-card]')].some(c => c.textContent.includes(text));
          new MutationObserver((_, observer) => {
            if (window.__benchTypedAt !== undefined && found()) { window.__benchFoundAt = performance.now(); observer.disconnect(); }
          }).observe(document.body, { childList: true, subtree: true, characterData: true });
        }
        """;

    /// <summary>On every page: the time since navigation start at which the first refund row appears.</summary>
    private const string WatchRowsScript = """
        new MutationObserver((_, observer) => {
          if (document.querySelector('[data-testid=refund-row]')) { window.__benchRowAt = performance.now(); observer.disconnect(); }
        }).observe(document, { childList: true, subtree: true });
        """;

    /// <summary>The search box's debounce (OrderList.razor): part of every search figure, on both sides of the ratio.</summary>
    public const int SearchDebounceMs = 300;

    public sealed record Figures(int Orders, double SearchMs, double OpenMs, double CpuPerClickMs);

    public static async Task<(List<Figures> Sizes, double BareClickCpuMs)> RunAsync(IReadOnlyList<int> sizes)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browsers.LaunchAsync(playwright);
        var bareClick = await BareClickCpuAsync(browser);
        var results = new List<Figures>();
        foreach (var size in sizes)
        {
            string folder;
            await using (var seeding = await AppProcess.StartAsync())
            {
                seeding.KeepData = true;
                folder = seeding.DataFolder;
            }
            var generated = MarketplaceGenerator.Generate(Path.Combine(folder, "refundportal.db"), size);
            Console.WriteLine($"lists: generated {size:N0} orders in {generated.TotalSeconds:N1} s");
            // The outbox senders and the deadline worker poll; here they would only add their own CPU to each click's.
            await using var app = await AppProcess.StartAsync(new Dictionary<string, string>
            {
                ["Email:PollInterval"] = "01:00:00", ["Webhooks:PollInterval"] = "01:00:00", ["Refunds:DeadlineCheckInterval"] = "01:00:00",
            }, folder);

            var buyer = await SignedInPageAsync(browser, app, "buyer@example.com");
            var searches = new List<double>();
            // Each term twice, the first search of the page's life before them (its first query plans and JIT): median of 6.
            await buyer.GotoAsync("purchased-items");
            await buyer.GetByTestId("order-search").FillAsync("Wool Socks");
            await buyer.GetByTestId("order-card").First.WaitForAsync();
            foreach (var term in new[] { MarketplaceGenerator.RareProduct, "RP-GEN-0000042", "aurora head", MarketplaceGenerator.RareProduct, "RP-GEN-0000042", "aurora head" })
            {
                await buyer.GotoAsync("purchased-items");
                await buyer.GetByTestId("order-card").First.WaitForAsync();
                // Timed in the page, from the first input event to the mutation that shows the card: a locator's
                // wait polls ever more slowly (up to 500 ms apart) and would round the figure up.
                await buyer.EvaluateAsync(WatchSearchScript, term.StartsWith("RP-") ? term : MarketplaceGenerator.RareProduct);
                await buyer.GetByTestId("order-search").FillAsync(term);
                await buyer.WaitForFunctionAsync("() => window.__benchFoundAt !== undefined");
                searches.Add(await buyer.EvaluateAsync<double>("() => window.__benchFoundAt - window.__benchTypedAt"));
            }

            var seller = await SignedInPageAsync(browser, app, "seller@example.com");
            // From the navigation's start to the first row, in the page's own clock (see WatchRowsScript).
            await seller.AddInitScriptAsync(WatchRowsScript);
            var opens = new List<double>();
            for (var run = 0; run < Runs; run++)
            {
                await seller.GotoAsync("sold-items");
                await seller.GetByTestId("order-card").First.WaitForAsync();
                await seller.GotoAsync("refund-management");
                await seller.WaitForFunctionAsync("() => window.__benchRowAt !== undefined");
                opens.Add(await seller.EvaluateAsync<double>("() => window.__benchRowAt"));
            }
            // Warm clicks first, so the JIT has compiled (and tiered up) what a click runs, then what the process uses
            // anyway (the idle circuits, timers) per second, taken off below.
            TimeSpan idleRate = default;
            var cpuBefore = TimeSpan.Zero;
            var onAll = false; // the list opens on "Needs my action" when something waits: the first click goes to "All"
            var clickWall = new Stopwatch();
            for (var click = -WarmUpClicks; click < Clicks; click++)
            {
                if (click == 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(10));
                    var idleFrom = app.CpuTime();
                    await Task.Delay(TimeSpan.FromSeconds(10));
                    idleRate = (app.CpuTime() - idleFrom) / 10;
                    (cpuBefore, clickWall) = (app.CpuTime(), Stopwatch.StartNew());
                }
                var first = await seller.GetByTestId("refund-row").First.InnerTextAsync();
                // Between "All" and "Needs my action": each click loads a page of the list and its counts.
                onAll = !onAll;
                await seller.GetByTestId("refund-filters").GetByText(onAll ? "All (" : "Needs my action (").ClickAsync();
                await Assertions.Expect(seller.GetByTestId("refund-row").First).Not.ToHaveTextAsync(first);
            }
            var wallPerClick = clickWall.Elapsed.TotalMilliseconds / Clicks;
            // What the clicks left running (JIT tier-up, collections) counts too: a settle period after them.
            await Task.Delay(TimeSpan.FromSeconds(3));
            var clicking = app.CpuTime() - cpuBefore;
            var idle = idleRate * (clickWall.Elapsed + TimeSpan.FromSeconds(3)).TotalSeconds;
            var cpuPerClick = (clicking - idle).TotalMilliseconds / Clicks;
            var figures = new Figures(size, Median(searches), Median(opens), cpuPerClick);
            Console.WriteLine($"lists at {size:N0} orders: each search {string.Join(", ", searches.Select(s => $"{s:N0}"))} ms; each open {string.Join(", ", opens.Select(s => $"{s:N0}"))} ms");
            Console.WriteLine($"lists at {size:N0} orders: \"Purchased Items\" search to the first card {figures.SearchMs:N0} ms, " +
                              $"\"Refund Management\" open {figures.OpenMs:N0} ms, server CPU per list click {figures.CpuPerClickMs:N1} ms " +
                              $"({clicking.TotalMilliseconds / Clicks:N1} ms while clicking and settling, less {idle.TotalMilliseconds / Clicks:N1} ms at the idle rate; " +
                              $"{wallPerClick:N0} ms from click to the new first row)");
            results.Add(figures);
            await buyer.Context.CloseAsync();
            await seller.Context.CloseAsync();
        }
        return (results, bareClick);
    }

    /// <summary>
    /// The yardstick for CPU per click: a bare `dotnet new blazor` app's /counter, clicked and measured the same way
    /// (warm clicks, idle rate taken off). What a Blazor Server event costs before any of the portal's own work.
    /// </summary>
    public static async Task<double> BareClickCpuAsync(IBrowser browser)
    {
        var (process, url) = await BareTemplate.StartAsync(await BareTemplate.BuildAsync());
        try
        {
            TimeSpan Cpu() { process.Refresh(); return process.TotalProcessorTime; }
            var page = await browser.NewPageAsync(new() { BaseURL = url.ToString() });
            await page.GotoAsync("counter");
            var button = page.GetByRole(AriaRole.Button, new() { Name = "Click me" });
            var status = page.GetByRole(AriaRole.Status);
            var count = 0;
            // Prerendered: the circuit is live once a click counts.
            while (count == 0)
            {
                await button.ClickAsync();
                await Task.Delay(100);
                count = int.Parse((await status.InnerTextAsync()).Split(':')[1]);
            }
            TimeSpan idleRate = default, before = default;
            var clicking = new Stopwatch();
            for (var click = -WarmUpClicks; click < Clicks; click++)
            {
                if (click == 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(10));
                    var idleFrom = Cpu();
                    await Task.Delay(TimeSpan.FromSeconds(10));
                    idleRate = (Cpu() - idleFrom) / 10;
                    (before, clicking) = (Cpu(), Stopwatch.StartNew());
                }
                await button.ClickAsync();
                await Assertions.Expect(status).ToHaveTextAsync($"Current count: {++count}");
            }
            await Task.Delay(TimeSpan.FromSeconds(3));
            var idle = idleRate * (clicking.Elapsed + TimeSpan.FromSeconds(3)).TotalSeconds;
            var perClick = (Cpu() - before - idle).TotalMilliseconds / Clicks;
            Console.WriteLine($"lists: bare template /counter, server CPU per click {perClick:N1} ms");
            await page.CloseAsync();
            return perClick;
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<IPage> SignedInPageAsync(IBrowser browser, AppProcess app, string email)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl.ToString() });
        context.SetDefaultTimeout(120_000);
        return await Browsers.SignInAsync(context, email);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
