namespace RefundPortal.Domain;

public enum OrderStatus
{
    AwaitingShipment,
    Shipped,
    Completed,
    Closed,
}

public enum ProductStatus
{
    NotShipped,
    Shipped,
    Received,
}

/// <summary>An order fed by the marketplace. The portal changes it only by "Confirm Receipt" and by refunds.</summary>
public sealed partial class Order
{
    private readonly List<OrderLine> _lines = [];
    private readonly List<RefundRequest> _refunds = [];

    private Order() { }

    public int Id { get; private set; }
    public string Number { get; private set; } = "";
    public string BuyerId { get; private set; } = "";
    public string SellerId { get; private set; } = "";
    public string Currency { get; private set; } = "";
    public long ShippingFeeMinor { get; private set; }
    public long PaidTotalMinor { get; private set; }
    public long RefundedTotalMinor { get; private set; }
    public bool ShippingRefunded { get; private set; }
    public OrderStatus Status { get; private set; }
    public DateTime PlacedAt { get; private set; }
    public DateTime PaidAt { get; private set; }
    public DateTime? ShippedAt { get; private set; }
    /// <summary>When the carrier reported delivery (fed by the marketplace); the goods count as received from then.</summary>
    public DateTime? DeliveredAt { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    /// <summary>App-managed concurrency token: SQLite generates none.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    public IReadOnlyList<OrderLine> Lines => _lines;
    public IReadOnlyList<RefundRequest> Refunds => _refunds;

    public Money PaidTotal => new(PaidTotalMinor, Currency);
    public Money RefundedTotal => new(RefundedTotalMinor, Currency);
    public Money ShippingFee => new(ShippingFeeMinor, Currency);

    /// <summary>"Product Status" of every line: the order ships and arrives as one parcel.</summary>
    public ProductStatus ProductStatus =>
        CompletedAt is not null || DeliveredAt is not null ? ProductStatus.Received
        : ShippedAt is not null ? ProductStatus.Shipped
        : ProductStatus.NotShipped;

    /// <summary>Creates a paid order as the marketplace feed delivers it.</summary>
    public static Order Place(string number, string buyerId, string sellerId, string currency, long shippingFeeMinor,
        IEnumerable<(string ProductName, string Sku, long UnitPriceMinor, int Quantity)> lines, DateTime placedAt)
    {
        if (string.IsNullOrWhiteSpace(number)) throw new DomainException(DomainErrors.Get("Order_NeedsNumber"));
        if (buyerId == sellerId) throw new DomainException(DomainErrors.Get("Order_BuyerIsSeller"));
        if (shippingFeeMinor < 0) throw new DomainException(DomainErrors.Get("Order_NegativeShippingFee"));
        var order = new Order
        {
            Number = number,
            BuyerId = buyerId,
            SellerId = sellerId,
            Currency = currency,
            ShippingFeeMinor = shippingFeeMinor,
            Status = OrderStatus.AwaitingShipment,
            PlacedAt = placedAt,
            PaidAt = placedAt,
        };
        foreach (var (name, sku, price, quantity) in lines)
            order._lines.Add(new OrderLine(name, sku, price, quantity));
        if (order._lines.Count == 0) throw new DomainException(DomainErrors.Get("Order_NoLines"));
        order.PaidTotalMinor = order._lines.Sum(l => l.LineTotalMinor) + shippingFeeMinor;
        return order;
    }

    public void MarkShipped(DateTime now)
    {
        if (Status != OrderStatus.AwaitingShipment) throw new DomainException(DomainErrors.Get("Order_OnlyAwaitingShipmentShips"));
        ShippedAt = now;
        Status = OrderStatus.Shipped;
        Touch();
    }

    public void MarkDelivered(DateTime now)
    {
        if (Status != OrderStatus.Shipped) throw new DomainException(DomainErrors.Get("Order_OnlyShippedDelivered"));
        DeliveredAt = now;
        Touch();
    }

    /// <summary>
    /// Whether the buyer may press "Apply for Refund" now (DESIGN.md section 3), and if not, why and from when.
    /// The finer rules (which kind, which amount) are checked on the application itself.
    /// </summary>
    public RefundEligibility EligibilityForRefund(DateTime now, RefundPolicy policy)
    {
        switch (Status)
        {
            case OrderStatus.Closed:
                return Domain.RefundEligibility.No(DomainText.Get("Eligibility_OrderClosed"));
            case OrderStatus.Completed when now > CompletedAt!.Value + policy.RefundWindowAfterCompletion:
                return Domain.RefundEligibility.No(DomainText.Format("Eligibility_WindowClosed", (CompletedAt.Value + policy.RefundWindowAfterCompletion).Day()));
            case OrderStatus.Shipped when DeliveredAt is null && now < ShippedAt!.Value + policy.NotReceivedClaimAfterShipping:
                var from = ShippedAt.Value + policy.NotReceivedClaimAfterShipping;
                return new Domain.RefundEligibility(false, DomainErrors.Format("Eligibility_AvailableFrom", from.Day()), from, null);
        }
        var free = _lines.Where(l => l.RefundableQuantity > 0).ToList();
        if (free.Count == 0) return Domain.RefundEligibility.No(DomainText.Get("Eligibility_AllRefunded"));
        if (free.All(l => Available(l) == 0))
            return new Domain.RefundEligibility(false, DomainErrors.Get("Eligibility_RequestOpen"), null, ActiveRefundFor(free[0])!.Id);
        return new Domain.RefundEligibility(true, null, null, null);
    }

    /// <summary>Whether "Confirm Receipt" is offered: shipped, and no refund request open on the order.</summary>
    public bool CanConfirmReceipt => Status == OrderStatus.Shipped && !_refunds.Any(r => r.IsActive);

    /// <summary>Whether the seller can still "Issue Immediate Refund": some unit is neither refunded nor held by a request.</summary>
    public bool CanIssueImmediateRefund => Status != OrderStatus.Closed && _lines.Any(l => Available(l) > 0);

    /// <summary>"Confirm Receipt": the buyer takes delivery and the funds go to the seller.</summary>
    public void ConfirmReceipt(string buyerId, DateTime now)
    {
        if (buyerId != BuyerId) throw new DomainException(DomainErrors.Get("Order_OnlyBuyerConfirmsReceipt"));
        if (Status != OrderStatus.Shipped) throw new DomainException(DomainErrors.Get("Order_OnlyShippedConfirmed"));
        if (_refunds.Any(r => r.IsActive))
            throw new DomainException(DomainErrors.Get("Order_OpenRefundBlocksReceipt"));
        CompletedAt = now;
        DeliveredAt ??= now;
        Status = OrderStatus.Completed;
        Touch();
    }

    public OrderLine Line(int lineId) =>
        _lines.FirstOrDefault(l => l.Id == lineId) ?? throw new DomainException(DomainErrors.Get("ItemNotOnOrder"));

    /// <summary>The active request holding a line, if any (one active request per line at a time).</summary>
    public RefundRequest? ActiveRefundFor(OrderLine line, RefundRequest? except = null) =>
        _refunds.FirstOrDefault(r => r != except && r.IsActive && r.Lines.Any(l => l.OrderLine == line));

    /// <summary>
    /// Units of a line a new request (or <paramref name="except"/>, being modified) may still cover: none while another
    /// active request holds the line, otherwise those not yet refunded.
    /// </summary>
    public int Available(OrderLine line, RefundRequest? except = null) =>
        ActiveRefundFor(line, except) is null ? line.RefundableQuantity : 0;

    public int RemainingUnits => _lines.Sum(l => l.RefundableQuantity);

    /// <summary>Whether a request covering every unit still refundable may include the shipping fee (once, and only if there was one).</summary>
    public bool ShippingRefundable => !ShippingRefunded && ShippingFeeMinor > 0;

    /// <summary>Settles a paid refund on the order: refunded quantities, totals and, once all is refunded, the status.</summary>
    internal void ApplyRefund(IEnumerable<RefundLine> lines, long amountMinor, bool includesShipping, DateTime now)
    {
        if (amountMinor > PaidTotalMinor - RefundedTotalMinor)
            throw new DomainException(DomainErrors.Get("Order_RefundExceedsPaid"));
        foreach (var line in lines)
            line.OrderLine.AddRefunded(line.Quantity);
        if (includesShipping) ShippingRefunded = true;
        RefundedTotalMinor += amountMinor;
        if (RemainingUnits == 0)
        {
            Status = OrderStatus.Closed;
            ClosedAt = now;
        }
        Touch();
    }

    internal void Attach(RefundRequest request) => _refunds.Add(request);

    internal void Touch() => Version = Guid.NewGuid();
}

public sealed class OrderLine
{
    private OrderLine() { }

