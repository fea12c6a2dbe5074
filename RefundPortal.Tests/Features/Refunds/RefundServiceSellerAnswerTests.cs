using Microsoft.EntityFrameworkCore;
using RefundPortal.Domain;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Refunds.Evidence;
using RefundPortal.Features.Returns;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.OrderFactory;

namespace RefundPortal.Tests.Features.Refunds;

/// <summary>The seller agrees, refuses or changes the return address through <see cref="RefundService"/>.</summary>
public abstract class RefundServiceSellerAnswerTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TestApp
{
    [Fact]
    public async Task AgreeingToARefundOnlyRefundsAtOnceWithOnePaymentAndUpdatesTheOrder()
    {
        var (buyer, seller) = (await app.BuyerAsync(), await app.SellerAsync());
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
        var id = await app.Refunds().ApplyAsync(buyer, order.Id, RefundOnly(order, quantity: 1, amount: 55m), []);

        await app.Refunds().AgreeAsync(seller, id, await app.VersionAsync(id), null);

        var saved = await app.LoadAsync(id);
        Assert.Equal(RefundStatus.Refunded, saved.Status);
        Assert.Null(saved.DeadlineAt);
        await using var db = app.NewDb();
        var payment = await db.Payouts.SingleAsync(p => p.RefundRequestId == id);
        Assert.Equal((5500L, "USD", app.Now()), (payment.AmountMinor, payment.Currency, payment.RequestedAt));
        var savedOrder = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == order.Id);
        Assert.Equal(5500, savedOrder.RefundedTotalMinor);
        Assert.Equal([1, 0], savedOrder.Lines.OrderBy(l => l.Id).Select(l => l.RefundedQuantity));
        Assert.Equal(OrderStatus.AwaitingShipment, savedOrder.Status);

