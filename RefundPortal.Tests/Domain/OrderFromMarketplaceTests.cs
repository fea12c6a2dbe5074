using RefundPortal.Domain;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Domain;

/// <summary>The marketplace feed's rules on the order itself: what a revision may change, and what refunds pin down.</summary>
public sealed class OrderFromMarketplaceTests
{
    private readonly DomainWorld world = new();

    private OrderFacts Facts(Order order, Func<OrderFacts, OrderFacts>? change = null)
    {
        var facts = new OrderFacts(order.BuyerId, order.SellerId, order.Currency, order.ShippingFeeMinor, order.PlacedAt,
            order.ShippedAt, order.DeliveredAt, order.CompletedAt,
            [.. order.Lines.Select(l => new OrderLineFacts(l.Sku, l.ProductName, l.Quantity, l.UnitPriceMinor))]);
        return change is null ? facts : change(facts);
    }

    private Order New(DateTime? shipped = null, DateTime? delivered = null, DateTime? completed = null) =>
        Order.FromMarketplace("MP-1", new OrderFacts(DomainWorld.BuyerId, DomainWorld.SellerId, "USD", 500, world.Now.AddDays(-20),
            shipped, delivered, completed, [new("L-1", "Lamp", 2, 1000), new("K-1", "Kettle", 1, 2500)]));

    [Fact]
    public void AnOrderFromTheFeedTakesItsStatusFromItsTimes()
    {
        Assert.Equal(OrderStatus.AwaitingShipment, New().Status);
        var delivered = New(shipped: world.Now.AddDays(-6), delivered: world.Now.AddDays(-1));
        Assert.Equal((OrderStatus.Shipped, ProductStatus.Received), (delivered.Status, delivered.ProductStatus));
        var completed = New(shipped: world.Now.AddDays(-6), completed: world.Now.AddDays(-1));
        Assert.Equal((OrderStatus.Completed, world.Now.AddDays(-1)), (completed.Status, completed.DeliveredAt));
        Assert.Equal(5000, completed.PaidTotalMinor);
    }

    [Fact]
    public void TheSameFactsAgainChangeNothingAndKeepTheVersion()
    {
        var order = New(shipped: world.Now.AddDays(-3));
        var version = order.Version;
        Assert.False(order.Revise(Facts(order), world.Now));
        Assert.Equal(version, order.Version);
    }

    [Fact]
    public void AnOrderWithoutRefundsTakesAnyCorrection()
    {
        var order = New(shipped: world.Now.AddDays(-3));
        var changed = order.Revise(Facts(order, f => f with
        {
            Currency = "EUR", ShippingFeeMinor = 0, ShippedAt = world.Now.AddDays(-4),
            Lines = [new("L-1", "Desk lamp", 3, 1200), new("B-1", "Bulb", 4, 100)],
        }), world.Now);
        Assert.True(changed);
        Assert.Equal(("EUR", 0L, 3 * 1200 + 4 * 100L), (order.Currency, order.ShippingFeeMinor, order.PaidTotalMinor));
        Assert.Equal(["L-1", "B-1"], order.Lines.Select(l => l.Sku));
        Assert.Equal(world.Now.AddDays(-4), order.ShippedAt);
    }

    [Fact]
    public void ATimeOnceRecordedIsNeverCleared()
    {
        var order = New(shipped: world.Now.AddDays(-3));
        order.Revise(Facts(order, f => f with { ShippedAt = null }), world.Now);
        Assert.Equal((world.Now.AddDays(-3), OrderStatus.Shipped), (order.ShippedAt, order.Status));
    }

