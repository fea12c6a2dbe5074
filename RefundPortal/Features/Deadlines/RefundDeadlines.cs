using RefundPortal.Domain;

namespace RefundPortal.Features.Deadlines;

public static class RefundDeadlines
{
    /// <summary>Statuses whose deadline runs the default action; an overdue intervention only stands out on the queue.</summary>
    public static readonly RefundStatus[] AutoExecuted =
        [RefundStatus.AwaitingSeller, RefundStatus.SellerRefused, RefundStatus.AwaitingReturn, RefundStatus.ReturnInTransit];

    /// <summary>Statuses whose party is reminded before the deadline.</summary>
    public static readonly RefundStatus[] Reminded = AutoExecuted;

    /// <summary>"If the seller does not respond within …, …": what happens when the deadline passes.</summary>
    public static string Consequence(RefundStatus status, RefundKind kind, string left) => status switch
    {
        RefundStatus.AwaitingSeller => kind == RefundKind.RefundOnly
            ? $"If the seller does not respond within {left}, the refund will be paid automatically."
            : $"If the seller does not respond within {left}, the refund will be agreed automatically.",
        RefundStatus.SellerRefused => $"If the buyer does not respond within {left}, the request will be closed.",
        RefundStatus.AwaitingReturn => $"If the buyer does not submit the return within {left}, the request will be closed.",
        RefundStatus.ReturnInTransit => $"If the seller does not confirm receipt within {left}, the refund will be paid automatically.",
        RefundStatus.PlatformIntervention => $"The platform rules within {left}.",
        _ => "",
    };

    /// <summary>"4 days 23 hours", "5 hours 10 minutes", "42 seconds": the two largest units left.</summary>
    public static string Left(TimeSpan left)
    {
        if (left < TimeSpan.Zero) left = TimeSpan.Zero;
        static string Unit(int n, string name) => $"{n} {name}{(n == 1 ? "" : "s")}";
        if (left.TotalDays >= 1) return $"{Unit(left.Days, "day")} {Unit(left.Hours, "hour")}";
        if (left.TotalHours >= 1) return $"{Unit(left.Hours, "hour")} {Unit(left.Minutes, "minute")}";
        if (left.TotalMinutes >= 1) return $"{Unit(left.Minutes, "minute")} {Unit(left.Seconds, "second")}";
        return Unit(left.Seconds, "second");
    }
}
