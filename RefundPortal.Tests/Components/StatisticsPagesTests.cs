using Bunit;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Statistics.Pages;
using RefundPortal.Tests.Features.Statistics;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Components;

/// <summary>"Refund Statistics": the seller's figures, the reasons as a chart with its table, the window switch and the export's range.</summary>
public sealed class RefundStatisticsPageTests(TestApp app) : IClassFixture<TestApp>
{
    private static string Text(IRenderedComponent<RefundStatistics> page, string testId) =>
        System.Text.RegularExpressions.Regex.Replace(page.Find($"[data-testid={testId}]").TextContent, @"\s+", " ").Trim();

    [Fact]
    public async Task ShowsTheSellersFiguresAndSwitchesTheWindow()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var orders = new List<Order>();
        for (var i = 0; i < 4; i++) orders.Add(await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped));
        var answered = await app.ApplyAsync(buyer, orders[0], RefundReason.WrongItem);
        await app.ApplyAsync(buyer, orders[1], RefundReason.NotReceived);
        app.Clock.Advance(TimeSpan.FromHours(3));
        await app.AgreeAsync(seller, answered);
        await using var context = MudTestContext.Create(app, seller);

        var page = context.Render<RefundStatistics>();

        page.WaitForAssertion(() => Assert.Equal("Last 30 days: 50.0% (2 of 4 orders)", Text(page, "refund-rate-30")));
        Assert.Equal("Refund Statistics", page.Find("h1").TextContent.Trim());
        Assert.Equal("Last 90 days: 50.0% (2 of 4 orders)", Text(page, "refund-rate-90"));
        Assert.Equal("3 hours 0 minutes", Text(page, "average-response"));
        Assert.Contains("you answered 1 of 2 requests of the last 30 days", Text(page, "response-time"));
        Assert.Equal(("1", "0"), (Text(page, "open-count"), Text(page, "overdue-count")));
        Assert.Equal("refund-management", page.Find("[data-testid=open-requests] a.mud-button-root").GetAttribute("href"));
        Assert.Equal(["Not received 1 50%", "Wrong item 1 50%"],
            page.FindAll("[data-testid=reasons-chart] [data-testid=figure-row]").Select(r => System.Text.RegularExpressions.Regex.Replace(r.TextContent, @"\s+", " ").Trim()));
        Assert.Contains("donut chart", page.Find("[data-testid=reasons-chart] [role=img]").GetAttribute("aria-label"));
        Assert.NotEmpty(page.FindAll("[data-testid=reasons-chart] svg"));
        Assert.Equal("Won 0 · lost 0 · partial refund 0 · settled by a plan 0", Text(page, "dispute-outcomes"));
        Assert.Equal("true", page.Find("[data-testid=window-30]").GetAttribute("aria-pressed"));

        page.Find("[data-testid=window-90]").Click();

        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=window-90]").GetAttribute("aria-pressed")));
        Assert.Equal("Disputes, last 90 days", page.Find("[data-testid=disputes] h2").TextContent.Trim());
    }

    [Fact]
    public async Task TheExportLinkCarriesTheRangeAndABadRangeIsToldBeforeDownloading()
    {
        var seller = await app.NewUserAsync("seller", Roles.Seller);
        await using var context = MudTestContext.Create(app, seller);
        var today = DateOnly.FromDateTime(app.Now());

        var page = context.Render<RefundStatistics>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=export-csv]")));
        Assert.Equal($"refund-statistics/refunds.csv?from={today.AddDays(-29):yyyy-MM-dd}&to={today:yyyy-MM-dd}",
            page.Find("[data-testid=export-csv]").GetAttribute("href"));
        Assert.Contains("No refund requests in the last 30 days.", page.Find("[data-testid=reasons]").TextContent);

        page.FindAll("input[type=date]")[0].Change(today.AddDays(1).ToString("yyyy-MM-dd"));

        page.WaitForAssertion(() => Assert.Equal("The first day must not be after the last day.", page.Find("[data-testid=export-error]").TextContent.Trim()));
        Assert.True(page.Find("[data-testid=export-csv]").HasAttribute("disabled") || page.Find("[data-testid=export-csv]").ClassList.Contains("mud-button-disabled"));
    }
}

/// <summary>The "Dispute Board", on a database of its own: cases by age, the overdue ones oldest first, rulings by outcome.</summary>
public sealed class DisputeBoardPageTests(TestApp app) : IClassFixture<TestApp>
{
    private static string Rows(IRenderedComponent<DisputeBoard> page, string chart) => string.Join(" | ",
        page.FindAll($"[data-testid={chart}] [data-testid=figure-row]").Select(r => System.Text.RegularExpressions.Regex.Replace(r.TextContent, @"\s+", " ").Trim()));

    [Fact]
    public async Task ShowsCasesByAgeTheOverdueOnesAndRulings()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var arbiter = await app.NewUserAsync("arb", Roles.Arbiter);
        await app.RuledAsync(buyer, seller, arbiter, RulingOutcome.FullRefund);
        app.Clock.Advance(TimeSpan.FromDays(40));
        var late = await app.EscalatedAsync(buyer, seller);
        app.Clock.Advance(TimeSpan.FromDays(6));
        await app.EscalatedAsync(buyer, seller);
        app.Clock.Advance(TimeSpan.FromDays(2));
        await app.EscalatedAsync(buyer, seller);
        await app.RuledAsync(buyer, seller, arbiter, RulingOutcome.Reject);
        await using var context = MudTestContext.Create(app, arbiter);

        var page = context.Render<DisputeBoard>();

        page.WaitForAssertion(() => Assert.Equal("3", page.Find("[data-testid=open-cases]").TextContent.Trim()));
        Assert.Equal("Dispute Board", page.Find("h1").TextContent.Trim());
        Assert.Equal("Under 1 day 1 33% | 1 to 3 days 1 33% | 3 to 7 days 0 0% | Over 7 days 1 33%", Rows(page, "ages-chart"));
        Assert.Equal("1", page.Find("[data-testid=overdue-count]").TextContent.Trim());
        var overdue = Assert.Single(page.FindAll("[data-testid=overdue-row]"));
        Assert.Equal($"refunds/{late}", overdue.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Not taken", overdue.TextContent);
        Assert.Equal("Full refund 0 0% | Partial refund 0 0% | Rejected 1 100% | Settled by a plan 0 0%", Rows(page, "rulings-chart"));

        page.Find("[data-testid=window-90]").Click();

        page.WaitForAssertion(() => Assert.Equal("Full refund 1 50% | Partial refund 0 0% | Rejected 1 50% | Settled by a plan 0 0%", Rows(page, "rulings-chart")));
    }
}
