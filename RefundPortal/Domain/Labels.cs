
namespace RefundPortal.Domain;

/// <summary>The exact words DESIGN.md uses in the UI, and the one way dates and durations are written.</summary>
public static class Labels
{
    public static string Label(this RefundStatus status) =>
        Enum.IsDefined(status) ? DomainText.Get($"RefundStatus_{status}") : status.ToString();

    public static string Label(this OrderStatus status) =>
        Enum.IsDefined(status) ? DomainText.Get($"OrderStatus_{status}") : status.ToString();

    public static string Label(this ProductStatus status) =>
        Enum.IsDefined(status) ? DomainText.Get($"ProductStatus_{status}") : status.ToString();

    public static string Label(this RefundKind kind) =>
        DomainText.Get(kind == RefundKind.ReturnAndRefund ? "RefundKind_ReturnAndRefund" : "RefundKind_RefundOnly");

    /// <summary>The answer to "Have you received the goods".</summary>
    public static string GoodsLabel(bool received) => DomainText.Get(received ? "Goods_Received" : "Goods_NotReceived");

    public static string Label(this RefundReason reason) =>
        DomainText.Get(Enum.IsDefined(reason) ? $"RefundReason_{reason}" : "RefundReason_Other");

    public static string Label(this CloseReason reason) =>
        Enum.IsDefined(reason) ? DomainText.Get($"CloseReason_{reason}") : reason.ToString();

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

    /// <summary>"4 days 23 hours", "5 hours 10 minutes", "42 seconds" ("4天23小时"): the two largest units left.</summary>
    public static string Duration(TimeSpan left)
    {
        if (left < TimeSpan.Zero) left = TimeSpan.Zero;
        static string Unit(int n, string name) => DomainText.Format($"Duration_{name}{(n == 1 ? "" : "s")}", n);
        static string Pair(string a, string b) => DomainText.Format("Duration_Pair", a, b);
        if (left.TotalDays >= 1) return Pair(Unit(left.Days, "Day"), Unit(left.Hours, "Hour"));
        if (left.TotalHours >= 1) return Pair(Unit(left.Hours, "Hour"), Unit(left.Minutes, "Minute"));
        if (left.TotalMinutes >= 1) return Pair(Unit(left.Minutes, "Minute"), Unit(left.Seconds, "Second"));
        return Unit(left.Seconds, "Second");
    }

    /// <summary>
    /// A day in UTC, e.g. "24 Nov 2026", for the domain's own messages (its rules run in UTC). Pages write times in the
    /// reader's zone through ReaderTime, emails in the recipient's through <see cref="LocalTimes"/>.
    /// </summary>
    public static string Day(this DateTime utc) => LocalTimes.Utc.Day(utc);
}
