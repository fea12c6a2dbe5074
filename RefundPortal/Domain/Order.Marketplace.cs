namespace RefundPortal.Domain;

/// <summary>An order as the marketplace knows it: who, what, and the times it was placed, shipped, delivered and completed.</summary>
public sealed record OrderFacts(
    string BuyerId, string SellerId, string Currency, long ShippingFeeMinor, DateTime PlacedAt,
    DateTime? ShippedAt, DateTime? DeliveredAt, DateTime? CompletedAt, IReadOnlyList<OrderLineFacts> Lines);

/// <summary>A line as the marketplace knows it; the SKU identifies it within its order.</summary>
public sealed record OrderLineFacts(string Sku, string Name, int Quantity, long UnitPriceMinor);

/// <summary>What the marketplace reports happened to an order.</summary>
public enum OrderEventType
{
    Shipped,
    Delivered,
    Completed,
}

/// <summary>A change from the marketplace that contradicts refunds already made on the order.</summary>
public sealed class OrderConflictException(string message) : DomainException(message);

/// <summary>
/// The marketplace feed: creating an order from its facts, revising it when they change, and recording its shipping
/// events. A revision may change anything the order's refunds do not depend on; what they depend on is refused with an
/// <see cref="OrderConflictException"/>. A time once recorded is never cleared: goods that shipped do not un-ship.
/// </summary>
public sealed partial class Order
{
    public static Order FromMarketplace(string number, OrderFacts facts)
    {
        if (facts.Lines.Select(l => l.Sku).Distinct(StringComparer.Ordinal).Count() != facts.Lines.Count)
            throw new DomainException(DomainErrors.Get("Order_LineNeedsOwnSku"));
        var order = Place(number, facts.BuyerId, facts.SellerId, facts.Currency, facts.ShippingFeeMinor,
            facts.Lines.Select(l => (l.Name, l.Sku, l.UnitPriceMinor, l.Quantity)), facts.PlacedAt);
        order.RecordTimes(facts, correct: true);
        order.Settle(facts.PlacedAt);
        return order;
    }

    /// <summary>Brings the order in line with the marketplace's facts; returns whether anything changed.</summary>
    public bool Revise(OrderFacts facts, DateTime now)
    {
        var before = Fingerprint();
        var hasRefunds = _refunds.Count > 0;
        if (facts.BuyerId == facts.SellerId) throw new DomainException(DomainErrors.Get("Order_BuyerIsSeller"));
        if (facts.BuyerId != BuyerId || facts.SellerId != SellerId)
        {
            if (hasRefunds) throw new OrderConflictException(DomainErrors.Get("Order_PartiesFixed"));
            BuyerId = facts.BuyerId;
            SellerId = facts.SellerId;
        }
        if (facts.Currency != Currency)
        {
            if (hasRefunds) throw new OrderConflictException(DomainErrors.Format("Order_CurrencyFixed", Currency, facts.Currency));
            Currency = facts.Currency;
        }
        ReviseLines(facts.Lines);
        if (facts.ShippingFeeMinor != ShippingFeeMinor)
        {
            if (facts.ShippingFeeMinor < 0) throw new DomainException(DomainErrors.Get("Order_NegativeShippingFee"));
            if (hasRefunds) throw new OrderConflictException(DomainErrors.Get("Order_ShippingFeeFixed"));
            ShippingFeeMinor = facts.ShippingFeeMinor;
        }
        PaidTotalMinor = _lines.Sum(l => l.LineTotalMinor) + ShippingFeeMinor;
        if (PaidTotalMinor < RefundedTotalMinor)
            throw new OrderConflictException(DomainErrors.Format("Order_CannotBeWorthLess", Money.Format(RefundedTotalMinor, Currency)));
        PlacedAt = facts.PlacedAt;
        PaidAt = facts.PlacedAt;
        RecordTimes(facts, correct: !hasRefunds);
        Settle(now);
        var changed = Fingerprint() != before;
        if (changed) Touch();
        return changed;
    }

    /// <summary>
    /// "Shipped", "Delivered" or "Completed" as the marketplace reports it. Reports arrive at least once, so the first of
    /// each kind counts and a repeat changes nothing; returns whether anything changed.
    /// </summary>
    public bool Record(OrderEventType type, DateTime at, DateTime now)
    {
        var before = Fingerprint();
        switch (type)
        {
            case OrderEventType.Shipped: SetShipped(at, correct: false); break;
            case OrderEventType.Delivered: SetDelivered(at, correct: false); break;
            case OrderEventType.Completed: SetCompleted(at, correct: false); break;
        }
        Settle(now);
        var changed = Fingerprint() != before;
        if (changed) Touch();
        return changed;
    }

