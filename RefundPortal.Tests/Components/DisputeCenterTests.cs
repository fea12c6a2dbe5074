using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Disputes;
using RefundPortal.Features.Disputes.Pages;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.OrderFactory;

namespace RefundPortal.Tests.Components;

/// <summary>The Dispute Center page: queue chips with counts, one card per dispute, the overdue ones marked, paged.</summary>
public sealed class DisputeCenterTests(TestApp app) : IClassFixture<TestApp>
{
    private static void Choose(IRenderedComponent<DisputeCenter> page, string queue) =>
        page.Find($"[data-testid=queue-{queue}]").Click();

    private async Task<string> OrderNumberAsync(int id)
    {
        await using var db = app.NewDb();
        return await db.RefundRequests.Where(r => r.Id == id).Select(r => r.Order.Number).SingleAsync();
    }

    [Fact]
    public async Task ShowsTheQueuesWithCountsAndTheArbitersCasesWithTheOverdueOneMarked()
    {
        var (buyer, seller) = (await app.UserAsync(BuyerEmail), await app.UserAsync(SellerEmail));
        var me = await app.NewUserAsync("arb", Roles.Arbiter);
        var lateEscalatedAt = app.Now();
        var late = await app.EscalatedAsync(buyer, seller);
        await app.TakeAsync(late, me);
        app.Clock.Advance(TimeSpan.FromDays(8));
        var freshEscalatedAt = app.Now();
        var fresh = await app.EscalatedAsync(buyer, seller);
        await app.TakeAsync(fresh, me);
        var expected = await app.Queries().QueueAsync(me, DisputeQueueKind.Unassigned, 1);
        await using var context = MudTestContext.Create(app, me);

        var page = context.Render<DisputeCenter>();

        page.WaitForAssertion(() => Assert.Equal($"Unassigned ({expected.Unassigned})", page.Find("[data-testid=queue-unassigned]").TextContent.Trim()));
        // The arbiter holds cases: the center opens on them.
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=dispute-row]").Count));
        Assert.Contains("mud-chip-color-primary", page.Find("[data-testid=queue-mine]").ClassName);
        Assert.Equal("Dispute Center", page.Find("h1").TextContent.Trim());
        Assert.Equal("Mine (2)", page.Find("[data-testid=queue-mine]").TextContent.Trim());
        Assert.Equal($"Overdue ({expected.Overdue})", page.Find("[data-testid=queue-overdue]").TextContent.Trim());
        Assert.True(expected.Overdue >= 1);

