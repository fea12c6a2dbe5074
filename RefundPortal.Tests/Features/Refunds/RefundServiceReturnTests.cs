using RefundPortal.Domain;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Refunds.Evidence;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.OrderFactory;

namespace RefundPortal.Tests.Features.Refunds;

/// <summary>The return through <see cref="RefundService"/>: the buyer ships it, the seller confirms or refuses receipt.</summary>
public abstract class RefundServiceReturnTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TestApp
{
    [Fact]
    public async Task SubmittingTheReturnRecordsTheShipmentAndWaitsForTheSellerToConfirmReceipt()
    {
        var (buyer, seller) = (await app.BuyerAsync(), await app.SellerAsync());
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.AwaitingReturnAsync(buyer, seller, order);

        await app.Refunds().SubmitReturnAsync(buyer, id, await app.VersionAsync(id), " DHL ", " JD0123456789 ", "Left at the front desk");

        var saved = await app.LoadAsync(id);
        Assert.Equal(RefundStatus.ReturnInTransit, saved.Status);
        Assert.Equal(new ReturnShipment("DHL", "JD0123456789", "Left at the front desk", app.Now()), saved.ReturnShipment);
        Assert.Equal(app.Now() + app.Policy().SellerReceipt, saved.DeadlineAt);
        var shipped = (await app.TimelineAsync(id)).Last();
        Assert.Equal(TimelineEventKind.ReturnShipped, shipped.Kind);
        Assert.Equal((buyer.Id, ActorRole.Buyer), (shipped.ActorId, shipped.ActorRole));
        Assert.Equal("DHL JD0123456789", shipped.Note);
    }

    [Fact]
    public async Task SubmittingTheReturnWithoutATrackingNumberIsRefusedOnThatField()
    {
        var (buyer, seller) = (await app.BuyerAsync(), await app.SellerAsync());
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.AwaitingReturnAsync(buyer, seller, order);
        var before = await app.SnapshotAsync(id);

        var refused = await Assert.ThrowsAsync<RefundValidationException>(() =>
            app.Refunds().SubmitReturnAsync(buyer, id, before.Version, "DHL", "", null));

        Assert.Equal(["TrackingNumber"], refused.Errors.Keys);
        Assert.Equal(before, await app.SnapshotAsync(id));
    }

    [Fact]
    public async Task ConfirmingReceiptRefundsTheReturnWithOnePayment()
    {
        var (buyer, seller) = (await app.BuyerAsync(), await app.SellerAsync());
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.ReturnInTransitAsync(buyer, seller, order);

        await app.Refunds().ConfirmReceiptAsync(seller, id, await app.VersionAsync(id));

        var saved = await app.LoadAsync(id);
        Assert.Equal(RefundStatus.Refunded, saved.Status);
        Assert.Null(saved.DeadlineAt);
        Assert.Equal((2499L, app.Now()), (saved.Payout!.AmountMinor, saved.Payout.RequestedAt));
        Assert.Equal(1, await app.PaymentCountAsync(id));
        Assert.Equal(2499, saved.Order.RefundedTotalMinor);
        Assert.Equal([0, 1], saved.Order.Lines.OrderBy(l => l.Id).Select(l => l.RefundedQuantity));
        Assert.Equal(OrderStatus.Shipped, saved.Order.Status);
        Assert.Equal(
            [TimelineEventKind.Applied, TimelineEventKind.Agreed, TimelineEventKind.ReturnShipped, TimelineEventKind.ReceiptConfirmed, TimelineEventKind.Refunded],
            (await app.TimelineAsync(id)).Select(e => e.Kind));
    }

    [Fact]
    public async Task RefusingReceiptGoesBackToSellerRefusedWithTheReasonAndEvidence()
    {
        var (buyer, seller) = (await app.BuyerAsync(), await app.SellerAsync());
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.ReturnInTransitAsync(buyer, seller, order);

        await app.Refunds().RefuseReceiptAsync(seller, id, await app.VersionAsync(id), "The parcel arrived empty.", [UploadedFile.FromBytes("empty box.webp", WebP())]);

        var saved = await app.LoadAsync(id);
        Assert.Equal(RefundStatus.SellerRefused, saved.Status);
        Assert.Equal("The parcel arrived empty.", saved.RefusalReason);
        Assert.Equal(app.Now() + app.Policy().BuyerResponseAfterRefusal, saved.DeadlineAt);
        Assert.Contains(saved.Evidence, e => e.FileName == "empty box.webp" && e.ContentType == "image/webp" && e.UploadedByRole == ActorRole.Seller);
        Assert.Null(saved.Payout);
        var refused = (await app.TimelineAsync(id)).Last();
        Assert.Equal(TimelineEventKind.ReceiptRefused, refused.Kind);
        Assert.Equal((RefundStatus?)RefundStatus.ReturnInTransit, refused.FromStatus);
        Assert.Equal(RefundStatus.SellerRefused, refused.ToStatus);
    }
}

/// <summary>On SQLite, the embedded default.</summary>
public sealed class RefundServiceReturnTestsOnSqlite(TestApp app) : RefundServiceReturnTests<TestApp>(app);

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class RefundServiceReturnTestsOnPostgreSql(PostgresTestApp app) : RefundServiceReturnTests<PostgresTestApp>(app);