    [Fact]
    public void RefundsPinTheUnitsTheCurrencyThePricesAndTheParties()
    {
        var order = New(shipped: world.Now.AddDays(-6), delivered: world.Now.AddDays(-1));
        var request = world.Apply(order, DomainWorld.Terms(order, RefundKind.RefundOnly, lampQuantity: 2));
        request.Agree(DomainWorld.Seller, null, world.Policy, world.Now);
        Assert.Equal(2, order.Lines[0].RefundedQuantity);
        var version = order.Version;

        Assert.Equal("2 of \"L-1\" were refunded or are in an open refund request: its quantity cannot be 1.",
            Assert.Throws<OrderConflictException>(() => order.Revise(Facts(order, f => f with
            {
                Lines = [new("L-1", "Lamp", 1, 1000), new("K-1", "Kettle", 1, 2500)],
            }), world.Now)).Message);
        Assert.Equal("This order has refund requests in USD: its currency cannot change to EUR.",
            Assert.Throws<OrderConflictException>(() => order.Revise(Facts(order, f => f with { Currency = "EUR" }), world.Now)).Message);
        Assert.Throws<OrderConflictException>(() => order.Revise(Facts(order, f => f with
        {
            Lines = [new("L-1", "Lamp", 2, 900), new("K-1", "Kettle", 1, 2500)],
        }), world.Now));
        Assert.Throws<OrderConflictException>(() => order.Revise(Facts(order, f => f with { Lines = [new("K-1", "Kettle", 1, 2500)] }), world.Now));
        Assert.Throws<OrderConflictException>(() => order.Revise(Facts(order, f => f with { BuyerId = "someone-else" }), world.Now));
        Assert.Throws<OrderConflictException>(() => order.Revise(Facts(order, f => f with { ShippingFeeMinor = 900 }), world.Now));

        // What refunds do not depend on may still change: a name, more units of the kettle.
        Assert.True(order.Revise(Facts(order, f => f with { Lines = [new("L-1", "Desk lamp", 2, 1000), new("K-1", "Kettle", 2, 2500)] }), world.Now));
        Assert.NotEqual(version, order.Version);
        Assert.Equal(2, order.Lines[1].Quantity);
    }

    [Fact]
    public void UnitsHeldByAnOpenRequestCountAsTaken()
    {
        var order = New();
        world.Apply(order, DomainWorld.Terms(order, RefundKind.RefundOnly, received: false, lampQuantity: 2));
        Assert.Throws<OrderConflictException>(() => order.Revise(Facts(order, f => f with
        {
            Lines = [new("L-1", "Lamp", 1, 1000), new("K-1", "Kettle", 1, 2500)],
        }), world.Now));
    }

    [Fact]
    public void QuantitiesDownToWhatWasRefundedCloseTheOrder()
    {
        var order = New();
        var request = world.Apply(order, DomainWorld.Terms(order, RefundKind.RefundOnly, received: false, lampQuantity: 2));
        request.Agree(DomainWorld.Seller, null, world.Policy, world.Now);
        // The kettle was never sold after all: only the refunded lamps remain.
        order.Revise(Facts(order, f => f with { Lines = [new("L-1", "Lamp", 2, 1000)] }), world.Now);
        Assert.Equal(OrderStatus.Closed, order.Status);
    }

    [Fact]
    public void ShippingEventsCountOnceInOrderAndNeverCompleteAnOrderWithAnOpenRequest()
    {
        var order = New();
        Assert.Equal("This order has not shipped: it cannot be delivered yet.",
            Assert.Throws<OrderConflictException>(() => order.Record(OrderEventType.Delivered, world.Now, world.Now)).Message);

        Assert.True(order.Record(OrderEventType.Shipped, world.Now.AddDays(-12), world.Now));
        var version = order.Version;
        // The marketplace's retry, even with another time, changes nothing: the first report counts.
        Assert.False(order.Record(OrderEventType.Shipped, world.Now.AddDays(-11), world.Now));
        Assert.Equal((world.Now.AddDays(-12), version), (order.ShippedAt, order.Version));

        world.Apply(order, DomainWorld.Terms(order, RefundKind.RefundOnly, received: false));
        Assert.Throws<OrderConflictException>(() => order.Record(OrderEventType.Completed, world.Now, world.Now));
        Assert.True(order.Record(OrderEventType.Delivered, world.Now, world.Now));
        Assert.Equal(ProductStatus.Received, order.ProductStatus);
    }

