namespace RefundPortal.Domain;

/// <summary>
/// A refund request and its status machine (DESIGN.md sections 3 to 5 and 8). Every move checks the actor and the
/// current status, refuses an illegal one with a <see cref="DomainException"/>, records its timeline event and sets
/// the deadline of the status it enters. Services never set the status themselves.
/// </summary>
public sealed class RefundRequest
{
    public const int MaxEvidenceFiles = 5;
    public const int MaxTextLength = 2000;

    private readonly List<RefundLine> _lines = [];
    private readonly List<TimelineEvent> _timeline = [];
    private readonly List<EvidenceFile> _evidence = [];
    private readonly List<DisputePlan> _plans = [];
    private readonly List<RefundMessage> _messages = [];

    private RefundRequest() { }

    public int Id { get; private set; }
    public int OrderId { get; private set; }
    public Order Order { get; private set; } = null!;
    public string BuyerId { get; private set; } = "";
    public string SellerId { get; private set; } = "";
    public string Currency { get; private set; } = "";

    public RefundStatus Status { get; private set; }
    public CloseReason? CloseReason { get; private set; }
    public bool InitiatedBySeller { get; private set; }

    public bool GoodsReceived { get; private set; }
    public RefundKind Kind { get; private set; }
    public RefundReason Reason { get; private set; }
    public string? Description { get; private set; }
    public long AmountMinor { get; private set; }
    public bool IncludesShipping { get; private set; }
    /// <summary>What was paid for the selected units (plus shipping on a whole-order refund): no plan or ruling may exceed it.</summary>
    public long LimitMinor { get; private set; }

    public string? RefusalReason { get; private set; }
    public AddressSnapshot? ReturnAddress { get; private set; }
    public ReturnShipment? ReturnShipment { get; private set; }

