using Microsoft.Extensions.Time.Testing;
using RefundPortal.Domain;

namespace RefundPortal.Tests.Support;

/// <summary>Orders and requests built in memory for the pure domain tests, on a fake clock.</summary>
internal sealed class DomainWorld
{
    public const string BuyerId = "buyer-1";
    public const string SellerId = "seller-1";
    public const string ArbiterId = "arbiter-1";

    public static readonly Actor Buyer = Actor.Buyer(BuyerId);
    public static readonly Actor Seller = Actor.Seller(SellerId);
    public static readonly Actor Arbiter = Actor.Arbiter(ArbiterId);
    public static readonly AddressSnapshot Address = new("Returns Desk", "+86 571 0000", "1 Road", "Hangzhou", "ZJ", "310000", "China");

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero));
    public RefundPolicy Policy { get; } = RefundPolicy.Default;
    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    /// <summary>Two lines: 2 × 10.00 and 1 × 25.00, shipping 5.00; paid 50.00.</summary>
    public Order NewOrder() =>
        Order.Place("RP-20261101-0001", BuyerId, SellerId, "USD", 500,
            [("Lamp", "L-1", 1000, 2), ("Kettle", "K-1", 2500, 1)], Now.AddDays(-20));

    public Order DeliveredOrder()
    {
        var order = NewOrder();
        order.MarkShipped(Now.AddDays(-6));
        order.MarkDelivered(Now.AddDays(-1));
        return order;
    }

    public Order ShippedOrder(int daysAgo)
    {
        var order = NewOrder();
        order.MarkShipped(Now.AddDays(-daysAgo));
        return order;
    }

    public Order CompletedOrder(int daysAgo)
    {
        var order = NewOrder();
        order.MarkShipped(Now.AddDays(-daysAgo - 5));
        order.ConfirmReceipt(BuyerId, Now.AddDays(-daysAgo));
        return order;
    }

    public static EvidenceFile Photo() =>
        new(Guid.NewGuid().ToString("N"), "photo.jpg", "image/jpeg", 1234, Buyer, new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));

    public static RefundTerms Terms(Order order, RefundKind kind = RefundKind.ReturnAndRefund, bool received = true, long? amount = null,
        int lampQuantity = 1, bool includeShipping = false, RefundReason reason = RefundReason.QualityProblem,
        string? description = "The lamp flickers.", IReadOnlyList<EvidenceFile>? evidence = null)
    {
        var lamp = order.Lines[0];
        return new RefundTerms([new LineSelection(lamp, lampQuantity)], received, kind, amount ?? lamp.UnitPriceMinor * lampQuantity,
            includeShipping, reason, description, evidence ?? (received ? [Photo()] : []));
    }

    public RefundRequest Apply(Order order, RefundTerms? terms = null) =>
        RefundRequest.Apply(order, Buyer, terms ?? Terms(order), Policy, Now);

    /// <summary>A return-and-refund request on a delivered order, in the given status.</summary>
    public RefundRequest RequestIn(RefundStatus status, RefundKind kind = RefundKind.ReturnAndRefund)
    {
        var order = DeliveredOrder();
        var request = Apply(order, Terms(order, kind));
        switch (status)
        {
            case RefundStatus.AwaitingSeller:
                break;
            case RefundStatus.SellerRefused:
                request.Refuse(Seller, "Used goods.", [], Policy, Now);
                break;
            case RefundStatus.AwaitingReturn:
                request.Agree(Seller, Address, Policy, Now);
                break;
            case RefundStatus.ReturnInTransit:
                request.Agree(Seller, Address, Policy, Now);
                request.SubmitReturn(Buyer, "DHL", "JD0001", null, Policy, Now);
                break;
            case RefundStatus.PlatformIntervention:
                request.Refuse(Seller, "Used goods.", [], Policy, Now);
                request.Escalate(Buyer, "It arrived broken.", [], Policy, Now);
                break;
            case RefundStatus.Refunded:
                request.Agree(Seller, Address, Policy, Now);
                request.SubmitReturn(Buyer, "DHL", "JD0001", null, Policy, Now);
                request.ConfirmReceipt(Seller, Now);
                break;
            case RefundStatus.Closed:
                request.Withdraw(Buyer, Now);
                break;
        }
        return request;
    }
}
