using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Refunds.Evidence;
using RefundPortal.Features.Returns;
using RefundPortal.Features.Shared;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.OrderFactory;

namespace RefundPortal.Tests.Features;

/// <summary>Every action of <see cref="RefundService"/> on the real SQLite database, read back through a new context.</summary>
public sealed class RefundServiceTests(TestApp app) : IClassFixture<TestApp>
{
    private RefundService Service => app.Get<RefundService>();
    private RefundPolicy Policy => app.Get<RefundPolicy>();

    private Task<CurrentUser> Buyer => app.UserAsync(BuyerEmail);
    private Task<CurrentUser> Buyer2 => app.UserAsync(Buyer2Email);
    private Task<CurrentUser> Seller => app.UserAsync(SellerEmail);
    private Task<CurrentUser> Seller2 => app.UserAsync(Seller2Email);

    // ---- the buyer applies ------------------------------------------------------------------------------------

    [Fact]
    public async Task ApplyingForARefundOnlyOnAnOrderNotYetShippedWaitsForTheSellerForADay()
    {
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);

        var id = await Service.ApplyAsync(buyer, order.Id, RefundOnly(order, quantity: 2, amount: 100.50m), []);

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
        Assert.Null(saved.Payment);
        Assert.Equal(app.Now(), saved.CreatedAt);
        Assert.Equal(app.Now() + Policy.SellerResponseUnshipped, saved.DeadlineAt);

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
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var photo = new UploadedFile("broken lantern.png", Png(300));
        var receipt = new UploadedFile("receipt.pdf", Pdf(500));

        var id = await Service.ApplyAsync(buyer, order.Id, ReturnAndRefund(order), [photo, receipt]);

