namespace RefundPortal.Domain;

/// <summary>Every action a person can take on a refund request.</summary>
public enum RefundMove
{
    Modify,
    Withdraw,
    Agree,
    Refuse,
    ChangeReturnAddress,
    SubmitReturn,
    ConfirmReceipt,
    RefuseReceipt,
    Escalate,
    TakeCase,
    ProposePlan,
    DeletePlan,
    AcceptPlan,
    Rule,
    AddEvidence,
    PostMessage,
}

/// <summary>
/// Who may make which move in which status (DESIGN.md sections 4 and 5): the one table behind the domain's guards
/// and the buttons the pages offer.
/// </summary>
public static class RefundMoves
{
    private sealed record Entry(string What, ActorRole[] By, RefundStatus[]? In, bool OnlyArbiterHoldingCase = false, string? WithoutTheCase = null);

    private static readonly ActorRole[] Buyer = [ActorRole.Buyer];
    private static readonly ActorRole[] Seller = [ActorRole.Seller];
    private static readonly ActorRole[] Parties = [ActorRole.Buyer, ActorRole.Seller];
    private static readonly ActorRole[] Everyone = [ActorRole.Buyer, ActorRole.Seller, ActorRole.Arbiter];

    private static readonly RefundStatus[] Dispute = [RefundStatus.PlatformIntervention];

    /// <summary>Statuses null: any active status.</summary>
    private static readonly Dictionary<RefundMove, Entry> Table = new()
    {
        [RefundMove.Modify] = new("modify the application", Buyer, [RefundStatus.AwaitingSeller, RefundStatus.SellerRefused]),
        [RefundMove.Withdraw] = new("withdraw the application", Buyer, [RefundStatus.AwaitingSeller, RefundStatus.SellerRefused]),
        [RefundMove.Agree] = new("agree to the refund", Seller, [RefundStatus.AwaitingSeller]),
        [RefundMove.Refuse] = new("refuse the refund", Seller, [RefundStatus.AwaitingSeller]),
        [RefundMove.ChangeReturnAddress] = new("change the return address", Seller, [RefundStatus.AwaitingReturn]),
        [RefundMove.SubmitReturn] = new("submit the return information", Buyer, [RefundStatus.AwaitingReturn]),
        [RefundMove.ConfirmReceipt] = new("confirm receipt of the return", Seller, [RefundStatus.ReturnInTransit]),
        [RefundMove.RefuseReceipt] = new("refuse receipt of the return", Seller, [RefundStatus.ReturnInTransit]),
        [RefundMove.Escalate] = new("apply for platform intervention", [ActorRole.Buyer, ActorRole.Arbiter], [RefundStatus.SellerRefused]),
        [RefundMove.TakeCase] = new("take the case", [ActorRole.Arbiter], Dispute),
        [RefundMove.ProposePlan] = new("propose a plan", Everyone, Dispute, OnlyArbiterHoldingCase: true),
        [RefundMove.DeletePlan] = new("delete a plan", Everyone, Dispute, OnlyArbiterHoldingCase: true),
        [RefundMove.AcceptPlan] = new("accept a plan", Parties, Dispute),
        [RefundMove.Rule] = new("issue a ruling", [ActorRole.Arbiter], Dispute, OnlyArbiterHoldingCase: true,
            WithoutTheCase: "Take the case before ruling on it."),
        [RefundMove.AddEvidence] = new("add evidence", Parties, null),
        [RefundMove.PostMessage] = new("write a message", Everyone, null, OnlyArbiterHoldingCase: true),
    };

    /// <summary>"modify the application": the move in the words of a refusal ("Cannot modify the application while …").</summary>
    public static string What(this RefundMove move) => Table[move].What;

    public static bool IsMadeBy(this RefundMove move, ActorRole role) => Table[move].By.Contains(role);

    public static bool IsOpenIn(this RefundMove move, RefundStatus status) =>
        Table[move].In is { } statuses ? statuses.Contains(status) : status.IsActive();

    /// <summary>Whether an arbiter must hold the case to make this move (a buyer or seller never needs to).</summary>
    public static bool NeedsTheCase(this RefundMove move, ActorRole role) => role == ActorRole.Arbiter && Table[move].OnlyArbiterHoldingCase;

    /// <summary>Whether someone acting as <paramref name="role"/> on their own request may make the move now.</summary>
    public static bool Allows(this RefundMove move, ActorRole role, RefundStatus status, bool holdsCase) =>
        move.IsMadeBy(role) && move.IsOpenIn(status) && (!move.NeedsTheCase(role) || holdsCase);

    /// <summary>
    /// Why this actor may not make the move: "Only the buyer or an arbiter can apply for platform intervention.", or,
    /// for an arbiter without the case where the move says so, what to do first.
    /// </summary>
    public static string OnlyWho(this RefundMove move, ActorRole role)
    {
        var entry = Table[move];
        if (role == ActorRole.Arbiter && entry.WithoutTheCase is { } takeItFirst) return takeItFirst;
        var who = entry.By.Select(r => r switch
        {
            ActorRole.Arbiter when entry.OnlyArbiterHoldingCase => "the arbiter holding the case",
            ActorRole.Arbiter => "an arbiter",
            _ => $"the {r.ToString().ToLowerInvariant()}",
        }).ToList();
        var list = who.Count == 1 ? who[0] : $"{string.Join(", ", who.SkipLast(1))} or {who[^1]}";
        return $"Only {list} can {entry.What}.";
    }
}
