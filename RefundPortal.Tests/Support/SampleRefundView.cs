using RefundPortal.Domain;
using RefundPortal.Features.Refunds;

namespace RefundPortal.Tests.Support;

/// <summary>A refund as the details page receives it, for components rendered without a database; tests change what they look at with <c>with</c>.</summary>
public static class SampleRefundView
{
    public static readonly DateTime At = new(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc);

    /// <summary>Bella Buyer's request to Sunrise Outdoor Co. for one backpack (USD 59.00), as its buyer sees it.</summary>
    public static RefundView For(RefundStatus status, RefundKind kind = RefundKind.RefundOnly) => new()
    {
        Id = 7, OrderId = 3, OrderNumber = "RP-20261101-0001", ActingAs = ActorRole.Buyer,
        Parties = new RefundParties("Bella Buyer", "buyer@example.com", "Sunrise Outdoor Co.", null),
        Status = status, InitiatedBySeller = false, Version = Guid.NewGuid(), CreatedAt = At,
        GoodsReceived = true, Kind = kind, Reason = RefundReason.NotAsDescribed,
        Amount = new Money(5900, "USD"), Limit = new Money(5900, "USD"), IncludesShipping = false,
        Lines = [], Evidence = [], IsMyCase = false, Plans = [], Messages = [], Timeline = [], OtherRefundsOnOrder = [],
    };
}
