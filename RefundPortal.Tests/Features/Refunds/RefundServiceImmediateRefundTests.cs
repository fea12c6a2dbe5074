using Microsoft.EntityFrameworkCore;
using RefundPortal.Domain;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Shared;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.OrderFactory;

namespace RefundPortal.Tests.Features.Refunds;

/// <summary>The seller refunds at once through <see cref="RefundService"/>, without a request from the buyer.</summary>
public abstract class RefundServiceImmediateRefundTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TestApp
{
    [Fact]
    public async Task IssuingAnImmediateRefundPaysAtOnceWithoutARequestFromTheBuyer()
    {
        var (buyer, seller) = (await app.BuyerAsync(), await app.SellerAsync());
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);

        var id = await app.Refunds().IssueImmediateRefundAsync(seller, order.Id,
            new ImmediateRefundForm([new LineChoice(order.Lines[1].Id, 1)], 20m, false, "Sorry for the scratch."));

        var saved = await app.LoadAsync(id);
        Assert.Equal(RefundStatus.Refunded, saved.Status);
        Assert.True(saved.InitiatedBySeller);
        Assert.Equal(RefundKind.RefundOnly, saved.Kind);
        Assert.Equal(2000, saved.AmountMinor);
        Assert.Equal((2000L, app.Now()), (saved.Payout!.AmountMinor, saved.Payout.RequestedAt));
        Assert.Equal(2000, saved.Order.RefundedTotalMinor);
        Assert.Equal([0, 1], saved.Order.Lines.OrderBy(l => l.Id).Select(l => l.RefundedQuantity));
        var issued = Assert.Single(await app.TimelineAsync(id));
        Assert.Equal(TimelineEventKind.ImmediateRefund, issued.Kind);
        Assert.Equal((seller.Id, ActorRole.Seller), (issued.ActorId, issued.ActorRole));
        Assert.Null(issued.FromStatus);
        Assert.Equal(RefundStatus.Refunded, issued.ToStatus);
        Assert.Equal("Sorry for the scratch.", issued.Note);
    }

    [Fact]
    public async Task AnImmediateRefundOfTheWholeOrderWithShippingClosesTheOrder()
    {
        var (buyer, seller) = (await app.BuyerAsync(), await app.SellerAsync());
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);

        await app.Refunds().IssueImmediateRefundAsync(seller, order.Id,
            new ImmediateRefundForm([new LineChoice(order.Lines[0].Id, 2), new LineChoice(order.Lines[1].Id, 1)], 150.99m, true, null));

        await using var db = app.NewDb();
        var saved = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == order.Id);
        Assert.Equal(OrderStatus.Closed, saved.Status);
        Assert.Equal(app.Now(), saved.ClosedAt);
        Assert.True(saved.ShippingRefunded);
        Assert.Equal(saved.PaidTotalMinor, saved.RefundedTotalMinor);
        Assert.All(saved.Lines, l => Assert.Equal(l.Quantity, l.RefundedQuantity));
    }

    [Fact]
    public async Task AnImmediateRefundOnAnotherSellersOrderIsNotFound()
    {
        var (buyer, seller, seller2) = (await app.BuyerAsync(), await app.SellerAsync(), await app.Seller2Async());
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);

        await Assert.ThrowsAsync<NotFoundException>(() => app.Refunds().IssueImmediateRefundAsync(seller2, order.Id,
            new ImmediateRefundForm([new LineChoice(order.Lines[1].Id, 1)], 10m, false, null)));

        await using var db = app.NewDb();
        Assert.False(await db.RefundRequests.AnyAsync(r => r.OrderId == order.Id));
    }

    [Fact]
    public async Task AnImmediateRefundIsRefusedOnAHeldLineOrAboveThePaidAmountAndNothingChanges()
    {
        var (buyer, seller) = (await app.BuyerAsync(), await app.SellerAsync());
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var held = await app.ApplyReturnAsync(buyer, order);
        var before = await app.SnapshotAsync(held);

        var onHeldLine = await Assert.ThrowsAsync<ActiveRefundExistsException>(() => app.Refunds().IssueImmediateRefundAsync(seller, order.Id,
            new ImmediateRefundForm([new LineChoice(order.Lines[1].Id, 1)], 10m, false, null)));
        Assert.Equal(held, onHeldLine.ActiveRequestId);
        var tooMuch = await Assert.ThrowsAsync<RefundValidationException>(() => app.Refunds().IssueImmediateRefundAsync(seller, order.Id,
            new ImmediateRefundForm([new LineChoice(order.Lines[0].Id, 1)], 59.01m, false, null)));
        Assert.Equal(["Amount"], tooMuch.Errors.Keys);
        var nothingChosen = await Assert.ThrowsAsync<RefundValidationException>(() => app.Refunds().IssueImmediateRefundAsync(seller, order.Id,
            new ImmediateRefundForm([new LineChoice(order.Lines[0].Id, 0)], 1.005m, false, null)));
        Assert.Equal(["Amount", "Lines"], nothingChosen.Errors.Keys.Order());

        Assert.Equal(before, await app.SnapshotAsync(held));
    }
}

/// <summary>On SQLite, the embedded default.</summary>
public sealed class RefundServiceImmediateRefundTestsOnSqlite(TestApp app) : RefundServiceImmediateRefundTests<TestApp>(app);

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class RefundServiceImmediateRefundTestsOnPostgreSql(PostgresTestApp app) : RefundServiceImmediateRefundTests<PostgresTestApp>(app);