    public string? ArbiterId { get; private set; }
    public DateTime? EscalatedAt { get; private set; }
    public string? EscalationStatement { get; private set; }
    public string? RulingReason { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    /// <summary>When the current waiting status times out; null in a terminal status.</summary>
    public DateTime? DeadlineAt { get; private set; }
    public DateTime? ReminderSentAt { get; private set; }

    /// <summary>App-managed concurrency token: SQLite generates none, so every move replaces it.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    public RefundPayment? Payment { get; private set; }

    public IReadOnlyList<RefundLine> Lines => _lines;
    public IReadOnlyList<TimelineEvent> Timeline => _timeline;
    public IReadOnlyList<EvidenceFile> Evidence => _evidence;
    public IReadOnlyList<DisputePlan> Plans => _plans;
    public IReadOnlyList<RefundMessage> Messages => _messages;

    /// <summary>The request's own evidence, not counting files attached to messages.</summary>
    public int EvidenceCount => _evidence.Count(e => !e.IsMessageAttachment);

    public bool IsActive => Status.IsActive();
    public Money Amount => new(AmountMinor, Currency);

    public DisputePlan? CurrentPlanOf(ActorRole role) => _plans.FirstOrDefault(p => p.IsCurrent && p.ProposedByRole == role);


    /// <summary>"Submit Application": a new request in "Waiting for Seller's Confirmation".</summary>
    public static RefundRequest Apply(Order order, Actor buyer, RefundTerms terms, RefundPolicy policy, DateTime now)
    {
        if (buyer.Role != ActorRole.Buyer || buyer.UserId != order.BuyerId)
            throw new DomainException("Only the buyer of this order can apply for a refund.");
        var request = new RefundRequest
        {
            Order = order,
            OrderId = order.Id,
            BuyerId = order.BuyerId,
            SellerId = order.SellerId,
            Currency = order.Currency,
            CreatedAt = now,
        };
        request.SetTerms(terms, policy, now);
        order.Attach(request);
        order.Touch();
        request.Enter(RefundStatus.AwaitingSeller, TimelineEventKind.Applied, buyer, null, policy, now);
        return request;
    }

    /// <summary>"Modify Application": new terms, back to the seller.</summary>
    public void Modify(Actor buyer, RefundTerms terms, RefundPolicy policy, DateTime now)
    {
        Require(RefundMove.Modify, buyer);
        SetTerms(terms, policy, now);
        RefusalReason = null;
        Order.Touch();
        Enter(RefundStatus.AwaitingSeller, TimelineEventKind.Modified, buyer, null, policy, now);
    }

    /// <summary>"Withdraw Application".</summary>
    public void Withdraw(Actor buyer, DateTime now)
    {
        Require(RefundMove.Withdraw, buyer);
        Close(Domain.CloseReason.Withdrawn, TimelineEventKind.Withdrawn, buyer, null, now);
    }


    /// <summary>
    /// "Agree to Refund Agreement": a refund-only request is refunded at once; a return-and-refund request needs the
    /// confirmed return address ("Submit and Notify Buyer") and then waits for the buyer's return.
    /// </summary>
    public void Agree(Actor seller, AddressSnapshot? returnAddress, RefundPolicy policy, DateTime now)
    {
        Require(RefundMove.Agree, seller);
        if (Kind == RefundKind.RefundOnly)
        {
            Refund(TimelineEventKind.Agreed, seller, null, now);
            return;
        }
        SetReturnAddress(returnAddress);
        Enter(RefundStatus.AwaitingReturn, TimelineEventKind.Agreed, seller, $"Return to: {ReturnAddress}", policy, now);
    }

    /// <summary>"Refuse Refund": a reason is required; the buyer may then modify, escalate or withdraw.</summary>
    public void Refuse(Actor seller, string reason, IReadOnlyList<EvidenceFile> evidence, RefundPolicy policy, DateTime now)
    {
        Require(RefundMove.Refuse, seller);
        RefusalReason = RequiredText(reason, Fields.Reason, "Give the reason for refusing.");
        AddEvidence(evidence);
        Enter(RefundStatus.SellerRefused, TimelineEventKind.Refused, seller, RefusalReason, policy, now);
    }

    /// <summary>Changes the return address while the buyer has not shipped yet.</summary>
    public void ChangeReturnAddress(Actor seller, AddressSnapshot returnAddress, DateTime now)
    {
        Require(RefundMove.ChangeReturnAddress, seller);
        SetReturnAddress(returnAddress);
        Record(TimelineEventKind.ReturnAddressChanged, seller, Status, $"Return to: {ReturnAddress}", now);
    }


    /// <summary>"Submit Return Information": carrier, tracking number, note.</summary>
    public void SubmitReturn(Actor buyer, string carrier, string trackingNumber, string? note, RefundPolicy policy, DateTime now)
    {
        Require(RefundMove.SubmitReturn, buyer);
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(carrier)) errors[Fields.Carrier] = "Choose the carrier.";
        else if (carrier.Length > 100) errors[Fields.Carrier] = "Keep the carrier under 100 characters.";
        if (string.IsNullOrWhiteSpace(trackingNumber)) errors[Fields.TrackingNumber] = "Enter the tracking number.";
        else if (trackingNumber.Length > 100) errors[Fields.TrackingNumber] = "Keep the tracking number under 100 characters.";
        if (note?.Length > MaxTextLength) errors[Fields.Note] = $"Keep the note under {MaxTextLength} characters.";
        if (errors.Count > 0) throw new RefundValidationException(errors);
        ReturnShipment = new ReturnShipment(carrier.Trim(), trackingNumber.Trim(), Clean(note), now);
        Enter(RefundStatus.ReturnInTransit, TimelineEventKind.ReturnShipped, buyer,
            $"{ReturnShipment.Carrier} {ReturnShipment.TrackingNumber}", policy, now);
    }

    /// <summary>"Confirm Receipt and Refund".</summary>
    public void ConfirmReceipt(Actor seller, DateTime now)
    {
        Require(RefundMove.ConfirmReceipt, seller);
        Refund(TimelineEventKind.ReceiptConfirmed, seller, null, now);
    }

    /// <summary>"Refuse Receipt": with a reason (and evidence), back to "Seller Refused".</summary>
    public void RefuseReceipt(Actor seller, string reason, IReadOnlyList<EvidenceFile> evidence, RefundPolicy policy, DateTime now)
    {
        Require(RefundMove.RefuseReceipt, seller);
        RefusalReason = RequiredText(reason, Fields.Reason, "Give the reason for refusing the returned goods.");
        AddEvidence(evidence);
        Enter(RefundStatus.SellerRefused, TimelineEventKind.ReceiptRefused, seller, RefusalReason, policy, now);
    }


