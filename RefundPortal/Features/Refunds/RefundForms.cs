using RefundPortal.Domain;

namespace RefundPortal.Features.Refunds;

/// <summary>A line of the apply form: which line, how many (0 = not selected).</summary>
public sealed record LineChoice(int OrderLineId, int Quantity);

/// <summary>What the buyer submits on "Apply for Refund" or "Modify Application"; null answers are refused by field.</summary>
public sealed record RefundForm(
    IReadOnlyList<LineChoice> Lines,
    bool? GoodsReceived,
    RefundKind? Kind,
    decimal? Amount,
    bool IncludeShipping,
    RefundReason? Reason,
    string? Description)
{
    /// <summary>The questions of the agreement left unanswered, by field; the page asks before its last step, the service again.</summary>
    public IReadOnlyDictionary<string, string> MissingAnswers(string currency)
    {
        var errors = new Dictionary<string, string>();
        if (GoodsReceived is null) errors[Fields.GoodsReceived] = UserMessages.ChooseGoodsReceived;
        if (Kind is null) errors[Fields.Kind] = UserMessages.ChooseKind;
        if (Reason is null) errors[Fields.Reason] = UserMessages.ChooseReason;
        Money.AmountFrom(Amount, currency, errors);
        return errors;
    }
}

public sealed record ImmediateRefundForm(IReadOnlyList<LineChoice> Lines, decimal? Amount, bool IncludeShipping, string? Note);
