using RefundPortal.Domain;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.DomainWorld;

namespace RefundPortal.Tests.Domain;

public sealed class RefundRequestApplyTests
{
    private readonly DomainWorld world = new();

    [Fact]
    public void NotShippedOrderAllowsRefundOnlyAtOnceWithTheShortSellerDeadline()
    {
        var order = world.NewOrder();
        var request = world.Apply(order, Terms(order, RefundKind.RefundOnly, received: false, reason: RefundReason.NoLongerNeeded, description: null));

        Assert.Equal(RefundStatus.AwaitingSeller, request.Status);
        Assert.Equal(world.Now + world.Policy.SellerResponseUnshipped, request.DeadlineAt);
        var applied = Assert.Single(request.Timeline);
        Assert.Equal(TimelineEventKind.Applied, applied.Kind);
        Assert.Equal(ActorRole.Buyer, applied.ActorRole);
        Assert.Null(applied.FromStatus);
    }

    [Fact]
    public void ADeadlineNoLongerThanTheReminderLeadGetsNoReminderOnTopOfItsOwnNotice()
    {
        // Unshipped: 24 hours to answer, and the reminder lead is 24 hours too.
        var order = world.NewOrder();
        var unshipped = world.Apply(order, Terms(order, RefundKind.RefundOnly, received: false, reason: RefundReason.NoLongerNeeded, description: null));
        Assert.Equal(world.Policy.Reminder, world.Policy.SellerResponseUnshipped);
        Assert.NotNull(unshipped.ReminderSentAt);

        // Shipped: 5 days to answer; the reminder comes a day before the deadline.
        var shipped = world.ShippedOrder(daysAgo: 12);
        var request = world.Apply(shipped, Terms(shipped, RefundKind.RefundOnly, received: false));
        Assert.Null(request.ReminderSentAt);
    }

    [Fact]
    public void NotShippedOrderRefusesGoodsReceived()
    {
        var order = world.NewOrder();
        var error = Assert.Throws<RefundValidationException>(() => world.Apply(order, Terms(order, RefundKind.RefundOnly, received: true)));
        Assert.Contains("GoodsReceived", error.Errors.Keys);
        Assert.Empty(order.Refunds);
    }

    [Fact]
    public void ReturnAndRefundNeedsGoodsReceived()
    {
        var order = world.ShippedOrder(daysAgo: 12);
        var error = Assert.Throws<RefundValidationException>(() => world.Apply(order, Terms(order, RefundKind.ReturnAndRefund, received: false)));
        Assert.Equal("A return and refund needs goods you received.", error.Errors["Kind"]);
    }

    [Fact]
    public void ShippedOrderOpensTenDaysAfterShippingAndSaysFromWhen()
    {
        var order = world.ShippedOrder(daysAgo: 3);
        var error = Assert.Throws<DomainException>(() => world.Apply(order, Terms(order, RefundKind.RefundOnly, received: false, reason: RefundReason.NotReceived)));
        Assert.StartsWith("Available from 8 Nov 2026", error.Message);

        var eligibility = order.EligibilityForRefund(world.Now, world.Policy);
        Assert.False(eligibility.CanApply);
        Assert.Equal("Available from 8 Nov 2026", eligibility.Reason);
    }

    [Fact]
    public void ShippedOrderOpensExactlyAtTheTenthDay()
    {
        var order = world.ShippedOrder(daysAgo: 10);
        var request = world.Apply(order, Terms(order, RefundKind.RefundOnly, received: false, reason: RefundReason.NotReceived, description: null));
        Assert.Equal(RefundStatus.AwaitingSeller, request.Status);
        Assert.Equal(world.Now + world.Policy.SellerResponse, request.DeadlineAt);
    }

    [Fact]
    public void DeliveredOrderAllowsReturnAndRefund()
    {
        var order = world.DeliveredOrder();
        var request = world.Apply(order);
        Assert.Equal(RefundKind.ReturnAndRefund, request.Kind);
        Assert.Single(request.Evidence);
        // The kettle is still free, so the order stays open for another request.
        Assert.True(order.EligibilityForRefund(world.Now, world.Policy).CanApply);
    }

