using Microsoft.EntityFrameworkCore;
using RefundPortal.Domain;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Refunds.Evidence;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.OrderFactory;

namespace RefundPortal.Tests.Features.Refunds;

/// <summary>The buyer applies through <see cref="RefundService"/>: what is saved, and which applications are refused before anything is.</summary>
public abstract class RefundServiceApplyTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TestApp
{
    [Fact]
    public async Task ApplyingForARefundOnlyOnAnOrderNotYetShippedWaitsForTheSellerForADay()
    {
        var (buyer, seller) = (await app.BuyerAsync(), await app.SellerAsync());
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);

        var id = await app.Refunds().ApplyAsync(buyer, order.Id, RefundOnly(order, quantity: 2, amount: 100.50m), []);

        var saved = await app.LoadAsync(id);
        Assert.Equal(RefundStatus.AwaitingSeller, saved.Status);
        Assert.Equal(order.Id, saved.OrderId);
        Assert.Equal(buyer.Id, saved.BuyerId);
        Assert.Equal(seller.Id, saved.SellerId);
        Assert.Equal(RefundKind.RefundOnly, saved.Kind);
        Assert.False(saved.GoodsReceived);
        Assert.Equal(RefundReason.NoLongerNeeded, saved.Reason);
        Assert.Equal(10050, saved.AmountMinor);
        Assert.Equal("USD", saved.Currency);
        Assert.Equal(2 * 5900, saved.LimitMinor);
        var line = Assert.Single(saved.Lines);
        Assert.Equal((order.Lines[0].Id, 2), (line.OrderLineId, line.Quantity));
        Assert.Empty(saved.Evidence);
        Assert.Null(saved.Payout);
        Assert.Equal(app.Now(), saved.CreatedAt);
        Assert.Equal(app.Now() + app.Policy().SellerResponseUnshipped, saved.DeadlineAt);

        var applied = Assert.Single(await app.TimelineAsync(id));
        Assert.Equal(TimelineEventKind.Applied, applied.Kind);
        Assert.Equal((buyer.Id, ActorRole.Buyer), (applied.ActorId, applied.ActorRole));
        Assert.Null(applied.FromStatus);
        Assert.Equal(RefundStatus.AwaitingSeller, applied.ToStatus);
        Assert.Equal(app.Now(), applied.At);

        // Nothing was paid yet: the order is untouched apart from holding the request.
        Assert.Equal(0, saved.Order.RefundedTotalMinor);
        Assert.All(saved.Order.Lines, l => Assert.Equal(0, l.RefundedQuantity));
    }

    [Fact]
    public async Task ApplyingForAReturnAndRefundWithEvidenceOnADeliveredOrderStoresTheFiles()
    {
        var (buyer, seller) = (await app.BuyerAsync(), await app.SellerAsync());
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var (photoBytes, receiptBytes) = (Png(300), Pdf(500));
        using var photo = UploadedFile.FromBytes("broken lantern.png", photoBytes);
        using var receipt = UploadedFile.FromBytes("receipt.pdf", receiptBytes);

        var id = await app.Refunds().ApplyAsync(buyer, order.Id, ReturnAndRefund(order), [photo, receipt]);

        var saved = await app.LoadAsync(id);
        Assert.Equal(RefundStatus.AwaitingSeller, saved.Status);
        Assert.Equal(RefundKind.ReturnAndRefund, saved.Kind);
        Assert.True(saved.GoodsReceived);
        Assert.Equal("The lantern does not switch on.", saved.Description);
        Assert.Equal(2499, saved.AmountMinor);
        Assert.Equal(app.Now() + app.Policy().SellerResponse, saved.DeadlineAt);
        var files = saved.Evidence.OrderBy(e => e.Id).ToList();
        Assert.Equal(["broken lantern.png", "receipt.pdf"], files.Select(f => f.FileName));
        Assert.Equal(["image/png", "application/pdf"], files.Select(f => f.ContentType));
        Assert.Equal([300L, 500L], files.Select(f => f.SizeBytes));
        Assert.All(files, f => Assert.Equal((buyer.Id, ActorRole.Buyer), (f.UploadedById, f.UploadedByRole)));
        Assert.Equal(photoBytes, await File.ReadAllBytesAsync(Path.Combine(app.EvidenceFolder, files[0].StoredName)));
        Assert.Equal(receiptBytes, await File.ReadAllBytesAsync(Path.Combine(app.EvidenceFolder, files[1].StoredName)));
        Assert.Equal(TimelineEventKind.Applied, Assert.Single(await app.TimelineAsync(id)).Kind);
    }

    [Fact]
    public async Task ApplyingWhileTheLineHasAnActiveRequestIsRefusedWithALinkToIt()
    {
        var (buyer, seller) = (await app.BuyerAsync(), await app.SellerAsync());
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
        var first = await app.ApplyRefundOnlyAsync(buyer, order);

        var refused = await Assert.ThrowsAsync<ActiveRefundExistsException>(() => app.ApplyRefundOnlyAsync(buyer, order));

        Assert.Equal(first, refused.ActiveRequestId);
        await using var db = app.NewDb();
        Assert.Equal(1, await db.RefundRequests.CountAsync(r => r.OrderId == order.Id));
    }

    [Fact]
    public async Task ApplyingForShippedGoodsBeforeTheNotReceivedClaimOpensIsRefused()
    {
        var (buyer, seller) = (await app.BuyerAsync(), await app.SellerAsync());
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.ShippedRecently);

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            app.Refunds().ApplyAsync(buyer, order.Id, RefundOnly(order, reason: RefundReason.NotReceived), []));

        Assert.StartsWith("Available from", refused.Message);
        await using var db = app.NewDb();
        Assert.False(await db.RefundRequests.AnyAsync(r => r.OrderId == order.Id));
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public async Task TheSameItemTwiceWithExtremeQuantitiesIsRefusedOnItsFieldsNotByAnOverflow(int quantity)
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var line = order.Lines[0].Id;

        var refused = await Assert.ThrowsAsync<RefundValidationException>(() => app.Refunds().ApplyAsync(buyer, order.Id,
            RefundOnly(order) with { Lines = [new LineChoice(line, quantity), new LineChoice(line, quantity)] }, []));

        Assert.Equal("Select each item once.", refused.Errors[Fields.Lines]);
        Assert.StartsWith("Choose between 1 and 2", refused.Errors[Fields.Quantity]);
        await using var db = app.NewDb();
        Assert.False(await db.RefundRequests.AnyAsync(r => r.OrderId == order.Id));
    }
}

/// <summary>On SQLite, the embedded default.</summary>
public sealed class RefundServiceApplyTestsOnSqlite(TestApp app) : RefundServiceApplyTests<TestApp>(app);

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class RefundServiceApplyTestsOnPostgreSql(PostgresTestApp app) : RefundServiceApplyTests<PostgresTestApp>(app);
