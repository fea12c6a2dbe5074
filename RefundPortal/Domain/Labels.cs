
namespace RefundPortal.Domain;

/// <summary>The exact words DESIGN.md uses in the UI, and the one way dates and durations are written.</summary>
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

    /// <summary>The answer to "Have you received the goods".</summary>
    public static string GoodsLabel(bool received) => received ? "Goods received" : "Goods not received";

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

    /// <summary>Where a refund's money is, as the buyer's page says it (the day it was paid written in the reader's zone).</summary>
    public static string Describe(this PayoutStatus status, string? settledDay, string? reference) => status switch
    {
        PayoutStatus.Requested => "Being paid",
        PayoutStatus.Paid => $"Paid on {settledDay}, reference {reference}",
        PayoutStatus.Failed => "Payout failed, the platform is looking into it",
        _ => status.ToString(),
    };

    /// <summary>What a timeline entry says happened.</summary>
    public static string Label(this TimelineEventKind kind) => kind switch
    {
        TimelineEventKind.Applied => "Applied for a refund",
        TimelineEventKind.Modified => "Modified the application",
        TimelineEventKind.Withdrawn => "Withdrew the application",
        TimelineEventKind.Agreed => "Agreed to the refund agreement",
        TimelineEventKind.Refused => "Refused the refund",
        TimelineEventKind.ReturnAddressChanged => "Changed the return address",
        TimelineEventKind.ReturnShipped => "Submitted the return information",
        TimelineEventKind.ReceiptConfirmed => "Confirmed receipt of the return",
        TimelineEventKind.ReceiptRefused => "Refused receipt of the return",
        TimelineEventKind.Refunded => "Refund successful: payout requested",
        TimelineEventKind.ImmediateRefund => "Issued an immediate refund",
        TimelineEventKind.Escalated => "Applied for platform intervention",
        TimelineEventKind.CaseTaken => "Took the case",
        TimelineEventKind.PlanProposed => "Proposed a plan",
        TimelineEventKind.PlanDeleted => "Deleted a plan",
        TimelineEventKind.PlanAccepted => "Accepted a plan",
        TimelineEventKind.Ruled => "Issued a ruling",
        TimelineEventKind.DeadlinePassed => "Done by the system: the deadline passed",
        TimelineEventKind.PayoutPaid => "Refund paid out",
        TimelineEventKind.PayoutFailed => "Payout failed, the platform is looking into it",
        _ => kind.ToString(),
    };

    /// <summary>What the party who must act is asked to do before the deadline (the reminder's words).</summary>
    public static string ToDo(this RefundStatus status) => status switch
    {
        RefundStatus.AwaitingSeller => "agree to or refuse the request",
        RefundStatus.ReturnInTransit => "confirm receipt of the returned goods",
        RefundStatus.SellerRefused => "modify the application, apply for platform intervention or withdraw it",
        RefundStatus.AwaitingReturn => "ship the goods back and submit the return information",
        RefundStatus.PlatformIntervention => "issue a ruling",
        _ => "",
    };

    /// <summary>
    /// "If the seller does not respond within …, …": what happens when the deadline passes, written for the reader:
    /// the party it waits for reads "If you do not respond …" and then what they can do now.
    /// </summary>
    public static string Consequence(RefundStatus status, RefundKind kind, TimeSpan left, ActorRole? reader = null)
    {
        var within = Duration(left);
        var mine = reader is not null && status.WaitsFor() == reader;
        string Who(string party) => mine ? "you do" : $"the {party} does";
        var consequence = status switch
        {
            RefundStatus.AwaitingSeller => kind == RefundKind.RefundOnly
                ? $"If {Who("seller")} not respond within {within}, the refund will be paid automatically."
                : $"If {Who("seller")} not respond within {within}, the refund will be agreed automatically.",
            RefundStatus.SellerRefused => $"If {Who("buyer")} not respond within {within}, the request will be closed.",
            RefundStatus.AwaitingReturn => $"If {Who("buyer")} not submit the return within {within}, the request will be closed.",
            RefundStatus.ReturnInTransit => $"If {Who("seller")} not confirm receipt within {within}, the refund will be paid automatically.",
            RefundStatus.PlatformIntervention => mine ? $"Rule within {within}." : $"The platform rules within {within}.",
            _ => "",
        };
        return mine && consequence.Length > 0 ? $"{consequence} What you can do now: {status.ToDo()}." : consequence;
    }

    /// <summary>"4 days 23 hours", "5 hours 10 minutes", "42 seconds": the two largest units left.</summary>
    public static string Duration(TimeSpan left)
    {
        if (left < TimeSpan.Zero) left = TimeSpan.Zero;
        static string Unit(int n, string name) => $"{n} {name}{(n == 1 ? "" : "s")}";
        if (left.TotalDays >= 1) return $"{Unit(left.Days, "day")} {Unit(left.Hours, "hour")}";
        if (left.TotalHours >= 1) return $"{Unit(left.Hours, "hour")} {Unit(left.Minutes, "minute")}";
        if (left.TotalMinutes >= 1) return $"{Unit(left.Minutes, "minute")} {Unit(left.Seconds, "second")}";
        return Unit(left.Seconds, "second");
    }

    /// <summary>
    /// A day in UTC, e.g. "24 Nov 2026", for the domain's own messages (its rules run in UTC). Pages write times in the
    /// reader's zone through ReaderTime, emails in the recipient's through <see cref="LocalTimes"/>.
    /// </summary>
    public static string Day(this DateTime utc) => LocalTimes.Utc.Day(utc);
}
