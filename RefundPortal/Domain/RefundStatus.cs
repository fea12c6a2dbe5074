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

/// <summary>
/// Whose move it is in each status (DESIGN.md section 4). Lists, reminders, deadlines and notifications all derive
/// from <see cref="WaitsFor"/>, so a new status is taught here once.
/// </summary>
public static class RefundStatusRules
{
    /// <summary>The party who must act next; null once the request is finished.</summary>
    public static ActorRole? WaitsFor(this RefundStatus status) => status switch
    {
        RefundStatus.AwaitingSeller or RefundStatus.ReturnInTransit => ActorRole.Seller,
        RefundStatus.SellerRefused or RefundStatus.AwaitingReturn => ActorRole.Buyer,
        RefundStatus.PlatformIntervention => ActorRole.Arbiter,
        _ => null,
    };

    public static bool IsActive(this RefundStatus status) => status.WaitsFor() is not null;

    /// <summary>
    /// Whether the deadline runs a default action (and a reminder goes first): only when a buyer or a seller stays
    /// silent; an overdue intervention only stands out on the arbiter's queue.
    /// </summary>
    public static bool ExpiresAutomatically(this RefundStatus status) => status.WaitsFor() is ActorRole.Buyer or ActorRole.Seller;

    public static IReadOnlyList<RefundStatus> WaitingFor(ActorRole party) =>
        Enum.GetValues<RefundStatus>().Where(s => s.WaitsFor() == party).ToArray();

    public static IReadOnlyList<RefundStatus> ExpiringAutomatically { get; } =
        Enum.GetValues<RefundStatus>().Where(s => s.ExpiresAutomatically()).ToArray();
}