    /// <summary>"Apply for Platform Intervention" by the buyer, or an arbiter bringing the case in.</summary>
    public void Escalate(Actor actor, string statement, IReadOnlyList<EvidenceFile> evidence, RefundPolicy policy, DateTime now)
    {
        Require(RefundMove.Escalate, actor);
        EscalationStatement = RequiredText(statement, Fields.Statement, "Tell the platform what happened and what you ask for.");
        AddEvidence(evidence);
        EscalatedAt = now;
        if (actor.Role == ActorRole.Arbiter) ArbiterId = actor.UserId;
        Enter(RefundStatus.PlatformIntervention, TimelineEventKind.Escalated, actor, EscalationStatement, policy, now);
    }

    /// <summary>"Take Case": one arbiter per case.</summary>
    public void TakeCase(Actor arbiter, DateTime now)
    {
        Require(RefundMove.TakeCase, arbiter);
        if (ArbiterId is not null)
            throw new DomainException(ArbiterId == arbiter.UserId ? "You already hold this case." : "This case was taken by another arbiter.");
        ArbiterId = arbiter.UserId;
        Record(TimelineEventKind.CaseTaken, arbiter, Status, null, now);
    }

    /// <summary>"Propose Plan": replaces the proposer's own current plan.</summary>
    public DisputePlan ProposePlan(Actor actor, RefundKind kind, long amountMinor, string? note, DateTime now)
    {
        Require(RefundMove.ProposePlan, actor);
        var errors = new Dictionary<string, string>();
        if (amountMinor <= 0) errors[Fields.Amount] = "The amount must be more than zero.";
        else if (amountMinor > LimitMinor) errors[Fields.Amount] = $"The amount cannot be more than {Money.Format(LimitMinor, Currency)}.";
        if (kind == RefundKind.ReturnAndRefund && !GoodsReceived) errors[Fields.Kind] = "A return needs goods the buyer received.";
        if (note?.Length > MaxTextLength) errors[Fields.Note] = $"Keep the note under {MaxTextLength} characters.";
        if (errors.Count > 0) throw new RefundValidationException(errors);
        CurrentPlanOf(actor.Role)?.End("Replaced", now);
        var plan = new DisputePlan(actor, kind, amountMinor, Clean(note), now);
        _plans.Add(plan);
        Record(TimelineEventKind.PlanProposed, actor, Status, $"{kind.Label()}, {Money.Format(amountMinor, Currency)}", now);
        return plan;
    }

    /// <summary>"Delete Plan": removes the actor's own current plan.</summary>
    public void DeletePlan(Actor actor, DateTime now)
    {
        Require(RefundMove.DeletePlan, actor);
        var plan = CurrentPlanOf(actor.Role) ?? throw new DomainException("You have no plan to delete.");
        plan.End("Deleted", now);
        Record(TimelineEventKind.PlanDeleted, actor, Status, null, now);
    }

    /// <summary>
    /// "Accept Plan" on the other party's or the platform's current plan: the dispute ends and the plan executes. A
    /// return goes to the seller's default return address. The page passes the version it showed, so a plan replaced
    /// in the meantime is never accepted by mistake.
    /// </summary>
    public void AcceptPlan(Actor actor, ActorRole proposer, AddressSnapshot? sellerDefaultAddress, RefundPolicy policy, DateTime now)
    {
        Require(RefundMove.AcceptPlan, actor);
        if (proposer == actor.Role) throw new DomainException("You cannot accept your own plan.");
        var plan = CurrentPlanOf(proposer) ?? throw new DomainException("That plan is no longer on the table.");
        foreach (var current in _plans.Where(p => p.IsCurrent)) current.End(current == plan ? "Accepted" : "Superseded", now);
        Kind = plan.Kind;
        AmountMinor = plan.AmountMinor;
        var note = $"{plan.ProposedByRole} plan: {plan.Kind.Label()}, {Money.Format(plan.AmountMinor, Currency)}";
        Execute(plan.Kind == RefundKind.ReturnAndRefund, sellerDefaultAddress, TimelineEventKind.PlanAccepted, actor, note, policy, now);
    }

