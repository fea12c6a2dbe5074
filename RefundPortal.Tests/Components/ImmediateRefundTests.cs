using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using RefundPortal.Domain;
using RefundPortal.Features.Refunds.Pages;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Components;

public sealed class ImmediateRefundTests(TestApp app) : IClassFixture<TestApp>
{
    [Theory]
    [InlineData("-1000000000000000000", "The amount must be more than zero.")]
    [InlineData("79228162514264337593543950335", "That amount is too large.")]
    [InlineData("0.001", "Use at most two decimals.")]
    public async Task AnAmountNoFormCouldMeanIsRefusedOnTheAmountField(string typed, string message)
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        await using var context = MudTestContext.Create(app, seller);
        var page = context.Render<ImmediateRefund>(p => p.Add(x => x.OrderId, order.Id));
        page.WaitForElement("[data-testid=immediate-line]");
        page.Find("[data-testid=immediate-line] input").Change("1");

        page.Find("[data-testid=immediate-amount]").Change(typed);
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Issue Immediate Refund").Click();

        page.WaitForAssertion(() => Assert.Contains(message, page.Find(".mud-input-control:has([data-testid=immediate-amount])").TextContent));
        await using var db = app.NewDb();
        Assert.False(await db.RefundRequests.AnyAsync(r => r.OrderId == order.Id));
    }

    [Fact]
    public async Task PaysOnlyAfterAConfirmationThatStatesTheAmountAndTheBuyer()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        await using var context = MudTestContext.Create(app, seller);
        var dialogs = context.Render<MudDialogProvider>();
        var page = context.Render<ImmediateRefund>(p => p.Add(x => x.OrderId, order.Id));
        page.WaitForElement("[data-testid=immediate-line]");
        page.Find("[data-testid=immediate-line] input").Change("1");
        var issue = () => page.FindAll("button").Single(b => b.TextContent.Trim() == "Issue Immediate Refund").Click();

        string buyerName;
        await using (var db = app.NewDb()) buyerName = (await db.Users.SingleAsync(u => u.Id == buyer.Id)).DisplayName;
        issue();
        dialogs.WaitForAssertion(() => Assert.Contains($"USD 59.00 will be refunded to the buyer, {buyerName}, at once.", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("will be refunded", dialogs.Markup));
        await using (var db = app.NewDb())
            Assert.False(await db.RefundRequests.AnyAsync(r => r.OrderId == order.Id));

        issue();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Refund USD 59.00").Click());
        var waited = System.Diagnostics.Stopwatch.StartNew();
        RefundStatus? status = null;
        while (status != RefundStatus.Refunded && waited.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(50);
            await using var db = app.NewDb();
            status = (await db.RefundRequests.SingleOrDefaultAsync(r => r.OrderId == order.Id))?.Status;
        }
        Assert.Equal(RefundStatus.Refunded, status);
    }
}
