using System.Globalization;
using System.Text.RegularExpressions;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Languages;
using RefundPortal.Features.Statistics.Pages;
using RefundPortal.Tests.Features.Statistics;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Components;

/// <summary>"Refund Statistics" in zh-CN: the words from StatisticsText and the domain, durations in the culture's words.</summary>
public sealed class RefundStatisticsInChineseTests(TestApp app) : IClassFixture<TestApp>
{
    private static string Text(IRenderedComponent<LanguageScope> page, string selector) =>
        Regex.Replace(page.Find(selector).TextContent, @"\s+", " ").Trim();

    [Fact]
    public async Task ShowsTheFiguresInChinese()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var orders = new List<Order>();
        for (var i = 0; i < 4; i++) orders.Add(await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped));
        var answered = await app.ApplyAsync(buyer, orders[0], RefundReason.WrongItem);
        await app.ApplyAsync(buyer, orders[1], RefundReason.NotReceived);
        app.Clock.Advance(TimeSpan.FromHours(3));
        await app.AgreeAsync(seller, answered);
        await using var context = MudTestContext.Create(app, seller);
        context.Services.GetRequiredService<PortalLanguage>().Use(Languages.Chinese);

        var page = context.Render<LanguageScope>(p => p.AddChildContent<RefundStatistics>());

        page.WaitForAssertion(() => Assert.Equal("近 30 天： 50.0% （4 个订单中有 2 个）", Text(page, "[data-testid=refund-rate-30]")));
        Assert.Equal("退款统计", Text(page, "h1"));
        Assert.Equal("近 90 天： 50.0% （4 个订单中有 2 个）", Text(page, "[data-testid=refund-rate-90]"));
        // The duration in the culture's words, through the domain's resources.
        Assert.Equal("3小时0分钟", Text(page, "[data-testid=average-response]"));
        Assert.Contains("：近 30 天的 2 个退款申请中，您已处理 1 个。", Text(page, "[data-testid=response-time]"));
        Assert.Equal("1 个进行中， 0 个已超时。", Text(page, "[data-testid=open-requests] p.mud-typography-body1"));
        Assert.Equal("退款管理", Text(page, "[data-testid=open-requests] a.mud-button-root"));
        Assert.Equal("胜诉 0 · 败诉 0 · 部分退款 0 · 以方案和解 0", Text(page, "[data-testid=dispute-outcomes]"));
        // The reasons' names come from the domain (DomainText), the table's headings and the chart's name from StatisticsText.
        Assert.Equal(["未收到货 1 50%", "发错货 1 50%"],
            page.FindAll("[data-testid=reasons-chart] [data-testid=figure-row]").Select(r => Regex.Replace(r.TextContent, @"\s+", " ").Trim()));
        Assert.Equal(["退款原因", "申请数", "占比"], page.FindAll("[data-testid=reasons-chart] thead th").Select(h => h.TextContent.Trim()));
        Assert.Equal("近 30 天的退款申请（按退款原因）：环形图，数据见下表。", page.Find("[data-testid=reasons-chart] [role=img]").GetAttribute("aria-label"));
        Assert.Equal(["近 30 天", "近 90 天"], page.FindAll("[data-testid=statistics-window] .mud-chip").Select(c => c.TextContent.Trim()));
        Assert.Equal("导出 CSV", Text(page, "[data-testid=export-csv]"));
        Assert.DoesNotMatch("[A-Za-z]{3,}", Text(page, "[data-testid=refund-rate]"));

        page.Find("[data-testid=window-90]").Click();

        page.WaitForAssertion(() => Assert.Equal("近 90 天的纠纷", Text(page, "[data-testid=disputes] h2")));
    }

    [Fact]
    public async Task ABadRangesMessageFollowsASwitch()
    {
        var seller = await app.NewUserAsync("seller", Roles.Seller);
        await using var context = MudTestContext.Create(app, seller);
        var language = context.Services.GetRequiredService<PortalLanguage>();
        language.Use(Languages.English);
        var page = context.Render<LanguageScope>(p => p.AddChildContent<RefundStatistics>());
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=export-csv]")));

        page.FindAll("input[type=date]")[0].Change(DateOnly.FromDateTime(app.Now()).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        page.WaitForAssertion(() => Assert.Equal("The first day must not be after the last day.", Text(page, "[data-testid=export-error]")));

        await page.InvokeAsync(() => language.Switch(Languages.Chinese));

        page.WaitForAssertion(() => Assert.Equal("开始日期不能晚于结束日期。", Text(page, "[data-testid=export-error]")));
        Assert.Equal("退款统计", Text(page, "h1"));
        Assert.Contains("近 30 天没有退款申请。", Text(page, "[data-testid=reasons]"));
    }
}

/// <summary>The "Dispute Board" in zh-CN, on a database of its own (its figures count every case).</summary>
public sealed class DisputeBoardInChineseTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    private static string Rows(IRenderedComponent<LanguageScope> page, string chart) => string.Join(" | ",
        page.FindAll($"[data-testid={chart}] [data-testid=figure-row]").Select(r => Regex.Replace(r.TextContent, @"\s+", " ").Trim()));

    [Fact]
    public async Task ShowsCasesRulingsAndTheOverdueOnesInChinese()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var arbiter = await app.NewUserAsync("arb", Roles.Arbiter);
        var late = await app.EscalatedAsync(buyer, seller);
        var escalatedAt = app.Now();
        app.Clock.Advance(TimeSpan.FromDays(8));
        await app.RuledAsync(buyer, seller, arbiter, RulingOutcome.Reject);
        await using var context = MudTestContext.Create(app, arbiter);
        context.Services.GetRequiredService<PortalLanguage>().Use(Languages.Chinese);

        var page = context.Render<LanguageScope>(p => p.AddChildContent<DisputeBoard>());

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=overdue-row]")));
        Assert.Equal("纠纷看板", page.Find("h1").TextContent.Trim());
        Assert.Equal("1 个案件处于“平台介入中”，从申请平台介入时起计算。",
            Regex.Replace(page.Find("[data-testid=case-ages] p").TextContent, @"\s+", " ").Trim());
        Assert.Equal("不到 1 天 0 0% | 1 到 3 天 0 0% | 3 到 7 天 0 0% | 超过 7 天 1 100%", Rows(page, "ages-chart"));
        Assert.Equal("全额退款 0 0% | 部分退款 0 0% | 驳回 1 100% | 以方案和解 0 0%", Rows(page, "rulings-chart"));
        Assert.Contains("个案件已超过平台介入期限，最早的排在前面：", page.Find("[data-testid=overdue-cases]").TextContent);
        // The escalation's day written in the culture ("2026年11月23日"), and the case not taken yet.
        var row = Regex.Replace(page.Find("[data-testid=overdue-row]").TextContent, @"\s+", " ").Trim();
        Assert.StartsWith($"退款 #{late} · 订单 ", row);
        Assert.Contains($"{escalatedAt.ToString("yyyy年M月d日", Chinese)} 申请平台介入", row);
        Assert.EndsWith("· 待受理", row);
        Assert.Equal("纠纷中心", page.Find("[data-testid=overdue-cases] a.mud-button-root").TextContent.Trim());
        Assert.Equal("进行中的案件（按申请平台介入后的时长）：柱状图，数据见下表。", page.Find("[data-testid=ages-chart] [role=img]").GetAttribute("aria-label"));
        Assert.Equal(["近 30 天", "近 90 天"], page.FindAll("[data-testid=statistics-window] .mud-chip").Select(c => c.TextContent.Trim()));
    }
}