        var timeline = await app.TimelineAsync(id);
        Assert.Equal([TimelineEventKind.Applied, TimelineEventKind.Agreed, TimelineEventKind.Refunded], timeline.Select(e => e.Kind));
        Assert.Equal((seller.Id, ActorRole.Seller), (timeline[1].ActorId, timeline[1].ActorRole));
        Assert.Equal((RefundStatus?)RefundStatus.AwaitingSeller, timeline[1].FromStatus);
        Assert.Equal(RefundStatus.Refunded, timeline[1].ToStatus);
    }

    [Fact]
    public async Task AgreeingToAReturnMovesToWaitingForBuyersReturnWithTheAddressCopied()
    {
        var (buyer, seller) = (await app.BuyerAsync(), await app.SellerAsync());
        var addresses = app.Get<ReturnAddressService>();
        var addressId = await addresses.AddAsync(seller, Warehouse, makeDefault: false);
        var chosen = (await addresses.ListAsync(seller)).Single(a => a.Id == addressId).Address;
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.ApplyReturnAsync(buyer, order);

        await app.Refunds().AgreeAsync(seller, id, await app.VersionAsync(id), chosen);

        var saved = await app.LoadAsync(id);
        Assert.Equal(RefundStatus.AwaitingReturn, saved.Status);
        Assert.Equal(Warehouse, saved.ReturnAddress);
        Assert.Equal(app.Now() + app.Policy().BuyerReturn, saved.DeadlineAt);
        Assert.Null(saved.Payout);
        Assert.Equal(0, await app.PaymentCountAsync(id));
        var agreed = (await app.TimelineAsync(id)).Last();
        Assert.Equal(TimelineEventKind.Agreed, agreed.Kind);
        Assert.Equal(RefundStatus.AwaitingReturn, agreed.ToStatus);
        Assert.Equal($"Return to: {Warehouse}", agreed.NoteText);

        // The request keeps its own copy: editing or deleting the address book entry does not change it.
        await addresses.UpdateAsync(seller, addressId, OtherWarehouse);
        await addresses.DeleteAsync(seller, addressId);
        Assert.Equal(Warehouse, (await app.LoadAsync(id)).ReturnAddress);
    }

    [Fact]
    public async Task RefusingWithAReasonAndEvidenceMovesToSellerRefused()
    {
        var (buyer, seller) = (await app.BuyerAsync(), await app.SellerAsync());
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.ApplyReturnAsync(buyer, order);

        await app.Refunds().RefuseAsync(seller, id, await app.VersionAsync(id), "  The lantern worked when it left the warehouse.  ",
            [UploadedFile.FromBytes("test-video-frame.jpg", Jpeg())]);

        var saved = await app.LoadAsync(id);
        Assert.Equal(RefundStatus.SellerRefused, saved.Status);
        Assert.Equal("The lantern worked when it left the warehouse.", saved.RefusalReason);
        Assert.Equal(app.Now() + app.Policy().BuyerResponseAfterRefusal, saved.DeadlineAt);
        var sellersFile = Assert.Single(saved.Evidence, e => e.UploadedByRole == ActorRole.Seller);
        Assert.Equal(("test-video-frame.jpg", "image/jpeg", seller.Id), (sellersFile.FileName, sellersFile.ContentType, sellersFile.UploadedById));
        Assert.True(File.Exists(Path.Combine(app.EvidenceFolder, sellersFile.StoredName)));
        var refused = (await app.TimelineAsync(id)).Last();
        Assert.Equal(TimelineEventKind.Refused, refused.Kind);
        Assert.Equal("The lantern worked when it left the warehouse.", refused.Note);
        Assert.Equal(RefundStatus.SellerRefused, refused.ToStatus);
    }

    [Fact]
    public async Task RefusingWithoutAReasonIsRefusedOnTheReasonFieldAndLeavesNoFileBehind()
    {
        var (buyer, seller) = (await app.BuyerAsync(), await app.SellerAsync());
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.ApplyReturnAsync(buyer, order);
        var before = await app.SnapshotAsync(id);

        var refused = await Assert.ThrowsAsync<RefundValidationException>(() =>
            app.Refunds().RefuseAsync(seller, id, before.Version, "   ", [UploadedFile.FromBytes("proof.jpg", Jpeg())]));

        Assert.Contains("Reason", refused.Errors.Keys);
        Assert.Equal(before, await app.SnapshotAsync(id));
    }

    [Fact]
    public async Task ChangingTheReturnAddressCopiesTheNewOneAndKeepsWaitingForTheReturn()
    {
        var (buyer, seller) = (await app.BuyerAsync(), await app.SellerAsync());
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.AwaitingReturnAsync(buyer, seller, order);
        var before = await app.LoadAsync(id);

        await app.Refunds().ChangeReturnAddressAsync(seller, id, before.Version, OtherWarehouse);

        var saved = await app.LoadAsync(id);
        Assert.Equal(RefundStatus.AwaitingReturn, saved.Status);
        Assert.Equal(OtherWarehouse, saved.ReturnAddress);
        Assert.Equal(before.DeadlineAt, saved.DeadlineAt);
        Assert.NotEqual(before.Version, saved.Version);
        var changed = (await app.TimelineAsync(id)).Last();
        Assert.Equal(TimelineEventKind.ReturnAddressChanged, changed.Kind);
        Assert.Equal((RefundStatus?)RefundStatus.AwaitingReturn, changed.FromStatus);
        Assert.Equal(RefundStatus.AwaitingReturn, changed.ToStatus);
        Assert.Equal($"Return to: {OtherWarehouse}", changed.NoteText);
    }
}

/// <summary>On SQLite, the embedded default.</summary>
public sealed class RefundServiceSellerAnswerTestsOnSqlite(TestApp app) : RefundServiceSellerAnswerTests<TestApp>(app);

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class RefundServiceSellerAnswerTestsOnPostgreSql(PostgresTestApp app) : RefundServiceSellerAnswerTests<PostgresTestApp>(app);
