using RefundPortal.Domain;

namespace RefundPortal.Features.Integration.Webhooks;

/// <summary>The event types a marketplace hears of: one per kind of timeline event, plus <c>payout.requested</c>.</summary>
public static class IntegrationEventTypes
{
    public const string PayoutRequested = "payout.requested";

    /// <summary>The type of a timeline event (dispute steps are <c>dispute.*</c>, payout results <c>payout.*</c>).</summary>
    public static string Of(TimelineEventKind kind) => kind switch
    {
        TimelineEventKind.Applied => "refund.applied",
        TimelineEventKind.Modified => "refund.modified",
        TimelineEventKind.Withdrawn => "refund.withdrawn",
        TimelineEventKind.Agreed => "refund.agreed",
        TimelineEventKind.Refused => "refund.refused",
        TimelineEventKind.ReturnAddressChanged => "refund.return_address_changed",
        TimelineEventKind.ReturnShipped => "refund.return_shipped",
        TimelineEventKind.ReceiptConfirmed => "refund.receipt_confirmed",
        TimelineEventKind.ReceiptRefused => "refund.receipt_refused",
        TimelineEventKind.Refunded => "refund.refunded",
        TimelineEventKind.ImmediateRefund => "refund.immediate_refund",
        TimelineEventKind.DeadlinePassed => "refund.deadline_passed",
        TimelineEventKind.Closed => "refund.closed",
        TimelineEventKind.Escalated => "dispute.opened",
        TimelineEventKind.CaseTaken => "dispute.case_taken",
        TimelineEventKind.PlanProposed => "dispute.plan_proposed",
        TimelineEventKind.PlanDeleted => "dispute.plan_deleted",
        TimelineEventKind.PlanAccepted => "dispute.plan_accepted",
        TimelineEventKind.Ruled => "dispute.ruled",
        TimelineEventKind.PayoutPaid => "payout.paid",
        TimelineEventKind.PayoutFailed => "payout.failed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No event type for this kind."),
    };

    /// <summary>Every type, for the endpoints' filters and the documentation.</summary>
    public static readonly IReadOnlyList<string> All =
        [.. Enum.GetValues<TimelineEventKind>().Select(Of), PayoutRequested];

    /// <summary>The types a new timeline event makes: its own, and <c>payout.requested</c> right after the one that created the payout.</summary>
    public static IEnumerable<string> For(TimelineEventKind kind)
    {
        yield return Of(kind);
        if (kind is TimelineEventKind.Refunded or TimelineEventKind.ImmediateRefund) yield return PayoutRequested;
    }
}
