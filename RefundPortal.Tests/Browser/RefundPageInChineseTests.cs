using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RefundPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RefundPortal.Tests.Browser;

/// <summary>
/// The refund page in Chinese, in a real browser: switched in place by the buyer, opened by a seller whose browser
/// speaks Chinese, a move made in Chinese and seen live on the other side, and no serious axe violation in Chinese.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RefundPageInChineseTests(BrowserFixture browser, OwnApp own) : IClassFixture<OwnApp>
{
    [Fact]
    public async Task TheRefundPageSwitchesInPlaceAndASellerInChineseRefusesWhileTheBuyerWatches()
    {
        // The buyer applies in English (own app: the demo accounts' choices stay the shared world's).
        var buyer = await browser.NewPageAsync(own.App);
        await BrowserFixture.LogInAsync(buyer, "buyer@example.com");
        await Expect(buyer.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await buyer.GotoAsync("purchased-items");
        var card = buyer.GetByTestId("order-card").Filter(new() { HasText = "Harbor Electronics Ltd." }).Filter(new() { HasText = "Received" })
            .Filter(new() { HasNotText = "Completed" });
        await BrowserFixture.ApplyForRefundAsync(buyer, card.First, "Refund only, no return", "Not as described", "Much quieter than described.",
            BrowserFixture.Png("meter.png"));
        var refundPath = new Uri(buyer.Url).AbsolutePath.TrimStart('/');
        await buyer.GetByTestId("message-text").FillAsync("Half typed");

        // The switch re-renders the page in Chinese and keeps what was typed.
        await buyer.GetByTestId("language-switch").And(buyer.Locator("[data-language='zh-CN']")).ClickAsync();
        await Expect(buyer.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(buyer.Locator("h1")).ToHaveTextAsync(new Regex(@"^退款 #\d+$"));
        await Expect(buyer.GetByTestId("refund-status")).ToHaveTextAsync("等待卖家确认");
        await Expect(buyer.GetByTestId("message-text")).ToHaveValueAsync("Half typed");
        await Expect(buyer.GetByTestId("refund-actions").GetByRole(AriaRole.Button, new() { Name = "撤销申请" })).ToBeVisibleAsync();
        await Expect(buyer.GetByTestId("deadline-countdown")).ToHaveTextAsync(new Regex(@"^如卖家在 \d+天\d+小时内未处理，系统将自动退款。$"));
        await Expect(buyer.GetByTestId("timeline")).ToContainTextAsync("申请退款");

        // A seller whose browser speaks Chinese refuses, in Chinese.
        var seller = await BrowserFixture.NewPageAsync(browser.Browser, own.App, locale: "zh-CN");
        await seller.GotoAsync("Account/Login");
        await seller.Locator("#Input\\.Email").FillAsync("seller2@example.com");
        await seller.Locator("#Input\\.Password").FillAsync("Demo#2026");
        await seller.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Expect(seller.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await seller.GotoAsync(refundPath);
        await Expect(seller.GetByTestId("refund-amount")).ToHaveTextAsync(new Regex(@"^USD \d{1,3}(,\d{3})*\.\d{2}$"));
        await Expect(seller.GetByText("买家是否收到货")).ToBeVisibleAsync();
        var violations = await Axe.SeriousViolationsAsync(seller);
        Assert.True(violations.Count == 0, "axe found:\n" + string.Join("\n", violations));

        await seller.GetByTestId("refund-actions").GetByRole(AriaRole.Button, new() { Name = "拒绝退款" }).ClickAsync();
        await seller.GetByTestId("refuse-reason").FillAsync("与商品描述一致。");
        await seller.GetByTestId("refuse-panel").GetByRole(AriaRole.Button, new() { Name = "拒绝退款" }).ClickAsync();
        await Expect(seller.GetByTestId("refund-status")).ToHaveTextAsync("卖家已拒绝");
        await Expect(seller.GetByText("已拒绝退款。")).ToBeVisibleAsync();

        // The buyer's page follows live, in the buyer's language: the countdown speaks to the buyer now.
        await Expect(buyer.GetByTestId("refund-status")).ToHaveTextAsync("卖家已拒绝");
        await Expect(buyer.GetByTestId("refusal-reason")).ToHaveTextAsync("卖家拒绝理由：与商品描述一致。");
        await Expect(buyer.GetByTestId("deadline-countdown")).ToHaveTextAsync(
            new Regex(@"^如您在 \d+天\d+小时内未处理，退款申请将关闭。您现在可以：修改申请、申请平台介入或撤销申请。$"));
        await Expect(buyer.GetByTestId("timeline")).ToContainTextAsync("拒绝了退款");
        await Expect(buyer.GetByTestId("refund-actions").GetByRole(AriaRole.Button, new() { Name = "申请平台介入" })).ToBeVisibleAsync();
    }
}
