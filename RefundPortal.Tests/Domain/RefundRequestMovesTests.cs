using RefundPortal.Domain;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.DomainWorld;

namespace RefundPortal.Tests.Domain;

public sealed class RefundRequestMovesTests
{
    private readonly DomainWorld world = new();

    [Fact]
    public void AgreeingToRefundOnlyPaysOnceAndTheOrderFollows()
    {
        var request = world.RequestIn(RefundStatus.AwaitingSeller, RefundKind.RefundOnly);

        request.Agree(Seller, null, world.Policy, world.Now);

        Assert.Equal(RefundStatus.Refunded, request.Status);
        Assert.Equal(new Money(1000, "USD"), request.Payout!.Amount);
        Assert.Equal(1, request.Order.Lines[0].RefundedQuantity);
        Assert.Equal(1000, request.Order.RefundedTotalMinor);
        Assert.Equal(OrderStatus.Shipped, request.Order.Status);
        Assert.Equal([TimelineEventKind.Applied, TimelineEventKind.Agreed, TimelineEventKind.Refunded], request.Timeline.Select(e => e.Kind));
        Assert.Throws<DomainException>(() => request.Agree(Seller, null, world.Policy, world.Now));
        Assert.Equal(1000, request.Order.RefundedTotalMinor);
    }

    [Fact]
    public void AgreeingToAReturnCopiesTheAddressOntoTheRequest()
    {
        var request = world.RequestIn(RefundStatus.AwaitingSeller);
        var book = new ReturnAddress(SellerId, Address, isDefault: true);

        request.Agree(Seller, book.Snapshot(), world.Policy, world.Now);
        book.Update(Address with { Street = "99 Elsewhere" });

        Assert.Equal(RefundStatus.AwaitingReturn, request.Status);
        Assert.Equal("1 Road", request.ReturnAddress!.Street);
        Assert.Null(request.Payout);
        Assert.Contains("Return to: Returns Desk", request.Timeline[^1].NoteText);
    }

    [Fact]
    public void AgreeingToAReturnNeedsAnAddress()
    {
        var request = world.RequestIn(RefundStatus.AwaitingSeller);
        var error = Assert.Throws<RefundValidationException>(() => request.Agree(Seller, null, world.Policy, world.Now));
        Assert.Equal("Choose the return address.", error.Errors["ReturnAddress"]);
        var incomplete = Assert.Throws<RefundValidationException>(() => request.Agree(Seller, Address with { Phone = "" }, world.Policy, world.Now));
        Assert.Contains("Phone", incomplete.Errors.Keys);
        Assert.Equal(RefundStatus.AwaitingSeller, request.Status);
    }

    [Fact]
    public void RefusingNeedsAReason()
    {
        var request = world.RequestIn(RefundStatus.AwaitingSeller);
        var error = Assert.Throws<RefundValidationException>(() => request.Refuse(Seller, " ", [], world.Policy, world.Now));
        Assert.Equal("Give the reason for refusing.", error.Errors["Reason"]);
        Assert.Equal(RefundStatus.AwaitingSeller, request.Status);
    }

    [Fact]
    public void ModifyingReplacesTheTermsAndClearsTheRefusal()
    {
        var request = world.RequestIn(RefundStatus.SellerRefused);
        request.Modify(Buyer, Terms(request.Order, RefundKind.RefundOnly, amount: 400), world.Policy, world.Now);

        Assert.Equal(RefundStatus.AwaitingSeller, request.Status);
        Assert.Equal(400, request.AmountMinor);
        Assert.Equal(RefundKind.RefundOnly, request.Kind);
        Assert.Null(request.RefusalReason);
        Assert.Equal(TimelineEventKind.Modified, request.Timeline[^1].Kind);
        Assert.Equal(RefundStatus.SellerRefused, request.Timeline[^1].FromStatus);
    }

    [Fact]
    public void WithdrawingClosesWithItsReason()
    {
        var request = world.RequestIn(RefundStatus.AwaitingSeller);
        request.Withdraw(Buyer, world.Now);
        Assert.Equal(RefundStatus.Closed, request.Status);
        Assert.Equal(CloseReason.Withdrawn, request.CloseReason);
        Assert.False(request.IsActive);
    }

    [Fact]
    public void TheReturnNeedsCarrierAndTrackingNumber()
    {
        var request = world.RequestIn(RefundStatus.AwaitingReturn);
        var error = Assert.Throws<RefundValidationException>(() => request.SubmitReturn(Buyer, "", " ", null, world.Policy, world.Now));
        Assert.Equal("Choose the carrier.", error.Errors["Carrier"]);
        Assert.Equal("Enter the tracking number.", error.Errors["TrackingNumber"]);
        Assert.Equal(RefundStatus.AwaitingReturn, request.Status);

        request.SubmitReturn(Buyer, " SF Express ", "SF123", "Two boxes", world.Policy, world.Now);
        Assert.Equal(new ReturnShipment("SF Express", "SF123", "Two boxes", world.Now), request.ReturnShipment);
    }

