using Microsoft.EntityFrameworkCore;
using RefundPortal.Domain;
using RefundPortal.Features.Orders;
using RefundPortal.Features.Shared;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Orders;

public sealed class OrderActionsTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task ConfirmReceiptCompletesTheBuyersShippedOrder()
    {
        var buyer = await app.UserAsync("buyer2@example.com");
        await using var db = app.NewDb();
        var orderId = await db.Orders.Where(o => o.BuyerId == buyer.Id && o.Status == OrderStatus.Shipped).Select(o => o.Id).FirstAsync();

        await app.Get<OrderActions>().ConfirmReceiptAsync(buyer, orderId);

        await using var after = app.NewDb();
        var order = await after.Orders.SingleAsync(o => o.Id == orderId);
        Assert.Equal(OrderStatus.Completed, order.Status);
        Assert.Equal(app.Now(), order.CompletedAt);
    }

    [Fact]
    public async Task AnotherBuyerCannotConfirmReceiptAndNothingChanges()
    {
        var buyer = await app.UserAsync("buyer@example.com");
        var other = await app.UserAsync("buyer2@example.com");
        await using var db = app.NewDb();
        var orderId = await db.Orders.Where(o => o.BuyerId == buyer.Id && o.Status == OrderStatus.Shipped).Select(o => o.Id).FirstAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => app.Get<OrderActions>().ConfirmReceiptAsync(other, orderId));

        await using var after = app.NewDb();
        Assert.Equal(OrderStatus.Shipped, (await after.Orders.SingleAsync(o => o.Id == orderId)).Status);
    }
}