    private void ReviseLines(IReadOnlyList<OrderLineFacts> lines)
    {
        if (lines.Count == 0) throw new DomainException(DomainErrors.Get("Order_NoLines"));
        if (lines.Select(l => l.Sku).Distinct(StringComparer.Ordinal).Count() != lines.Count)
            throw new DomainException(DomainErrors.Get("Order_LineNeedsOwnSku"));
        foreach (var gone in _lines.Where(l => lines.All(f => f.Sku != l.Sku)).ToList())
        {
            if (IsInAnyRefund(gone))
                throw new OrderConflictException(DomainErrors.Format("Order_LineInRefundCannotGo", gone.Sku));
            _lines.Remove(gone);
        }
        foreach (var fact in lines)
        {
            var line = _lines.FirstOrDefault(l => l.Sku == fact.Sku);
            if (line is null)
            {
                _lines.Add(new OrderLine(fact.Name, fact.Sku, fact.UnitPriceMinor, fact.Quantity));
                continue;
            }
            if (fact.UnitPriceMinor != line.UnitPriceMinor && IsInAnyRefund(line))
                throw new OrderConflictException(DomainErrors.Format("Order_LineInRefundPriceFixed", line.Sku));
            var held = line.RefundedQuantity + (ActiveRefundFor(line)?.Lines.Where(l => l.OrderLine == line).Sum(l => l.Quantity) ?? 0);
            if (fact.Quantity < held)
                throw new OrderConflictException(
                    DomainErrors.Format("Order_LineQuantityHeld", held, line.Sku, fact.Quantity));
            line.Revise(fact.Name, fact.UnitPriceMinor, fact.Quantity);
        }
    }

    private bool IsInAnyRefund(OrderLine line) => line.RefundedQuantity > 0 || _refunds.Any(r => r.Lines.Any(l => l.OrderLine == line));

    /// <summary>The times the facts carry; a time already recorded is corrected only when <paramref name="correct"/>.</summary>
    private void RecordTimes(OrderFacts facts, bool correct)
    {
        if (facts.ShippedAt is { } shipped) SetShipped(shipped, correct);
        if (facts.DeliveredAt is { } delivered) SetDelivered(delivered, correct);
        if (facts.CompletedAt is { } completed) SetCompleted(completed, correct);
    }

    private void SetShipped(DateTime at, bool correct)
    {
        if (ShippedAt == at || (ShippedAt is not null && !correct)) return;
        if (at < PlacedAt) throw new DomainException(DomainErrors.Get("Order_ShipBeforePlaced"));
        if (DeliveredAt < at || CompletedAt < at) throw new DomainException(DomainErrors.Get("Order_ShipAfterDelivered"));
        ShippedAt = at;
    }

    private void SetDelivered(DateTime at, bool correct)
    {
        if (DeliveredAt == at || (DeliveredAt is not null && !correct)) return;
        if (ShippedAt is not { } shipped) throw new OrderConflictException(DomainErrors.Get("Order_NotShippedNoDelivery"));
        if (at < shipped) throw new DomainException(DomainErrors.Get("Order_DeliverBeforeShipped"));
        DeliveredAt = at;
    }

    private void SetCompleted(DateTime at, bool correct)
    {
        if (CompletedAt == at || (CompletedAt is not null && !correct)) return;
        if (ShippedAt is not { } shipped) throw new OrderConflictException(DomainErrors.Get("Order_NotShippedNoCompletion"));
        if (at < shipped) throw new DomainException(DomainErrors.Get("Order_CompleteBeforeShipped"));
        if (CompletedAt is null && _refunds.Any(r => r.IsActive))
            throw new OrderConflictException(DomainErrors.Get("Order_OpenRefundBlocksCompletion"));
        CompletedAt = at;
        DeliveredAt ??= at;
    }

    /// <summary>The status the times and refunds give: closed once everything was refunded.</summary>
    private void Settle(DateTime now)
    {
        if (_lines.Count > 0 && RemainingUnits == 0)
        {
            if (Status != OrderStatus.Closed) (Status, ClosedAt) = (OrderStatus.Closed, now);
            return;
        }
        ClosedAt = null;
        Status = CompletedAt is not null ? OrderStatus.Completed : ShippedAt is not null ? OrderStatus.Shipped : OrderStatus.AwaitingShipment;
    }

    private string Fingerprint() => string.Join("|",
        BuyerId, SellerId, Currency, ShippingFeeMinor, PaidTotalMinor, PlacedAt.Ticks, ShippedAt?.Ticks, DeliveredAt?.Ticks, CompletedAt?.Ticks,
        Status, string.Join(";", _lines.Select(l => $"{l.Sku},{l.ProductName},{l.UnitPriceMinor},{l.Quantity}")));
}