        var saved = await app.LoadAsync(id);
        Assert.Equal(RefundStatus.AwaitingSeller, saved.Status);
        Assert.Equal(RefundKind.ReturnAndRefund, saved.Kind);
        Assert.True(saved.GoodsReceived);
        Assert.Equal("The lantern does not switch on.", saved.Description);
        Assert.Equal(2499, saved.AmountMinor);
        Assert.Equal(app.Now() + Policy.SellerResponse, saved.DeadlineAt);
        var files = saved.Evidence.OrderBy(e => e.Id).ToList();
        Assert.Equal(["broken lantern.png", "receipt.pdf"], files.Select(f => f.FileName));
        Assert.Equal(["image/png", "application/pdf"], files.Select(f => f.ContentType));
        Assert.Equal([300L, 500L], files.Select(f => f.SizeBytes));
        Assert.All(files, f => Assert.Equal((buyer.Id, ActorRole.Buyer), (f.UploadedById, f.UploadedByRole)));
        Assert.Equal(photo.Content, await File.ReadAllBytesAsync(Path.Combine(app.EvidenceFolder, files[0].StoredName)));
        Assert.Equal(receipt.Content, await File.ReadAllBytesAsync(Path.Combine(app.EvidenceFolder, files[1].StoredName)));
        Assert.Equal(TimelineEventKind.Applied, Assert.Single(await app.TimelineAsync(id)).Kind);
    }

    [Fact]
    public async Task ApplyingWhileTheLineHasAnActiveRequestIsRefusedWithALinkToIt()
    {
        var (buyer, seller) = (await Buyer, await Seller);
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
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.ShippedRecently);

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            Service.ApplyAsync(buyer, order.Id, RefundOnly(order, reason: RefundReason.NotReceived), []));

        Assert.StartsWith("Available from", refused.Message);
        await using var db = app.NewDb();
        Assert.False(await db.RefundRequests.AnyAsync(r => r.OrderId == order.Id));
    }

    // ---- modify and withdraw --------------------------------------------------------------------------------

    [Fact]
    public async Task ModifyingTheApplicationReplacesTheTermsAndGoesBackToTheSeller()
    {
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.ShippedLongAgo);
        var id = await app.ApplyRefundOnlyAsync(buyer, order);
        var before = await app.LoadAsync(id);

        var form = new RefundForm([new LineChoice(order.Lines[0].Id, 2), new LineChoice(order.Lines[1].Id, 1)], false, RefundKind.RefundOnly,
            150.99m, true, RefundReason.NotReceived, "Tracking has not moved for ten days.");
        await Service.ModifyAsync(buyer, id, before.Version, form, []);

        var saved = await app.LoadAsync(id);
        Assert.Equal(RefundStatus.AwaitingSeller, saved.Status);
        Assert.NotEqual(before.Version, saved.Version);
        Assert.Equal(15099, saved.AmountMinor);
        Assert.True(saved.IncludesShipping);
        Assert.Equal(15099, saved.LimitMinor);
        Assert.Equal(RefundReason.NotReceived, saved.Reason);
        Assert.Equal("Tracking has not moved for ten days.", saved.Description);
        Assert.Equal([(order.Lines[0].Id, 2), (order.Lines[1].Id, 1)], saved.Lines.OrderBy(l => l.OrderLineId).Select(l => (l.OrderLineId, l.Quantity)));
        Assert.Equal(app.Now() + Policy.SellerResponse, saved.DeadlineAt);
        await using (var db = app.NewDb())
            Assert.Equal(2, await db.Set<RefundLine>().CountAsync(l => l.RefundRequestId == id));

        var timeline = await app.TimelineAsync(id);
        Assert.Equal([TimelineEventKind.Applied, TimelineEventKind.Modified], timeline.Select(e => e.Kind));
        Assert.Equal((RefundStatus?)RefundStatus.AwaitingSeller, timeline[1].FromStatus);
        Assert.Equal(ActorRole.Buyer, timeline[1].ActorRole);
    }

    [Fact]
    public async Task ModifyingToFewerLinesRemovesTheDroppedLineFromTheRequest()
    {
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
        var id = await Service.ApplyAsync(buyer, order.Id, new RefundForm(
            [new LineChoice(order.Lines[0].Id, 1), new LineChoice(order.Lines[1].Id, 1)], false, RefundKind.RefundOnly, 83.99m, false,
            RefundReason.NoLongerNeeded, null), []);

        await Service.ModifyAsync(buyer, id, await app.VersionAsync(id), RefundOnly(order, quantity: 1), []);

        await using var db = app.NewDb();
        var lines = await db.Set<RefundLine>().Where(l => l.RefundRequestId == id).ToListAsync();
        var line = Assert.Single(lines);
        Assert.Equal((order.Lines[0].Id, 1), (line.OrderLineId, line.Quantity));
        Assert.Equal(5900, (await app.LoadAsync(id)).AmountMinor);
        // The dropped lantern is free again for a request of its own.
        var lantern = await Service.ApplyAsync(buyer, order.Id, new RefundForm([new LineChoice(order.Lines[1].Id, 1)], false,
            RefundKind.RefundOnly, 24.99m, false, RefundReason.NoLongerNeeded, null), []);
        Assert.NotEqual(id, lantern);
    }

    [Fact]
    public async Task ModifyingAfterARefusalClearsTheRefusalAndGoesBackToTheSeller()
    {
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
        var id = await app.ApplyRefundOnlyAsync(buyer, order);
        await Service.RefuseAsync(seller, id, await app.VersionAsync(id), "The backpack was already packed.", []);

        await Service.ModifyAsync(buyer, id, await app.VersionAsync(id), RefundOnly(order, amount: 30m), []);

        var saved = await app.LoadAsync(id);
        Assert.Equal(RefundStatus.AwaitingSeller, saved.Status);
        Assert.Null(saved.RefusalReason);
        Assert.Equal(3000, saved.AmountMinor);
        var modified = (await app.TimelineAsync(id)).Last();
        Assert.Equal(TimelineEventKind.Modified, modified.Kind);
        Assert.Equal((RefundStatus?)RefundStatus.SellerRefused, modified.FromStatus);
        Assert.Equal(RefundStatus.AwaitingSeller, modified.ToStatus);
    }

    [Fact]
    public async Task WithdrawingClosesTheRequestAndFreesTheLineForANewApplication()
    {
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
        var id = await app.ApplyRefundOnlyAsync(buyer, order);

        await Service.WithdrawAsync(buyer, id, await app.VersionAsync(id));

        var saved = await app.LoadAsync(id);
        Assert.Equal(RefundStatus.Closed, saved.Status);
        Assert.Equal(CloseReason.Withdrawn, saved.CloseReason);
        Assert.Null(saved.DeadlineAt);
        Assert.Null(saved.Payment);
        var withdrawn = (await app.TimelineAsync(id)).Last();
        Assert.Equal(TimelineEventKind.Withdrawn, withdrawn.Kind);
        Assert.Equal((RefundStatus?)RefundStatus.AwaitingSeller, withdrawn.FromStatus);
        Assert.Equal(RefundStatus.Closed, withdrawn.ToStatus);
        Assert.Equal(buyer.Id, withdrawn.ActorId);

        var again = await app.ApplyRefundOnlyAsync(buyer, order);
        Assert.NotEqual(id, again);
    }

    // ---- the seller answers ---------------------------------------------------------------------------------

    [Fact]
    public async Task AgreeingToARefundOnlyRefundsAtOnceWithOnePaymentAndUpdatesTheOrder()
    {
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
        var id = await Service.ApplyAsync(buyer, order.Id, RefundOnly(order, quantity: 1, amount: 55m), []);

        await Service.AgreeAsync(seller, id, await app.VersionAsync(id), null);

        var saved = await app.LoadAsync(id);
        Assert.Equal(RefundStatus.Refunded, saved.Status);
        Assert.Null(saved.DeadlineAt);
        await using var db = app.NewDb();
        var payment = await db.RefundPayments.SingleAsync(p => p.RefundRequestId == id);
        Assert.Equal((5500L, "USD", app.Now()), (payment.AmountMinor, payment.Currency, payment.PaidAt));
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
        var (buyer, seller) = (await Buyer, await Seller);
        var addresses = app.Get<ReturnAddressService>();
        var addressId = await addresses.AddAsync(seller, Warehouse, makeDefault: false);
        var chosen = (await addresses.ListAsync(seller)).Single(a => a.Id == addressId).Address;
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.ApplyReturnAsync(buyer, order);

        await Service.AgreeAsync(seller, id, await app.VersionAsync(id), chosen);

        var saved = await app.LoadAsync(id);
        Assert.Equal(RefundStatus.AwaitingReturn, saved.Status);
        Assert.Equal(Warehouse, saved.ReturnAddress);
        Assert.Equal(app.Now() + Policy.BuyerReturn, saved.DeadlineAt);
        Assert.Null(saved.Payment);
        Assert.Equal(0, await app.PaymentCountAsync(id));
        var agreed = (await app.TimelineAsync(id)).Last();
        Assert.Equal(TimelineEventKind.Agreed, agreed.Kind);
        Assert.Equal(RefundStatus.AwaitingReturn, agreed.ToStatus);
        Assert.Equal($"Return to: {Warehouse}", agreed.Note);

        // The request keeps its own copy: editing or deleting the address book entry does not change it.
        await addresses.UpdateAsync(seller, addressId, OtherWarehouse);
        await addresses.DeleteAsync(seller, addressId);
        Assert.Equal(Warehouse, (await app.LoadAsync(id)).ReturnAddress);
    }

    [Fact]
    public async Task RefusingWithAReasonAndEvidenceMovesToSellerRefused()
    {
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.ApplyReturnAsync(buyer, order);

        await Service.RefuseAsync(seller, id, await app.VersionAsync(id), "  The lantern worked when it left the warehouse.  ",
            [new UploadedFile("test-video-frame.jpg", Jpeg())]);

        var saved = await app.LoadAsync(id);
        Assert.Equal(RefundStatus.SellerRefused, saved.Status);
        Assert.Equal("The lantern worked when it left the warehouse.", saved.RefusalReason);
        Assert.Equal(app.Now() + Policy.BuyerResponseAfterRefusal, saved.DeadlineAt);
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
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.ApplyReturnAsync(buyer, order);
        var before = await app.SnapshotAsync(id);

        var refused = await Assert.ThrowsAsync<RefundValidationException>(() =>
            Service.RefuseAsync(seller, id, before.Version, "   ", [new UploadedFile("proof.jpg", Jpeg())]));

        Assert.Contains("Reason", refused.Errors.Keys);
        Assert.Equal(before, await app.SnapshotAsync(id));
    }

    [Fact]
    public async Task ChangingTheReturnAddressCopiesTheNewOneAndKeepsWaitingForTheReturn()
    {
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.AwaitingReturnAsync(buyer, seller, order);
        var before = await app.LoadAsync(id);

        await Service.ChangeReturnAddressAsync(seller, id, before.Version, OtherWarehouse);

        var saved = await app.LoadAsync(id);
        Assert.Equal(RefundStatus.AwaitingReturn, saved.Status);
        Assert.Equal(OtherWarehouse, saved.ReturnAddress);
        Assert.Equal(before.DeadlineAt, saved.DeadlineAt);
        Assert.NotEqual(before.Version, saved.Version);
        var changed = (await app.TimelineAsync(id)).Last();
        Assert.Equal(TimelineEventKind.ReturnAddressChanged, changed.Kind);
        Assert.Equal((RefundStatus?)RefundStatus.AwaitingReturn, changed.FromStatus);
        Assert.Equal(RefundStatus.AwaitingReturn, changed.ToStatus);
        Assert.Equal($"Return to: {OtherWarehouse}", changed.Note);
    }

    // ---- the return -----------------------------------------------------------------------------------------

    [Fact]
    public async Task SubmittingTheReturnRecordsTheShipmentAndWaitsForTheSellerToConfirmReceipt()
    {
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.AwaitingReturnAsync(buyer, seller, order);

        await Service.SubmitReturnAsync(buyer, id, await app.VersionAsync(id), " DHL ", " JD0123456789 ", "Left at the front desk");

        var saved = await app.LoadAsync(id);
        Assert.Equal(RefundStatus.ReturnInTransit, saved.Status);
        Assert.Equal(new ReturnShipment("DHL", "JD0123456789", "Left at the front desk", app.Now()), saved.ReturnShipment);
        Assert.Equal(app.Now() + Policy.SellerReceipt, saved.DeadlineAt);
        var shipped = (await app.TimelineAsync(id)).Last();
        Assert.Equal(TimelineEventKind.ReturnShipped, shipped.Kind);
        Assert.Equal((buyer.Id, ActorRole.Buyer), (shipped.ActorId, shipped.ActorRole));
        Assert.Equal("DHL JD0123456789", shipped.Note);
    }

    [Fact]
    public async Task SubmittingTheReturnWithoutATrackingNumberIsRefusedOnThatField()
    {
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.AwaitingReturnAsync(buyer, seller, order);
        var before = await app.SnapshotAsync(id);

        var refused = await Assert.ThrowsAsync<RefundValidationException>(() =>
            Service.SubmitReturnAsync(buyer, id, before.Version, "DHL", "", null));

        Assert.Equal(["TrackingNumber"], refused.Errors.Keys);
        Assert.Equal(before, await app.SnapshotAsync(id));
    }

    [Fact]
    public async Task ConfirmingReceiptRefundsTheReturnWithOnePayment()
    {
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.ReturnInTransitAsync(buyer, seller, order);

        await Service.ConfirmReceiptAsync(seller, id, await app.VersionAsync(id));

        var saved = await app.LoadAsync(id);
        Assert.Equal(RefundStatus.Refunded, saved.Status);
        Assert.Null(saved.DeadlineAt);
        Assert.Equal((2499L, app.Now()), (saved.Payment!.AmountMinor, saved.Payment.PaidAt));
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
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.ReturnInTransitAsync(buyer, seller, order);

        await Service.RefuseReceiptAsync(seller, id, await app.VersionAsync(id), "The parcel arrived empty.", [new UploadedFile("empty box.webp", WebP())]);

        var saved = await app.LoadAsync(id);
        Assert.Equal(RefundStatus.SellerRefused, saved.Status);
        Assert.Equal("The parcel arrived empty.", saved.RefusalReason);
        Assert.Equal(app.Now() + Policy.BuyerResponseAfterRefusal, saved.DeadlineAt);
        Assert.Contains(saved.Evidence, e => e.FileName == "empty box.webp" && e.ContentType == "image/webp" && e.UploadedByRole == ActorRole.Seller);
        Assert.Null(saved.Payment);
        var refused = (await app.TimelineAsync(id)).Last();
        Assert.Equal(TimelineEventKind.ReceiptRefused, refused.Kind);
        Assert.Equal((RefundStatus?)RefundStatus.ReturnInTransit, refused.FromStatus);
        Assert.Equal(RefundStatus.SellerRefused, refused.ToStatus);
    }

    // ---- the seller's immediate refund ----------------------------------------------------------------------

    [Fact]
    public async Task IssuingAnImmediateRefundPaysAtOnceWithoutARequestFromTheBuyer()
    {
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);

        var id = await Service.IssueImmediateRefundAsync(seller, order.Id,
            new ImmediateRefundForm([new LineChoice(order.Lines[1].Id, 1)], 20m, false, "Sorry for the scratch."));

        var saved = await app.LoadAsync(id);
        Assert.Equal(RefundStatus.Refunded, saved.Status);
        Assert.True(saved.InitiatedBySeller);
        Assert.Equal(RefundKind.RefundOnly, saved.Kind);
        Assert.Equal(2000, saved.AmountMinor);
        Assert.Equal((2000L, app.Now()), (saved.Payment!.AmountMinor, saved.Payment.PaidAt));
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
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);

        await Service.IssueImmediateRefundAsync(seller, order.Id,
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
        var (buyer, seller, seller2) = (await Buyer, await Seller, await Seller2);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);

        await Assert.ThrowsAsync<NotFoundException>(() => Service.IssueImmediateRefundAsync(seller2, order.Id,
            new ImmediateRefundForm([new LineChoice(order.Lines[1].Id, 1)], 10m, false, null)));

        await using var db = app.NewDb();
        Assert.False(await db.RefundRequests.AnyAsync(r => r.OrderId == order.Id));
    }

    [Fact]
    public async Task AnImmediateRefundIsRefusedOnAHeldLineOrAboveThePaidAmountAndNothingChanges()
    {
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var held = await app.ApplyReturnAsync(buyer, order);
        var before = await app.SnapshotAsync(held);

        var onHeldLine = await Assert.ThrowsAsync<ActiveRefundExistsException>(() => Service.IssueImmediateRefundAsync(seller, order.Id,
            new ImmediateRefundForm([new LineChoice(order.Lines[1].Id, 1)], 10m, false, null)));
        Assert.Equal(held, onHeldLine.ActiveRequestId);
        var tooMuch = await Assert.ThrowsAsync<RefundValidationException>(() => Service.IssueImmediateRefundAsync(seller, order.Id,
            new ImmediateRefundForm([new LineChoice(order.Lines[0].Id, 1)], 59.01m, false, null)));
        Assert.Equal(["Amount"], tooMuch.Errors.Keys);
        var nothingChosen = await Assert.ThrowsAsync<RefundValidationException>(() => Service.IssueImmediateRefundAsync(seller, order.Id,
            new ImmediateRefundForm([new LineChoice(order.Lines[0].Id, 0)], 1.005m, false, null)));
        Assert.Equal(["Amount", "Lines"], nothingChosen.Errors.Keys.Order());

        Assert.Equal(before, await app.SnapshotAsync(held));
    }

    // ---- refusals that change nothing -----------------------------------------------------------------------

    [Fact]
    public async Task AnotherBuyerActingOnTheRequestGetsNotFoundAndNothingChanges()
    {
        var (buyer, buyer2, seller) = (await Buyer, await Buyer2, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.ApplyReturnAsync(buyer, order);
        var before = await app.SnapshotAsync(id);

        await Assert.ThrowsAsync<NotFoundException>(() => Service.WithdrawAsync(buyer2, id, before.Version));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Service.ModifyAsync(buyer2, id, before.Version, ReturnAndRefund(order, 1m), [Photo()]));
        await Assert.ThrowsAsync<NotFoundException>(() => Service.SubmitReturnAsync(buyer2, id, before.Version, "DHL", "1", null));
        await Assert.ThrowsAsync<NotFoundException>(() => Service.ApplyAsync(buyer2, order.Id, RefundOnly(order), []));

        Assert.Equal(before, await app.SnapshotAsync(id));
    }

    [Fact]
    public async Task AnotherSellerActingOnTheRequestGetsNotFoundAndNothingChanges()
    {
        var (buyer, seller, seller2) = (await Buyer, await Seller, await Seller2);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.ApplyReturnAsync(buyer, order);
        var before = await app.SnapshotAsync(id);

        await Assert.ThrowsAsync<NotFoundException>(() => Service.AgreeAsync(seller2, id, before.Version, Warehouse));
        await Assert.ThrowsAsync<NotFoundException>(() => Service.RefuseAsync(seller2, id, before.Version, "No.", [Photo()]));

        Assert.Equal(before, await app.SnapshotAsync(id));
    }

    [Fact]
    public async Task ACallerWithoutTheRoleOfTheActionIsForbiddenAndNothingChanges()
    {
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.ApplyReturnAsync(buyer, order);
        var before = await app.SnapshotAsync(id);

        // The seller has no buyer role, the buyer no seller role.
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.WithdrawAsync(seller, id, before.Version));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.ModifyAsync(seller, id, before.Version, ReturnAndRefund(order), [Photo()]));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.ApplyAsync(seller, order.Id, RefundOnly(order), []));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.AgreeAsync(buyer, id, before.Version, Warehouse));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.RefuseAsync(buyer, id, before.Version, "I refuse my own request.", []));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.IssueImmediateRefundAsync(buyer, order.Id,
            new ImmediateRefundForm([new LineChoice(order.Lines[0].Id, 1)], 1m, false, null)));

        Assert.Equal(before, await app.SnapshotAsync(id));
    }

    [Fact]
    public async Task AnActionInTheWrongStatusIsRefusedAndNothingChanges()
    {
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.ApplyReturnAsync(buyer, order);
        var before = await app.SnapshotAsync(id);

        var submit = await Assert.ThrowsAsync<DomainException>(() => Service.SubmitReturnAsync(buyer, id, before.Version, "DHL", "1", null));
        Assert.Contains("Waiting for Seller's Confirmation", submit.Message);
        await Assert.ThrowsAsync<DomainException>(() => Service.ConfirmReceiptAsync(seller, id, before.Version));
        await Assert.ThrowsAsync<DomainException>(() => Service.RefuseReceiptAsync(seller, id, before.Version, "Empty box.", [Photo()]));
        await Assert.ThrowsAsync<DomainException>(() => Service.ChangeReturnAddressAsync(seller, id, before.Version, OtherWarehouse));

        Assert.Equal(before, await app.SnapshotAsync(id));
    }

    [Fact]
    public async Task ActingOnAFinishedRequestIsRefusedAndNothingChanges()
    {
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
        var id = await app.ApplyRefundOnlyAsync(buyer, order);
        await Service.WithdrawAsync(buyer, id, await app.VersionAsync(id));
        var before = await app.SnapshotAsync(id);

        await Assert.ThrowsAsync<DomainException>(() => Service.WithdrawAsync(buyer, id, before.Version));
        await Assert.ThrowsAsync<DomainException>(() => Service.AgreeAsync(seller, id, before.Version, null));
        await Assert.ThrowsAsync<DomainException>(() => Service.ModifyAsync(buyer, id, before.Version, RefundOnly(order), []));

        Assert.Equal(before, await app.SnapshotAsync(id));
    }

    [Fact]
    public async Task AStaleVersionIsRefusedAsChangedBySomeoneElseAndNothingChanges()
    {
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.ApplyReturnAsync(buyer, order);
        var shown = await app.VersionAsync(id);
        await Service.ModifyAsync(buyer, id, shown, ReturnAndRefund(order, 20m), []);
        var before = await app.SnapshotAsync(id);

        var agree = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service.AgreeAsync(seller, id, shown, Warehouse));
        Assert.Equal(RefundService.ChangedBySomeoneElse, agree.Message);
        var refuse = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Service.RefuseAsync(seller, id, shown, "Too late.", [new UploadedFile("proof.jpg", Jpeg())]));
        Assert.Equal(RefundService.ChangedBySomeoneElse, refuse.Message);
        var withdraw = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service.WithdrawAsync(buyer, id, Guid.NewGuid()));
        Assert.Equal(RefundService.ChangedBySomeoneElse, withdraw.Message);

        Assert.Equal(before, await app.SnapshotAsync(id));
    }

    [Fact]
    public async Task AnAmountAboveWhatWasPaidIsRefusedOnTheAmountFieldAndNothingIsSaved()
    {
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var filesBefore = app.EvidenceFilesOnDisk();

        // 24.99 was paid for the lantern: 25.00 is above the limit (checked by the domain after the files were written).
        var refused = await Assert.ThrowsAsync<RefundValidationException>(() =>
            Service.ApplyAsync(buyer, order.Id, ReturnAndRefund(order, 25.00m), [Photo("a.png"), new UploadedFile("b.pdf", Pdf())]));

        Assert.Contains("Amount", refused.Errors.Keys);
        Assert.Contains("24.99", refused.Errors["Amount"]);
        await using var db = app.NewDb();
        Assert.False(await db.RefundRequests.AnyAsync(r => r.OrderId == order.Id));
        Assert.Equal(filesBefore.Order(), app.EvidenceFilesOnDisk().Order());
        var saved = await db.Orders.SingleAsync(o => o.Id == order.Id);
        Assert.Equal(order.Version, saved.Version);
    }

    [Fact]
    public async Task MissingAnswersAreRefusedFieldByFieldAndNothingIsSaved()
    {
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var filesBefore = app.EvidenceFilesOnDisk();

        var refused = await Assert.ThrowsAsync<RefundValidationException>(() => Service.ApplyAsync(buyer, order.Id,
            new RefundForm([], null, null, null, false, null, null), [Photo()]));

        Assert.Equal(["Amount", "GoodsReceived", "Kind", "Lines", "Reason"], refused.Errors.Keys.Order());
        await using var db = app.NewDb();
        Assert.False(await db.RefundRequests.AnyAsync(r => r.OrderId == order.Id));
        Assert.Equal(filesBefore.Order(), app.EvidenceFilesOnDisk().Order());
    }

    [Fact]
    public async Task GoodsReceivedWithoutADescriptionOrEvidenceIsRefusedOnThoseFields()
    {
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);

        var refused = await Assert.ThrowsAsync<RefundValidationException>(() => Service.ApplyAsync(buyer, order.Id,
            RefundOnly(order, reason: RefundReason.QualityProblem, goodsReceived: true, description: "  "), []));

        Assert.Equal(["Description", "Evidence"], refused.Errors.Keys.Order());
        await using var db = app.NewDb();
        Assert.False(await db.RefundRequests.AnyAsync(r => r.OrderId == order.Id));
    }

    [Fact]
    public async Task AgreeingToAReturnWithoutAnAddressAsksForTheAddressAndNothingChanges()
    {
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.ApplyReturnAsync(buyer, order);
        var before = await app.SnapshotAsync(id);

        var missing = await Assert.ThrowsAsync<RefundValidationException>(() => Service.AgreeAsync(seller, id, before.Version, null));
        Assert.Equal(["ReturnAddress"], missing.Errors.Keys);
        var incomplete = await Assert.ThrowsAsync<RefundValidationException>(() =>
            Service.AgreeAsync(seller, id, before.Version, Warehouse with { City = " ", Phone = "" }));
        Assert.Equal(["City", "Phone"], incomplete.Errors.Keys.Order());

        Assert.Equal(before, await app.SnapshotAsync(id));
    }

    // ---- exactly once ---------------------------------------------------------------------------------------

    [Fact]
    public async Task AgreeingTwiceWithTheSameVersionPaysOnce()
    {
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
        var id = await app.ApplyRefundOnlyAsync(buyer, order);
        var version = await app.VersionAsync(id);
        await Service.AgreeAsync(seller, id, version, null);
        var after = await app.SnapshotAsync(id);

        var again = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service.AgreeAsync(seller, id, version, null));

        Assert.Equal(RefundService.ChangedBySomeoneElse, again.Message);
        Assert.Equal(after, await app.SnapshotAsync(id));
        Assert.Equal(1, after.Payments);
        Assert.Equal(5900, after.OrderRefundedMinor);
    }

    [Fact]
    public async Task ConfirmingReceiptTwicePaysOnce()
    {
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.ReturnInTransitAsync(buyer, seller, order);
        var shown = await app.VersionAsync(id);
        await Service.ConfirmReceiptAsync(seller, id, shown);
        var after = await app.SnapshotAsync(id);

        // The same page pressed again, and a page reloaded after the refund.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service.ConfirmReceiptAsync(seller, id, shown));
        await Assert.ThrowsAsync<DomainException>(() => Service.ConfirmReceiptAsync(seller, id, after.Version));

        Assert.Equal(after, await app.SnapshotAsync(id));
        Assert.Equal(1, await app.PaymentCountAsync(id));
        Assert.Equal(2499, after.OrderRefundedMinor);
        Assert.Equal("0,1", after.OrderRefundedQuantities);
    }

    [Fact]
    public async Task TheDatabaseRefusesASecondPaymentForTheSameRequest()
    {
        var (buyer, seller) = (await Buyer, await Seller);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
        var id = await app.ApplyRefundOnlyAsync(buyer, order);
        await Service.AgreeAsync(seller, id, await app.VersionAsync(id), null);

        await using (var db = app.NewDb())
        {
            var refused = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync(
                "INSERT INTO RefundPayments (RefundRequestId, AmountMinor, Currency, PaidAt) VALUES ({0}, {1}, {2}, {3})",
                id, 5900L, "USD", app.Now()));
            Assert.Equal(19, refused.SqliteErrorCode); // SQLITE_CONSTRAINT
            Assert.Contains("UNIQUE", refused.Message);
        }

        // Through EF as well: a second payment row for the request cannot be saved.
        await using (var db = app.NewDb())
        {
            var second = new RefundPayment(5900, "USD", app.Now());
            db.RefundPayments.Add(second);
            db.Entry(second).Property(p => p.RefundRequestId).CurrentValue = id;
            var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.Equal(19, Assert.IsType<SqliteException>(refused.InnerException).SqliteErrorCode);
        }

        Assert.Equal(1, await app.PaymentCountAsync(id));
    }
}
