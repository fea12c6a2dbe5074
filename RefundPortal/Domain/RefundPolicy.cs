namespace RefundPortal.Domain;

/// <summary>The time rules of DESIGN.md sections 3 and 6; the app binds them from `Refunds` settings.</summary>
public sealed record RefundPolicy
{
    public TimeSpan SellerResponse { get; init; } = TimeSpan.FromDays(5);
    public TimeSpan SellerResponseUnshipped { get; init; } = TimeSpan.FromHours(24);
    public TimeSpan BuyerResponseAfterRefusal { get; init; } = TimeSpan.FromDays(5);
    public TimeSpan BuyerReturn { get; init; } = TimeSpan.FromDays(10);
    public TimeSpan SellerReceipt { get; init; } = TimeSpan.FromDays(10);
    public TimeSpan ArbiterIntervention { get; init; } = TimeSpan.FromDays(7);
    public TimeSpan Reminder { get; init; } = TimeSpan.FromHours(24);
    public TimeSpan RefundWindowAfterCompletion { get; init; } = TimeSpan.FromDays(15);
    public TimeSpan NotReceivedClaimAfterShipping { get; init; } = TimeSpan.FromDays(10);

    public static RefundPolicy Default { get; } = new();

    /// <summary>How long the party a waiting status waits for has to act (DESIGN.md section 6).</summary>
    public TimeSpan TimeToAct(RefundStatus status, Order order) => status switch
    {
        RefundStatus.AwaitingSeller => order.ShippedAt is null ? SellerResponseUnshipped : SellerResponse,
        RefundStatus.SellerRefused => BuyerResponseAfterRefusal,
        RefundStatus.AwaitingReturn => BuyerReturn,
        RefundStatus.ReturnInTransit => SellerReceipt,
        RefundStatus.PlatformIntervention => ArbiterIntervention,
        _ => throw new InvalidOperationException($"{status} is not a waiting status."),
    };
}