    [Fact]
    public void CompletedOrderAllowsRefundWithinFifteenDays()
    {
        var order = world.CompletedOrder(daysAgo: 15);
        Assert.True(order.EligibilityForRefund(world.Now, world.Policy).CanApply);
        Assert.Equal(RefundStatus.AwaitingSeller, world.Apply(order).Status);
    }

    [Fact]
    public void CompletedOrderRefusesAfterTheWindow()
    {
        var order = world.CompletedOrder(daysAgo: 16);
        var error = Assert.Throws<DomainException>(() => world.Apply(order));
        Assert.Equal("The refund window closed on 31 Oct 2026.", error.Message);
        Assert.False(order.EligibilityForRefund(world.Now, world.Policy).CanApply);
    }

    [Fact]
    public void CompletedOrderRefusesGoodsNotReceived()
    {
        var order = world.CompletedOrder(daysAgo: 2);
        var error = Assert.Throws<RefundValidationException>(() =>
            world.Apply(order, Terms(order, RefundKind.RefundOnly, received: false, reason: RefundReason.NotReceived)));
        Assert.Contains("GoodsReceived", error.Errors.Keys);
    }

    [Fact]
    public void AmountCannotExceedWhatWasPaidForTheSelectedUnits()
    {
        var order = world.DeliveredOrder();
        var error = Assert.Throws<RefundValidationException>(() => world.Apply(order, Terms(order, amount: 1001)));
        Assert.Equal("The refund amount cannot be more than USD 10.00, what was paid for the selected items.", error.Errors["Amount"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    public void AmountMustBeAboveZero(long amount)
    {
        var order = world.DeliveredOrder();
        var error = Assert.Throws<RefundValidationException>(() => world.Apply(order, Terms(order, amount: amount)));
        Assert.Equal("The refund amount must be more than zero.", error.Errors["Amount"]);
    }

    [Fact]
    public void AmountMayBeLessThanTheSelectedValue()
    {
        var order = world.DeliveredOrder();
        var request = world.Apply(order, Terms(order, amount: 550));
        Assert.Equal(new Money(550, "USD"), request.Amount);
        Assert.Equal(1000, request.LimitMinor);
    }

    [Fact]
    public void ShippingOnlyWithTheWholeOrder()
    {
        var order = world.DeliveredOrder();
        var error = Assert.Throws<RefundValidationException>(() => world.Apply(order, Terms(order, includeShipping: true, lampQuantity: 2)));
        Assert.Equal("The shipping fee can be refunded only with the whole order.", error.Errors["IncludeShipping"]);
    }

    [Fact]
    public void WholeOrderMayIncludeShippingUpToThePaidTotal()
    {
        var order = world.DeliveredOrder();
        var terms = new RefundTerms([new LineSelection(order.Lines[0], 2), new LineSelection(order.Lines[1], 1)], true,
            RefundKind.ReturnAndRefund, 5000, true, RefundReason.WrongItem, "All wrong.", [Photo()]);
        var request = world.Apply(order, terms);
        Assert.Equal(5000, request.AmountMinor);
        Assert.Equal(5000, request.LimitMinor);

        var tooMuch = terms with { AmountMinor = 5001 };
        var other = world.DeliveredOrder();
        tooMuch = tooMuch with { Lines = [new LineSelection(other.Lines[0], 2), new LineSelection(other.Lines[1], 1)] };
        Assert.Contains("Amount", Assert.Throws<RefundValidationException>(() => world.Apply(other, tooMuch)).Errors.Keys);
    }

    [Fact]
    public void QuantityCannotExceedWhatIsLeftOnTheLine()
    {
        var order = world.DeliveredOrder();
        var error = Assert.Throws<RefundValidationException>(() => world.Apply(order, Terms(order, lampQuantity: 3)));
        Assert.Equal("Choose between 1 and 2 of \"Lamp\".", error.Errors["Quantity"]);
    }

    [Fact]
    public void NoItemSelectedIsRefused()
    {
        var order = world.DeliveredOrder();
        var error = Assert.Throws<RefundValidationException>(() => world.Apply(order, Terms(order) with { Lines = [] }));
        Assert.Equal("Select at least one item.", error.Errors["Lines"]);
    }

    [Fact]
    public void OneActiveRequestPerLine()
    {
        var order = world.DeliveredOrder();
        world.Apply(order);

        var error = Assert.Throws<ActiveRefundExistsException>(() => world.Apply(order));
        Assert.Contains("\"Lamp\" already has an active refund request", error.Message);
        Assert.Single(order.Refunds);
    }

    [Fact]
    public void AnotherLineMayHaveItsOwnRequest()
    {
        var order = world.DeliveredOrder();
        world.Apply(order);
        var kettle = new RefundTerms([new LineSelection(order.Lines[1], 1)], true, RefundKind.RefundOnly, 2500, false,
            RefundReason.DamagedInTransit, "Dented.", [Photo()]);
        world.Apply(order, kettle);
        Assert.Equal(2, order.Refunds.Count);
        Assert.False(order.EligibilityForRefund(world.Now, world.Policy).CanApply);
    }

    [Fact]
    public void ALineMayBeAskedAgainOnceTheFirstRequestEnded()
    {
        var order = world.DeliveredOrder();
        world.Apply(order).Withdraw(Buyer, world.Now);
        Assert.Equal(RefundStatus.AwaitingSeller, world.Apply(order).Status);
    }

    [Fact]
    public void DescriptionIsRequiredForOther()
    {
        var order = world.ShippedOrder(daysAgo: 12);
        var error = Assert.Throws<RefundValidationException>(() =>
            world.Apply(order, Terms(order, RefundKind.RefundOnly, received: false, reason: RefundReason.Other, description: "  ")));
        Assert.Equal("Describe the problem: the reason is \"Other\".", error.Errors["Description"]);
    }

    [Fact]
    public void DescriptionAndEvidenceAreRequiredWhenGoodsWereReceived()
    {
        var order = world.DeliveredOrder();
        var error = Assert.Throws<RefundValidationException>(() => world.Apply(order, Terms(order, description: null, evidence: [])));
        Assert.Equal("Describe the problem with the goods you received.", error.Errors["Description"]);
        Assert.Equal("Add at least one photo or document as evidence.", error.Errors["Evidence"]);
    }

    [Fact]
    public void AtMostFiveEvidenceFiles()
    {
        var order = world.DeliveredOrder();
        var six = Enumerable.Range(0, 6).Select(_ => Photo()).ToList();
        var error = Assert.Throws<RefundValidationException>(() => world.Apply(order, Terms(order, evidence: six)));
        Assert.Equal("Add at most 5 evidence files.", error.Errors["Evidence"]);
    }

    [Fact]
    public void OnlyTheOrdersBuyerCanApply()
    {
        var order = world.DeliveredOrder();
        Assert.Throws<DomainException>(() => RefundRequest.Apply(order, Actor.Buyer("someone-else"), Terms(order), world.Policy, world.Now));
        Assert.Throws<DomainException>(() => RefundRequest.Apply(order, Actor.Seller(SellerId), Terms(order), world.Policy, world.Now));
        Assert.Empty(order.Refunds);
    }

    [Fact]
    public void FullyRefundedOrderIsClosedForNewRequests()
    {
        var order = world.DeliveredOrder();
        var all = new RefundTerms([new LineSelection(order.Lines[0], 2), new LineSelection(order.Lines[1], 1)], true,
            RefundKind.RefundOnly, 5000, true, RefundReason.WrongItem, "Wrong.", [Photo()]);
        world.Apply(order, all).Agree(Seller, null, world.Policy, world.Now);

        Assert.Equal(OrderStatus.Closed, order.Status);
        Assert.Equal("This order is closed: everything on it was refunded.", order.EligibilityForRefund(world.Now, world.Policy).Reason);
        Assert.Throws<DomainException>(() => world.Apply(order));
    }
}
