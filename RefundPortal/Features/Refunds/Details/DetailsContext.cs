using RefundPortal.Domain;
using RefundPortal.Features.Accounts;

namespace RefundPortal.Features.Refunds.Details;

/// <summary>The form the details page shows under its action buttons; one at a time.</summary>
public enum DetailsPanel { None, Address, Refuse, RefuseReceipt, Return, Escalate, Ruling, Evidence }

/// <summary>How a move went: done, or not (then the field errors to show, none when the page shows a refusal).</summary>
public sealed record ActResult(bool Done, IReadOnlyDictionary<string, string> Errors)
{
    public static IReadOnlyDictionary<string, string> NoErrors { get; } = new Dictionary<string, string>();
    public static ActResult Success { get; } = new(true, NoErrors);
    public static ActResult Refused { get; } = new(false, NoErrors);
}

/// <summary>
/// What the details page cascades to the parts that act: the refund as loaded, whether a move is running, the open
/// panel, and the page's one action runner (the acting user and the version seen are its business, not the panels').
/// </summary>
public sealed record DetailsContext(
    RefundView Refund,
    bool Busy,
    DetailsPanel Panel,
    Func<Func<CurrentUser, Guid, Task>, string, Task<ActResult>> Run,
    Action<DetailsPanel> Open)
{
    /// <summary>Runs one move; <paramref name="done"/> is the confirmation shown when it went through.</summary>
    public Task<ActResult> ActAsync(Func<CurrentUser, Guid, Task> move, string done) => Run(move, done);

    public void Close() => Open(DetailsPanel.None);
}