    internal OrderLine(string productName, string sku, long unitPriceMinor, int quantity)
    {
        if (string.IsNullOrWhiteSpace(productName)) throw new DomainException(DomainErrors.Get("Line_NeedsProductName"));
        if (unitPriceMinor <= 0) throw new DomainException(DomainErrors.Get("Line_PriceAboveZero"));
        if (quantity <= 0) throw new DomainException(DomainErrors.Get("Line_QuantityAtLeastOne"));
        ProductName = productName;
        Sku = sku;
        UnitPriceMinor = unitPriceMinor;
        Quantity = quantity;
    }

    public int Id { get; private set; }
    public int OrderId { get; private set; }
    public string ProductName { get; private set; } = "";
    public string Sku { get; private set; } = "";
    public long UnitPriceMinor { get; private set; }
    public int Quantity { get; private set; }
    public int RefundedQuantity { get; private set; }

    public long LineTotalMinor => UnitPriceMinor * Quantity;
    public int RefundableQuantity => Quantity - RefundedQuantity;

    /// <summary>The marketplace's corrected name, price or quantity; the order checks first that its refunds allow it.</summary>
    internal void Revise(string productName, long unitPriceMinor, int quantity)
    {
        if (string.IsNullOrWhiteSpace(productName)) throw new DomainException(DomainErrors.Get("Line_NeedsProductName"));
        if (unitPriceMinor <= 0) throw new DomainException(DomainErrors.Get("Line_PriceAboveZero"));
        if (quantity <= 0) throw new DomainException(DomainErrors.Get("Line_QuantityAtLeastOne"));
        ProductName = productName;
        UnitPriceMinor = unitPriceMinor;
        Quantity = quantity;
    }

    internal void AddRefunded(int quantity)
    {
        if (quantity <= 0 || quantity > RefundableQuantity)
            throw new DomainException(DomainErrors.Format("Line_OnlyLeftToRefund", RefundableQuantity, ProductName));
        RefundedQuantity += quantity;
    }
}

/// <summary>Whether "Apply for Refund" is open; otherwise the reason to show, when it opens, or the request already open.</summary>
public sealed record RefundEligibility(bool CanApply, string? Reason, DateTime? AvailableFrom, int? ActiveRequestId)
{
    public static RefundEligibility No(string reason) => new(false, reason, null, null);
}
