using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using RefundPortal.Domain;
using RefundPortal.Features.Languages;
using RefundPortal.Features.Orders;
using RefundPortal.Features.Orders.Pages;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Components;

/// <summary>The first translated slice in Chinese: labels from the resources, dates and amounts in the culture.</summary>
public sealed class LocalizedPagesTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    [Fact]
    public async Task PurchasedItemsInChineseShowsChineseLabelsDatesAndAmounts()
    {
        var buyer = await app.UserAsync("buyer@example.com");
        await using var context = MudTestContext.Create(app, buyer);
        context.Services.GetRequiredService<PortalLanguage>().Use(Languages.Chinese);

        var page = context.Render<LanguageScope>(p => p.AddChildContent<PurchasedItems>());

        page.WaitForElements("[data-testid=order-card]", TimeSpan.FromSeconds(5));
        var expected = await app.Get<OrderQueries>().ListAsync(buyer, ActorRole.Buyer, new OrderListQuery());
        Assert.Equal("已买到的货品", page.Find("h1").TextContent.Trim());
        Assert.Equal($"共 {expected.TotalCount} 个订单", page.Find("[data-testid=order-count]").TextContent.Trim());
        Assert.Contains("商品状态", page.Find("[data-testid=order-card]").TextContent);
        var applyButtons = page.FindAll("[data-testid=apply-for-refund]");
        Assert.NotEmpty(applyButtons);
        Assert.All(applyButtons, b => Assert.Equal("申请退款", b.TextContent.Trim()));

        // The date in the culture's words ("2026年11月21日"), the amount with its code and the currency's decimals in the
        // culture's digits (zh-CN groups and separates as the invariant culture does: "USD 1,234.50").
        var first = expected.Items[0];
        Assert.Equal($"下单于 {first.PlacedAt.ToString("yyyy年M月d日", Chinese)}", page.FindAll("[data-testid=order-placed]")[0].TextContent.Trim());
        Assert.Matches(@"^\d{4}年\d{1,2}月\d{1,2}日$", page.FindAll("[data-testid=order-placed]")[0].TextContent.Trim()[4..]);
        var total = first.PaidTotal;
        Assert.Equal($"{total.Currency} {total.Decimal.ToString("N" + Currencies.MinorDigits(total.Currency), Chinese)}",
            page.FindAll("[data-testid=order-total]")[0].TextContent.Trim());

        // A status from the domain's resources, and MudBlazor's own pagination labels through the portal's MudLocalizer.
        Assert.Contains(first.Status.Label(), page.FindAll("[data-testid=order-status]")[0].TextContent);
        Assert.DoesNotMatch("[A-Za-z]", page.FindAll("[data-testid=order-status]")[0].TextContent);
        Assert.Contains("aria-label=\"下一页\"", page.Find("[data-testid=order-pages]").OuterHtml);
    }

    [Fact]
    public async Task ASwitchRerendersThePageInTheNewLanguageAndKeepsWhatWasTyped()
    {
        var buyer = await app.UserAsync("buyer@example.com");
        await using var context = MudTestContext.Create(app, buyer);
        var language = context.Services.GetRequiredService<PortalLanguage>();
        language.Use(Languages.English);
        var page = context.Render<LanguageScope>(p => p.AddChildContent<PurchasedItems>());
        page.WaitForElements("[data-testid=order-card]", TimeSpan.FromSeconds(5));
        Assert.Equal("Purchased Items", page.Find("h1").TextContent.Trim());

        var search = page.Find("input[data-testid=order-search]");
        search.Input("Lantern");
        search.Blur();
        page.WaitForAssertion(() => Assert.All(page.FindAll("[data-testid=order-card]"), c => Assert.Contains("Lantern", c.TextContent)),
            TimeSpan.FromSeconds(5));
        var cards = page.FindAll("[data-testid=order-card]").Count;

        await page.InvokeAsync(() => language.Switch(Languages.Chinese));

        page.WaitForAssertion(() => Assert.Equal("已买到的货品", page.Find("h1").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Equal("Lantern", page.Find("input[data-testid=order-search]").GetAttribute("value"));
        Assert.Equal(cards, page.FindAll("[data-testid=order-card]").Count);
        Assert.All(page.FindAll("[data-testid=apply-for-refund]"), b => Assert.Equal("申请退款", b.TextContent.Trim()));
        Assert.StartsWith("下单于 ", page.FindAll("[data-testid=order-placed]")[0].TextContent.Trim());
    }
    [Fact]
    public async Task OrderDetailsInChineseShowsChineseLabelsADateAndAnAmount()
    {
        var buyer = await app.UserAsync("buyer@example.com");
        var order = (await app.Get<OrderQueries>().ListAsync(buyer, ActorRole.Buyer, new OrderListQuery())).Items[0];
        await using var context = MudTestContext.Create(app, buyer);
        context.Services.GetRequiredService<PortalLanguage>().Use(Languages.Chinese);

        var page = context.Render<LanguageScope>(p => p.AddChildContent<OrderDetails>(d => d.Add(x => x.Id, order.Id)));

        page.WaitForAssertion(() => Assert.Equal($"订单 {order.Number}", page.Find("h1").TextContent.Trim()), TimeSpan.FromSeconds(5));
        var details = page.FindAll("dt").ToDictionary(dt => dt.TextContent.Trim(), dt => dt.NextElementSibling!.TextContent.Trim());
        Assert.Equal(order.BuyerName, details["买家"]);
        Assert.Equal(order.SellerName, details["卖家"]);
        // The day in the culture's words, the amount with its code and the currency's decimals.
        Assert.Equal(order.PlacedAt.ToString("yyyy年M月d日", Chinese), details["下单时间"]);
        Assert.Equal(order.ShippedAt is { } shipped ? shipped.ToString("yyyy年M月d日", Chinese) : "尚未发货", details["发货时间"]);
        var paid = order.PaidTotal;
        Assert.Equal($"{paid.Currency} {paid.Decimal.ToString("N" + Currencies.MinorDigits(paid.Currency), Chinese)}", details["实付款"]);
        Assert.Contains("运费", details.Keys);
        Assert.Equal(["商品明细", "订单信息"], page.FindAll("h6, .mud-typography-h6").Select(h => h.TextContent.Trim()).Distinct());
        Assert.Contains(order.Status.Label(), page.Find("[data-testid=order-status]").TextContent);
        Assert.DoesNotMatch("[A-Za-z]", order.Status.Label());
    }
}