    [Fact]
    public void ConfirmingReceiptRefundsAndRefusingSendsBack()
    {
        var confirmed = world.RequestIn(RefundStatus.ReturnInTransit);
        confirmed.ConfirmReceipt(Seller, world.Now);
        Assert.Equal(RefundStatus.Refunded, confirmed.Status);
        Assert.NotNull(confirmed.Payout);

        var refused = world.RequestIn(RefundStatus.ReturnInTransit);
        refused.RefuseReceipt(Seller, "The box was empty.", [Photo()], world.Policy, world.Now);
        Assert.Equal(RefundStatus.SellerRefused, refused.Status);
        Assert.Equal("The box was empty.", refused.RefusalReason);
        Assert.Equal(2, refused.Evidence.Count);
        Assert.Null(refused.Payout);
    }

    public static TheoryData<string, Actor> WrongActors() => new()
    {
        { "buyer agrees", Buyer },
        { "another seller agrees", Actor.Seller("seller-2") },
        { "arbiter agrees", Arbiter },
        { "system agrees", Actor.System },
    };

    [Theory]
    [MemberData(nameof(WrongActors))]
    public void OnlyTheOrdersSellerAgrees(string _, Actor actor)
    {
        var request = world.RequestIn(RefundStatus.AwaitingSeller);
        var error = Assert.Throws<DomainException>(() => request.Agree(actor, Address, world.Policy, world.Now));
        Assert.Equal("Only the seller can agree to the refund.", error.Message);
        Assert.Equal(RefundStatus.AwaitingSeller, request.Status);
    }

    [Fact]
    public void OnlyTheBuyerWithdrawsModifiesAndShipsTheReturn()
    {
        var waiting = world.RequestIn(RefundStatus.AwaitingSeller);
        Assert.Throws<DomainException>(() => waiting.Withdraw(Seller, world.Now));
        Assert.Throws<DomainException>(() => waiting.Withdraw(Actor.Buyer("buyer-2"), world.Now));
        Assert.Throws<DomainException>(() => waiting.Modify(Seller, Terms(waiting.Order), world.Policy, world.Now));
        var returning = world.RequestIn(RefundStatus.AwaitingReturn);
        Assert.Throws<DomainException>(() => returning.SubmitReturn(Seller, "DHL", "1", null, world.Policy, world.Now));
        var inTransit = world.RequestIn(RefundStatus.ReturnInTransit);
        Assert.Throws<DomainException>(() => inTransit.ConfirmReceipt(Buyer, world.Now));
        Assert.Null(inTransit.Payout);
    }

    [Fact]
    public void ExpiryWaitsForTheDeadlineToTheTick()
    {
        var request = world.RequestIn(RefundStatus.AwaitingSeller, RefundKind.RefundOnly);
        world.Clock.Advance(world.Policy.SellerResponse - TimeSpan.FromTicks(1));
        Assert.Throws<DomainException>(() => request.Expire(Address, world.Policy, world.Now));
        Assert.Equal(RefundStatus.AwaitingSeller, request.Status);

        world.Clock.Advance(TimeSpan.FromTicks(1));
        request.Expire(Address, world.Policy, world.Now);

        Assert.Equal(RefundStatus.Refunded, request.Status);
        Assert.All(request.Timeline.Skip(1), e => Assert.Equal(ActorRole.System, e.ActorRole));
        Assert.Equal(TimelineEventKind.DeadlinePassed, request.Timeline[1].Kind);
    }

    [Fact]
    public void SilentSellerOfAReturnGetsTheDefaultAddressAndWithoutOneTheBuyerIsRefunded()
    {
        var withAddress = world.RequestIn(RefundStatus.AwaitingSeller);
        var withoutAddress = world.RequestIn(RefundStatus.AwaitingSeller);
        world.Clock.Advance(world.Policy.SellerResponse);

        withAddress.Expire(Address, world.Policy, world.Now);
        withoutAddress.Expire(null, world.Policy, world.Now);

        Assert.Equal(RefundStatus.AwaitingReturn, withAddress.Status);
        Assert.Equal(Address, withAddress.ReturnAddress);
        Assert.Equal(RefundStatus.Refunded, withoutAddress.Status);
    }

    [Fact]
    public void OverdueInterventionIsNeverRuledAutomatically()
    {
        var request = world.RequestIn(RefundStatus.PlatformIntervention);
        world.Clock.Advance(world.Policy.ArbiterIntervention + TimeSpan.FromDays(1));
        Assert.Throws<DomainException>(() => request.Expire(Address, world.Policy, world.Now));
        Assert.Equal(RefundStatus.PlatformIntervention, request.Status);
    }

    [Fact]
    public void SellersImmediateRefundPaysAtOnce()
    {
        var order = world.DeliveredOrder();
        var request = RefundRequest.IssueImmediate(order, Seller, [new LineSelection(order.Lines[1], 1)], 2000, false, null, world.Policy, world.Now);

        Assert.Equal(RefundStatus.Refunded, request.Status);
        Assert.True(request.InitiatedBySeller);
        Assert.Equal(2000, order.RefundedTotalMinor);
        Assert.Equal(TimelineEventKind.ImmediateRefund, Assert.Single(request.Timeline).Kind);
        Assert.Throws<DomainException>(() =>
            RefundRequest.IssueImmediate(order, Actor.Seller("seller-2"), [new LineSelection(order.Lines[0], 1)], 100, false, null, world.Policy, world.Now));
        Assert.Throws<RefundValidationException>(() =>
            RefundRequest.IssueImmediate(order, Seller, [new LineSelection(order.Lines[0], 1)], 1001, false, null, world.Policy, world.Now));
    }
}