    [Fact]
    public void TimesOutOfOrderAreRefused()
    {
        var order = New();
        Assert.Throws<DomainException>(() => order.Record(OrderEventType.Shipped, world.Now.AddDays(-30), world.Now));
        order.Record(OrderEventType.Shipped, world.Now.AddDays(-5), world.Now);
        Assert.Throws<DomainException>(() => order.Record(OrderEventType.Delivered, world.Now.AddDays(-6), world.Now));
    }

    [Fact]
    public void ALineNeedsItsOwnSku() =>
        Assert.Throws<DomainException>(() => Order.FromMarketplace("MP-2", new OrderFacts(DomainWorld.BuyerId, DomainWorld.SellerId, "USD", 0,
            world.Now, null, null, null, [new("A", "One", 1, 100), new("A", "Two", 1, 100)])));
}

/// <summary>What the payment system may report for a payout, and what it may not contradict.</summary>
public sealed class PayoutTests
{
    private readonly DomainWorld world = new();

    private RefundRequest Refunded()
    {
        var order = world.NewOrder();
        var request = world.Apply(order, DomainWorld.Terms(order, RefundKind.RefundOnly, received: false));
        request.Agree(DomainWorld.Seller, null, world.Policy, world.Now);
        return request;
    }

    [Fact]
    public void ARefundDecidedIsOnePayoutRequestedForItsAmount()
    {
        var request = Refunded();
        Assert.Equal((PayoutStatus.Requested, 1000L, "USD", DomainWorld.BuyerId), (request.Payout!.Status, request.Payout.AmountMinor,
            request.Payout.Currency, request.Payout.BuyerId));
        Assert.NotEqual(Guid.Empty, request.Payout.Id);
    }

    [Fact]
    public void PaidIsFinalAndTheSameReportAgainChangesNothing()
    {
        var request = Refunded();
        Assert.True(request.RecordPayoutResult(PayoutStatus.Paid, "TX-1", world.Now));
        var version = request.Version;
        Assert.False(request.RecordPayoutResult(PayoutStatus.Paid, " TX-1 ", world.Now));
        Assert.Equal(version, request.Version);
        Assert.Equal("This payout was already recorded as paid with reference \"TX-1\".",
            Assert.Throws<PayoutConflictException>(() => request.RecordPayoutResult(PayoutStatus.Paid, "TX-2", world.Now)).Message);
        Assert.Throws<PayoutConflictException>(() => request.RecordPayoutResult(PayoutStatus.Failed, null, world.Now));
        Assert.Equal(TimelineEventKind.PayoutPaid, request.Timeline[^1].Kind);
        Assert.Equal((ActorRole.System, "TX-1"), (request.Timeline[^1].ActorRole, request.Timeline[^1].Note));
    }

    [Fact]
    public void AFailedPayoutMayStillBePaid()
    {
        var request = Refunded();
        Assert.True(request.RecordPayoutResult(PayoutStatus.Failed, "ERR-closed-account", world.Now));
        Assert.False(request.RecordPayoutResult(PayoutStatus.Failed, null, world.Now));
        Assert.True(request.RecordPayoutResult(PayoutStatus.Paid, "TX-9", world.Now.AddHours(2)));
        Assert.Equal((PayoutStatus.Paid, "TX-9", world.Now.AddHours(2)), (request.Payout!.Status, request.Payout.Reference, request.Payout.SettledAt));
        Assert.Equal([TimelineEventKind.PayoutFailed, TimelineEventKind.PayoutPaid], request.Timeline.TakeLast(2).Select(e => e.Kind));
    }

    [Fact]
    public void PaidNeedsAReferenceAndOnlyARefundWithAPayoutTakesAResult()
    {
        Assert.Throws<DomainException>(() => Refunded().RecordPayoutResult(PayoutStatus.Paid, " ", world.Now));
        var order = world.DeliveredOrder();
        var open = world.Apply(order);
        Assert.Equal("This refund has no payout.", Assert.Throws<DomainException>(() => open.RecordPayoutResult(PayoutStatus.Paid, "TX", world.Now)).Message);
    }
}
