using System.Globalization;

namespace RefundPortal.Domain;

public enum RefundStatus
{
    AwaitingSeller,
    SellerRefused,
    AwaitingReturn,
    ReturnInTransit,
    PlatformIntervention,
    Refunded,
    Closed,
}

public enum RefundKind
{
    RefundOnly,
    ReturnAndRefund,
}

public enum RefundReason
{
    NotReceived,
    NotAsDescribed,
    QualityProblem,
    DamagedInTransit,
    WrongItem,
    MissingParts,
    NoLongerNeeded,
    Other,
}

/// <summary>Why a request ended in "Refund Closed".</summary>
public enum CloseReason
{
    Withdrawn,
    BuyerDidNotRespond,
    ReturnNotShipped,
    RuledAgainst,
}

public enum TimelineEventKind
{
    Applied,
    Modified,
    Withdrawn,
    Agreed,
    Refused,
    ReturnAddressChanged,
    ReturnShipped,
    ReceiptConfirmed,
    ReceiptRefused,
    Refunded,
    ImmediateRefund,
    Escalated,
    CaseTaken,
    PlanProposed,
    PlanDeleted,
    PlanAccepted,
    Ruled,
    DeadlinePassed,
    Closed,
}

public enum RulingOutcome
{
    FullRefund,
    PartialRefund,
    Reject,
}

/// <summary>The exact words DESIGN.md uses in the UI.</summary>
public static class Labels
{
    public static string Label(this RefundStatus status) => status switch
    {
        RefundStatus.AwaitingSeller => "Waiting for Seller's Confirmation",
        RefundStatus.SellerRefused => "Seller Refused",
        RefundStatus.AwaitingReturn => "Waiting for Buyer's Return",
        RefundStatus.ReturnInTransit => "Waiting for Seller to Confirm Receipt",
        RefundStatus.PlatformIntervention => "Platform Intervening",
        RefundStatus.Refunded => "Refund Successful",
        RefundStatus.Closed => "Refund Closed",
        _ => status.ToString(),
    };

    public static string Label(this OrderStatus status) => status switch
    {
        OrderStatus.AwaitingShipment => "Awaiting Shipment",
        OrderStatus.Shipped => "Shipped",
        OrderStatus.Completed => "Completed",
        OrderStatus.Closed => "Closed",
        _ => status.ToString(),
    };

    public static string Label(this ProductStatus status) => status switch
    {
        ProductStatus.NotShipped => "Not Shipped",
        ProductStatus.Shipped => "Shipped",
        ProductStatus.Received => "Received",
        _ => status.ToString(),
    };

    public static string Label(this RefundKind kind) => kind switch
    {
        RefundKind.ReturnAndRefund => "Need to return the goods",
        _ => "Refund only, no return",
    };

    public static string Label(this RefundReason reason) => reason switch
    {
        RefundReason.NotReceived => "Not received",
        RefundReason.NotAsDescribed => "Not as described",
        RefundReason.QualityProblem => "Quality problem",
        RefundReason.DamagedInTransit => "Damaged in transit",
        RefundReason.WrongItem => "Wrong item",
        RefundReason.MissingParts => "Missing parts",
        RefundReason.NoLongerNeeded => "No longer needed",
        _ => "Other",
    };

    public static string Label(this CloseReason reason) => reason switch
    {
        CloseReason.Withdrawn => "Withdrawn by the buyer",
        CloseReason.BuyerDidNotRespond => "The buyer did not respond in time; the seller's position stands",
        CloseReason.ReturnNotShipped => "The goods were not sent back in time",
        CloseReason.RuledAgainst => "Ruled against by the platform",
        _ => reason.ToString(),
    };

    /// <summary>A day as the pages show it, e.g. "24 Nov 2026" (UTC).</summary>
    public static string Day(this DateTime utc) => utc.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static bool IsActive(this RefundStatus status) => status is not (RefundStatus.Refunded or RefundStatus.Closed);
}