    /// <summary>"Issue Ruling": executes at once; a written reason is required.</summary>
    public void Rule(Actor arbiter, RulingOutcome outcome, long? partialAmountMinor, bool returnRequired, string reason,
        AddressSnapshot? sellerDefaultAddress, RefundPolicy policy, DateTime now)
    {
        Require(RefundMove.Rule, arbiter);
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(reason)) errors[Fields.Reason] = "Write the reason for the ruling.";
        else if (reason.Length > MaxTextLength) errors[Fields.Reason] = $"Keep the reason under {MaxTextLength} characters.";
        if (outcome == RulingOutcome.PartialRefund)
        {
            if (partialAmountMinor is not > 0) errors[Fields.Amount] = "Enter the amount of the partial refund.";
            else if (partialAmountMinor >= LimitMinor)
                errors[Fields.Amount] = $"A partial refund must be less than {Money.Format(LimitMinor, Currency)}.";
        }
        if (outcome != RulingOutcome.Reject && returnRequired && !GoodsReceived) errors[Fields.ReturnRequired] = "A return needs goods the buyer received.";
        if (errors.Count > 0) throw new RefundValidationException(errors);
        RulingReason = reason.Trim();
        foreach (var plan in _plans.Where(p => p.IsCurrent)) plan.End("Superseded", now);
        if (outcome == RulingOutcome.Reject)
        {
            Close(Domain.CloseReason.RuledAgainst, TimelineEventKind.Ruled, arbiter, RulingReason, now);
            return;
        }
        AmountMinor = outcome == RulingOutcome.FullRefund ? LimitMinor : partialAmountMinor!.Value;
        Kind = returnRequired ? RefundKind.ReturnAndRefund : RefundKind.RefundOnly;
        Execute(returnRequired, sellerDefaultAddress, TimelineEventKind.Ruled, arbiter, RulingReason, policy, now);
    }

    /// <summary>Evidence either party adds while the case is open.</summary>
    public void AddEvidence(Actor actor, IReadOnlyList<EvidenceFile> evidence)
    {
        Require(RefundMove.AddEvidence, actor);
        AddEvidence(evidence);
        Touch();
    }

    /// <summary>
    /// A message in the conversation, with attachments under the evidence rules. Open to both parties from the first
    /// application, and to arbiters once the case was escalated; closed when the refund is. A message is not a move:
    /// it leaves the version alone, so it never makes the other party's page stale.
    /// </summary>
    public RefundMessage PostMessage(Actor actor, string text, IReadOnlyList<EvidenceFile> attachments, DateTime now)
    {
        Require(RefundMove.PostMessage, actor);
        var clean = RequiredText(text, Fields.Message, "Write a message.");
        if (attachments.Count > MaxEvidenceFiles)
            throw new RefundValidationException(Fields.Evidence, $"Attach at most {MaxEvidenceFiles} files.");
        foreach (var file in attachments)
        {
            file.MarkAsAttachment();
            _evidence.Add(file);
        }
        var message = new RefundMessage(actor, clean, attachments, now);
        _messages.Add(message);
        return message;
    }


    /// <summary>
    /// The default action when the party who must act stays silent (DESIGN.md section 4). Refused before the
    /// deadline and in "Platform Intervening", where an overdue case only stands out on the arbiter's queue.
    /// </summary>
    public void Expire(AddressSnapshot? sellerDefaultAddress, RefundPolicy policy, DateTime now)
    {
        if (DeadlineAt is not { } deadline) throw new DomainException("This refund has no deadline.");
        if (now < deadline) throw new DomainException("The deadline has not passed yet.");
        switch (Status)
        {
            case RefundStatus.AwaitingSeller:
                var note = "The seller did not respond in time; the buyer's request executes.";
                if (Kind == RefundKind.RefundOnly || sellerDefaultAddress is null)
                    Refund(TimelineEventKind.DeadlinePassed, Actor.System, note, now);
                else
                {
                    SetReturnAddress(sellerDefaultAddress);
                    Enter(RefundStatus.AwaitingReturn, TimelineEventKind.DeadlinePassed, Actor.System,
                        $"{note} Return to: {ReturnAddress}", policy, now);
                }
                break;
            case RefundStatus.SellerRefused:
                Close(Domain.CloseReason.BuyerDidNotRespond, TimelineEventKind.DeadlinePassed, Actor.System,
                    "The buyer did not respond in time; the seller's position stands.", now);
                break;
            case RefundStatus.AwaitingReturn:
                Close(Domain.CloseReason.ReturnNotShipped, TimelineEventKind.DeadlinePassed, Actor.System,
                    "The goods were not sent back in time.", now);
                break;
            case RefundStatus.ReturnInTransit:
                Refund(TimelineEventKind.DeadlinePassed, Actor.System,
                    "The seller did not confirm receipt in time; refunded automatically.", now);
                break;
            default:
                throw new DomainException("An overdue platform intervention waits for the arbiter; nothing runs automatically.");
        }
    }

    public void MarkReminderSent(DateTime now)
    {
        ReminderSentAt = now;
        Touch();
    }


    /// <summary>"Issue Immediate Refund": the seller refunds chosen lines at once, no request from the buyer needed.</summary>
    public static RefundRequest IssueImmediate(Order order, Actor seller, IReadOnlyList<LineSelection> lines, long amountMinor,
        bool includeShipping, string? note, RefundPolicy policy, DateTime now)
    {
        if (seller.Role != ActorRole.Seller || seller.UserId != order.SellerId)
            throw new DomainException("Only the seller of this order can issue an immediate refund.");
        var request = new RefundRequest
        {
            Order = order,
            OrderId = order.Id,
            BuyerId = order.BuyerId,
            SellerId = order.SellerId,
            Currency = order.Currency,
            CreatedAt = now,
            InitiatedBySeller = true,
        };
        var terms = new RefundTerms(lines, order.ProductStatus == ProductStatus.Received, RefundKind.RefundOnly, amountMinor,
            includeShipping, RefundReason.Other, string.IsNullOrWhiteSpace(note) ? "Immediate refund by the seller" : note, []);
        request.SetTerms(terms, policy, now, sellerInitiated: true);
        order.Attach(request);
        request.Refund(TimelineEventKind.ImmediateRefund, seller, request.Description, now);
        return request;
    }


    private void SetTerms(RefundTerms terms, RefundPolicy policy, DateTime now, bool sellerInitiated = false)
    {
        var order = Order;
        if (order.Status == OrderStatus.Closed) throw new DomainException("This order is closed: everything on it was refunded.");
        var errors = new Dictionary<string, string>();
        if (!sellerInitiated) CheckEligibility(order, terms, policy, now, errors);

        if (terms.Lines.Count == 0) errors[Fields.Lines] = UserMessages.SelectAnItem;
        foreach (var selection in terms.Lines)
        {
            if (!order.Lines.Contains(selection.Line)) throw new DomainException(UserMessages.ItemNotOnOrder);
            if (terms.Lines.Count(s => s.Line == selection.Line) > 1) errors[Fields.Lines] = "Select each item once.";
            if (selection.Quantity < 1 || selection.Quantity > selection.Line.RefundableQuantity)
                errors[Fields.Quantity] = selection.Line.RefundableQuantity == 0
                    ? $"\"{selection.Line.ProductName}\" was already refunded."
                    : $"Choose between 1 and {selection.Line.RefundableQuantity} of \"{selection.Line.ProductName}\".";
            if (order.ActiveRefundFor(selection.Line, except: this) is { } active)
                throw new ActiveRefundExistsException(active.Id, selection.Line.ProductName);
        }

        // Quantities as typed may be anything an int holds: clamp (or widen) them before they take part in any sum.
        var linesValue = terms.Lines.Sum(s => s.Line.UnitPriceMinor * Math.Clamp(s.Quantity, 0, s.Line.RefundableQuantity));
        var wholeOrder = !order.ShippingRefunded && order.ShippingFeeMinor > 0
                         && order.Lines.All(l => terms.Lines.Where(s => s.Line == l).Sum(s => (long)s.Quantity) == l.RefundableQuantity);
        if (terms.IncludeShipping && !wholeOrder)
            errors[Fields.IncludeShipping] = "The shipping fee can be refunded only with the whole order.";
        var limit = linesValue + (wholeOrder ? order.ShippingFeeMinor : 0);
        var cap = linesValue + (terms.IncludeShipping && wholeOrder ? order.ShippingFeeMinor : 0);
        cap = Math.Min(cap, order.PaidTotalMinor - order.RefundedTotalMinor);
        if (terms.AmountMinor <= 0) errors[Fields.Amount] = "The refund amount must be more than zero.";
        else if (!errors.ContainsKey(Fields.Quantity) && terms.AmountMinor > cap)
            errors[Fields.Amount] = $"The refund amount cannot be more than {Money.Format(cap, order.Currency)}, what was paid for the selected items.";

        var description = Clean(terms.Description);
        if (!sellerInitiated)
        {
            if (description is null && (terms.Reason == RefundReason.Other || terms.GoodsReceived))
                errors[Fields.Description] = terms.Reason == RefundReason.Other
                    ? "Describe the problem: the reason is \"Other\"."
                    : "Describe the problem with the goods you received.";
            if (terms.GoodsReceived && terms.Evidence.Count == 0 && EvidenceCount == 0)
                errors[Fields.Evidence] = "Add at least one photo or document as evidence.";
        }
        if (description?.Length > MaxTextLength) errors[Fields.Description] = $"Keep the description under {MaxTextLength} characters.";
        if (EvidenceCount + terms.Evidence.Count > MaxEvidenceFiles)
            errors[Fields.Evidence] = $"Add at most {MaxEvidenceFiles} evidence files.";
        if (errors.Count > 0) throw new RefundValidationException(errors);

        _lines.Clear();
        _lines.AddRange(terms.Lines.Select(s => new RefundLine(s.Line, s.Quantity)));
        GoodsReceived = terms.GoodsReceived;
        Kind = terms.Kind;
        AmountMinor = terms.AmountMinor;
        IncludesShipping = terms.IncludeShipping;
        LimitMinor = limit;
        Reason = terms.Reason;
        Description = description;
        AddEvidence(terms.Evidence);
    }

    /// <summary>Who may apply when (DESIGN.md section 3).</summary>
    private static void CheckEligibility(Order order, RefundTerms terms, RefundPolicy policy, DateTime now, Dictionary<string, string> errors)
    {
        if (terms.Kind == RefundKind.ReturnAndRefund && !terms.GoodsReceived)
            errors[Fields.Kind] = "A return and refund needs goods you received.";
        switch (order.Status)
        {
            case OrderStatus.AwaitingShipment when terms.GoodsReceived:
                errors[Fields.GoodsReceived] = "These items were not shipped yet: only a refund without return is possible.";
                break;
            case OrderStatus.Shipped when order.DeliveredAt is null
                                          && now < order.ShippedAt!.Value + policy.NotReceivedClaimAfterShipping:
                throw new DomainException(
                    $"Available from {(order.ShippedAt.Value + policy.NotReceivedClaimAfterShipping).Day()}: a refund on shipped goods opens {policy.NotReceivedClaimAfterShipping.TotalDays:0} days after shipping.");
            case OrderStatus.Completed when now > order.CompletedAt!.Value + policy.RefundWindowAfterCompletion:
                throw new DomainException($"The refund window closed on {(order.CompletedAt.Value + policy.RefundWindowAfterCompletion).Day()}.");
            case OrderStatus.Completed when !terms.GoodsReceived:
                errors[Fields.GoodsReceived] = "You confirmed receipt of this order: choose \"Goods received\".";
                break;
        }
    }

    private void Execute(bool withReturn, AddressSnapshot? sellerAddress, TimelineEventKind kind, Actor actor, string? note,
        RefundPolicy policy, DateTime now)
    {
        if (!withReturn)
        {
            Refund(kind, actor, note, now);
            return;
        }
        SetReturnAddress(sellerAddress ?? throw new DomainException("The seller has no return address yet: one is needed for a return."));
        Enter(RefundStatus.AwaitingReturn, kind, actor, note, policy, now);
    }

    /// <summary>Pays the request: one payment, once; the order's lines, totals and status follow.</summary>
    private void Refund(TimelineEventKind kind, Actor actor, string? note, DateTime now)
    {
        if (Payment is not null) throw new DomainException("This refund was already paid.");
        Payment = new RefundPayment(AmountMinor, Currency, now);
        Order.ApplyRefund(_lines, AmountMinor, IncludesShipping, now);
        RefundStatus? from = kind == TimelineEventKind.ImmediateRefund ? null : Status;
        Status = RefundStatus.Refunded;
        DeadlineAt = null;
        ReminderSentAt = null;
        Touch(now);
        _timeline.Add(new TimelineEvent(kind, actor, from, Status, note, now));
        if (kind != TimelineEventKind.ImmediateRefund)
            _timeline.Add(new TimelineEvent(TimelineEventKind.Refunded, actor, Status, Status,
                $"{Money.Format(AmountMinor, Currency)} refunded to the buyer", now));
    }

    private void Close(CloseReason reason, TimelineEventKind kind, Actor actor, string? note, DateTime now)
    {
        var from = Status;
        Status = RefundStatus.Closed;
        CloseReason = reason;
        DeadlineAt = null;
        ReminderSentAt = null;
        Touch(now);
        _timeline.Add(new TimelineEvent(kind, actor, from, Status, note ?? reason.Label(), now));
    }

    private void Enter(RefundStatus status, TimelineEventKind kind, Actor actor, string? note, RefundPolicy policy, DateTime now)
    {
        var from = kind == TimelineEventKind.Applied ? (RefundStatus?)null : Status;
        Status = status;
        DeadlineAt = now + policy.TimeToAct(status, Order);
        ReminderSentAt = null;
        Touch(now);
        _timeline.Add(new TimelineEvent(kind, actor, from, status, note, now));
    }

    private void Record(TimelineEventKind kind, Actor actor, RefundStatus status, string? note, DateTime now)
    {
        Touch(now);
        _timeline.Add(new TimelineEvent(kind, actor, status, status, note, now));
    }

    private void SetReturnAddress(AddressSnapshot? address)
    {
        if (address is null) throw new RefundValidationException(Fields.ReturnAddress, "Choose the return address.");
        var errors = address.Validate();
        if (errors.Count > 0) throw new RefundValidationException(errors);
        ReturnAddress = address with { };
    }

    private void AddEvidence(IReadOnlyList<EvidenceFile> evidence)
    {
        if (EvidenceCount + evidence.Count > MaxEvidenceFiles)
            throw new RefundValidationException(Fields.Evidence, $"Add at most {MaxEvidenceFiles} evidence files.");
        _evidence.AddRange(evidence.Where(e => !_evidence.Contains(e)));
    }

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
        Touch();
    }

    private void Touch() => Version = Guid.NewGuid();

    /// <summary>Whether the actor is this request's buyer, its seller, or an arbiter (holding the case where that matters).</summary>
    private bool IsParty(Actor actor, RefundMove move) => actor.Role switch
    {
        ActorRole.Buyer => actor.UserId == BuyerId,
        ActorRole.Seller => actor.UserId == SellerId,
        ActorRole.Arbiter => !move.NeedsTheCase(ActorRole.Arbiter) || actor.UserId == ArbiterId,
        _ => false,
    };

    /// <summary>
    /// Refuses a move the table (<see cref="RefundMoves"/>) does not allow this actor in this status, and any arbiter's
    /// move on a refund in which they are the buyer or the seller.
    /// </summary>
    private void Require(RefundMove move, Actor actor)
    {
        if (actor.Role == ActorRole.Arbiter && (actor.UserId == BuyerId || actor.UserId == SellerId))
            throw new DomainException("You are a party to this refund: another arbiter must handle it.");
        if (!move.IsMadeBy(actor.Role) || !IsParty(actor, move))
            throw new DomainException(move.OnlyWho(actor.Role));
        if (!move.IsOpenIn(Status))
            throw new DomainException(IsActive
                ? $"Cannot {move.What()} while the refund is \"{Status.Label()}\"."
                : $"This refund is finished: you cannot {move.What()} any more.");
    }

    private static string RequiredText(string? text, string field, string message)
    {
        var clean = Clean(text);
        if (clean is null) throw new RefundValidationException(field, message);
        if (clean.Length > MaxTextLength)
            throw new RefundValidationException(field, $"Keep this under {MaxTextLength} characters.");
        return clean;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
