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

    /// <summary>Statuses null: any active status. What and WithoutTheCase are DomainErrors keys.</summary>
    private static readonly Dictionary<RefundMove, Entry> Table = new()
    {
        [RefundMove.Modify] = new("Move_Modify", Buyer, [RefundStatus.AwaitingSeller, RefundStatus.SellerRefused]),
        [RefundMove.Withdraw] = new("Move_Withdraw", Buyer, [RefundStatus.AwaitingSeller, RefundStatus.SellerRefused]),
        [RefundMove.Agree] = new("Move_Agree", Seller, [RefundStatus.AwaitingSeller]),
        [RefundMove.Refuse] = new("Move_Refuse", Seller, [RefundStatus.AwaitingSeller]),
        [RefundMove.ChangeReturnAddress] = new("Move_ChangeReturnAddress", Seller, [RefundStatus.AwaitingReturn]),
        [RefundMove.SubmitReturn] = new("Move_SubmitReturn", Buyer, [RefundStatus.AwaitingReturn]),
        [RefundMove.ConfirmReceipt] = new("Move_ConfirmReceipt", Seller, [RefundStatus.ReturnInTransit]),
        [RefundMove.RefuseReceipt] = new("Move_RefuseReceipt", Seller, [RefundStatus.ReturnInTransit]),
        [RefundMove.Escalate] = new("Move_Escalate", [ActorRole.Buyer, ActorRole.Arbiter], [RefundStatus.SellerRefused]),
        [RefundMove.TakeCase] = new("Move_TakeCase", [ActorRole.Arbiter], Dispute),
        [RefundMove.ProposePlan] = new("Move_ProposePlan", Everyone, Dispute, OnlyArbiterHoldingCase: true),
        [RefundMove.DeletePlan] = new("Move_DeletePlan", Everyone, Dispute, OnlyArbiterHoldingCase: true),
        [RefundMove.AcceptPlan] = new("Move_AcceptPlan", Parties, Dispute),
        [RefundMove.Rule] = new("Move_Rule", [ActorRole.Arbiter], Dispute, OnlyArbiterHoldingCase: true,
            WithoutTheCase: "Move_TakeCaseFirst"),
        [RefundMove.AddEvidence] = new("Move_AddEvidence", Parties, null),
        [RefundMove.PostMessage] = new("Move_PostMessage", Everyone, null, OnlyArbiterHoldingCase: true),
    };

    /// <summary>"modify the application": the move in the words of a refusal ("Cannot modify the application while …").</summary>
    public static string What(this RefundMove move) => DomainErrors.Get(Table[move].What);

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
        if (role == ActorRole.Arbiter && entry.WithoutTheCase is { } takeItFirst) return DomainErrors.Get(takeItFirst);
        var who = entry.By.Select(r => DomainErrors.Get(r switch
        {
            ActorRole.Arbiter when entry.OnlyArbiterHoldingCase => "Who_ArbiterHoldingCase",
            _ => $"Who_{r}",
        })).ToList();
        var list = who.Count == 1
            ? who[0]
            : DomainErrors.Format("Who_Or", who.SkipLast(1).Aggregate((a, b) => DomainErrors.Format("Who_List", a, b)), who[^1]);
        return DomainErrors.Format("Move_OnlyWho", list, DomainErrors.Get(entry.What));
    }
}