        Choose(page, "mine");

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=dispute-row]").Count));
        var rows = page.FindAll("[data-testid=dispute-row]");
        var (lateRow, freshRow) = (rows[0], rows[1]);
        Assert.Equal($"refunds/{late}", lateRow.QuerySelector("[data-testid=open-case]")!.GetAttribute("href"));
        Assert.Equal("Open Case", lateRow.QuerySelector("[data-testid=open-case]")!.TextContent.Trim());
        Assert.Contains($"Order {await OrderNumberAsync(late)}", lateRow.TextContent);
        Assert.Contains("Buyer: Bella Buyer", lateRow.TextContent);
        Assert.Contains("Seller: Sunrise Outdoor Co.", lateRow.TextContent);
        Assert.Contains("USD 59.00", lateRow.TextContent);
        Assert.Contains($"Escalated {lateEscalatedAt.Day()}", lateRow.TextContent);
        Assert.Contains($"Due {lateEscalatedAt.AddDays(7).Day()}", lateRow.TextContent);
        var overdue = lateRow.QuerySelector("[data-testid=overdue]");
        Assert.NotNull(overdue);
        Assert.Equal("Overdue", overdue.TextContent.Trim());
        Assert.Contains("mud-chip-color-error", overdue.ClassName);
        Assert.Equal($"refunds/{fresh}", freshRow.QuerySelector("[data-testid=open-case]")!.GetAttribute("href"));
        Assert.Contains($"Escalated {freshEscalatedAt.Day()}", freshRow.TextContent);
        Assert.Contains($"Due {freshEscalatedAt.AddDays(7).Day()}", freshRow.TextContent);
        Assert.Null(freshRow.QuerySelector("[data-testid=overdue]"));
        Assert.Empty(page.FindComponents<MudPagination>());

        Choose(page, "overdue");

        page.WaitForAssertion(() => Assert.Equal(Math.Min(expected.Overdue, 20), page.FindAll("[data-testid=dispute-row]").Count));
        Assert.All(page.FindAll("[data-testid=dispute-row]"), row => Assert.NotNull(row.QuerySelector("[data-testid=overdue]")));
    }

    [Fact]
    public async Task AnEmptyQueueSaysSo()
    {
        var me = await app.NewUserAsync("arb", Roles.Arbiter);
        await using var context = MudTestContext.Create(app, me);
        var page = context.Render<DisputeCenter>();
        page.WaitForElement("[data-testid=queue-mine]");

        Choose(page, "mine");

        page.WaitForAssertion(() => Assert.Equal("No disputes here.", page.Find("[data-testid=no-disputes]").TextContent.Trim()));
        Assert.Equal("Mine (0)", page.Find("[data-testid=queue-mine]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=dispute-row]"));
    }

    [Fact]
    public async Task MoreThanAPageOfCasesIsPaged()
    {
        var (buyer, seller) = (await app.UserAsync(BuyerEmail), await app.UserAsync(SellerEmail));
        var me = await app.NewUserAsync("arb", Roles.Arbiter);
        var ids = new List<int>();
        for (var i = 0; i < 21; i++)
        {
            ids.Add(await app.EscalatedAsync(buyer, seller));
            await app.TakeAsync(ids[^1], me);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        await using var context = MudTestContext.Create(app, me);
        var page = context.Render<DisputeCenter>();
        page.WaitForElement("[data-testid=queue-mine]");

        Choose(page, "mine");

        page.WaitForAssertion(() => Assert.Equal(20, page.FindAll("[data-testid=dispute-row]").Count));
        Assert.Equal("Mine (21)", page.Find("[data-testid=queue-mine]").TextContent.Trim());
        Assert.Equal($"refunds/{ids[0]}", page.Find("[data-testid=open-case]").GetAttribute("href"));
        page.FindComponent<MudPagination>();
        var pageButtons = page.FindAll(".mud-pagination-item button").Select(b => b.TextContent.Trim()).Where(t => t.Length > 0).ToList();
        Assert.Equal(["1", "2"], pageButtons);

        page.FindAll(".mud-pagination-item button").Single(b => b.TextContent.Trim() == "2").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=dispute-row]")));
        Assert.Equal($"refunds/{ids[^1]}", page.Find("[data-testid=open-case]").GetAttribute("href"));
    }

    [Fact]
    public async Task InChineseShowsTheQueuesCasesDatesAndAmountsInChinese()
    {
        var (buyer, seller) = (await app.UserAsync(BuyerEmail), await app.UserAsync(SellerEmail));
        var me = await app.NewUserAsync("arb", Roles.Arbiter);
        var escalatedAt = app.Now();
        var late = await app.EscalatedAsync(buyer, seller);
        await app.TakeAsync(late, me);
        app.Clock.Advance(TimeSpan.FromDays(8));
        var expected = await app.Queries().QueueAsync(me, DisputeQueueKind.Unassigned, 1);
        await using var context = MudTestContext.Create(app, me);

        var page = context.RenderInChinese<DisputeCenter>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=dispute-row]")));
        Assert.Equal("纠纷中心", page.Find("h1").TextContent.Trim());
        Assert.Equal($"待受理（{expected.Unassigned}）", page.Find("[data-testid=queue-unassigned]").TextContent.Trim());
        Assert.Equal("我的案件（1）", page.Find("[data-testid=queue-mine]").TextContent.Trim());
        Assert.Equal($"已逾期（{expected.Overdue}）", page.Find("[data-testid=queue-overdue]").TextContent.Trim());

        var row = page.Find("[data-testid=dispute-row]");
        Assert.Contains($"退款 #{late}", row.TextContent);
        Assert.Contains($"订单 {await OrderNumberAsync(late)}", row.TextContent);
        Assert.Contains("我的案件", row.TextContent);
        Assert.Contains("买家：Bella Buyer · 卖家：Sunrise Outdoor Co. · 仅退款，不退货", row.TextContent);
        Assert.Contains("USD 59.00", row.TextContent);
        // The days in Chinese date words ("2026年11月20日"), as the culture writes them.
        Assert.Contains($"申请介入于 {escalatedAt.Day()}", row.TextContent);
        Assert.Contains($"截止 {escalatedAt.AddDays(7).Day()}", row.TextContent);
        Assert.Matches(@"^\d{4}年\d{1,2}月\d{1,2}日$", escalatedAt.Day());
        Assert.Equal("已逾期", row.QuerySelector("[data-testid=overdue]")!.TextContent.Trim());
        Assert.Equal("查看案件", row.QuerySelector("[data-testid=open-case]")!.TextContent.Trim());
    }
}
