namespace RefundPortal.Domain;

public enum PayoutStatus
{
    /// <summary>The portal told the marketplace to pay; its payment system has not answered yet.</summary>
    Requested,
    Paid,
    /// <summary>The payment system could not pay; the platform looks into it and the marketplace may still report it paid.</summary>
    Failed,
}

/// <summary>
/// Money out: the instruction to pay the buyer, written once per refund when it is agreed, ruled or auto-executed (a
/// unique index on the request makes a second one impossible). Its id is the idempotency key the payment system uses.
/// The marketplace's payment system moves the money and reports the result.
/// </summary>
public sealed class Payout
{
    public const int MaxReferenceLength = 100;

    private Payout() { }

    internal Payout(RefundRequest request, DateTime requestedAt)
    {
        Id = Guid.CreateVersion7(requestedAt);
        OrderId = request.OrderId;
        BuyerId = request.BuyerId;
        AmountMinor = request.AmountMinor;
        Currency = request.Currency;
        RequestedAt = requestedAt;
        Status = PayoutStatus.Requested;
    }

    public Guid Id { get; private set; }
    public int RefundRequestId { get; private set; }
    public int OrderId { get; private set; }
    public string BuyerId { get; private set; } = "";
    public long AmountMinor { get; private set; }
    public string Currency { get; private set; } = "";
    /// <summary>When the refund was decided ("Refund Successful"), which is when the payout was requested.</summary>
    public DateTime RequestedAt { get; private set; }
    public PayoutStatus Status { get; private set; }
    /// <summary>The payment system's own reference for the transfer (or for the failure).</summary>
    public string? Reference { get; private set; }
    /// <summary>When the last result was recorded.</summary>
    public DateTime? SettledAt { get; private set; }

    public Money Amount => new(AmountMinor, Currency);

    /// <summary>
    /// Records what the payment system reports. The same report again changes nothing (returns false), so a retried
    /// call is harmless; a failed payout may later be paid; a paid one is final, and another reference for it is refused.
    /// </summary>
    internal bool Record(PayoutStatus result, string? reference, DateTime now)
    {
        if (result == PayoutStatus.Requested) throw new DomainException(DomainErrors.Get("Payout_PaidOrFailed"));
        reference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim();
        if (reference?.Length > MaxReferenceLength) throw new DomainException(DomainErrors.Format("Payout_ReferenceTooLong", MaxReferenceLength));
        if (result == PayoutStatus.Paid && reference is null) throw new DomainException(DomainErrors.Get("Payout_PaidNeedsReference"));
        if (Status == PayoutStatus.Paid)
        {
            if (result == PayoutStatus.Paid && reference == Reference) return false;
            throw new PayoutConflictException(result == PayoutStatus.Paid
                ? DomainErrors.Format("Payout_AlreadyPaidWithReference", Reference)
                : DomainErrors.Get("Payout_AlreadyPaidCannotFail"));
        }
        if (Status == result && (reference is null || reference == Reference)) return false;
        Status = result;
        Reference = reference ?? Reference;
        SettledAt = now;
        return true;
    }
}

/// <summary>A payout result that contradicts the one already recorded.</summary>
public sealed class PayoutConflictException(string message) : DomainException(message);
