namespace RefundPortal.Domain;

/// <summary>Platform intervention (DESIGN.md section 5): escalation, the three parties' plans, rulings, evidence and messages.</summary>
public sealed partial class RefundRequest
{
    /// <summary>"Apply for Platform Intervention" by the buyer, or an arbiter bringing the case in.</summary>
    public void Escalate(Actor actor, string statement, IReadOnlyList<EvidenceFile> evidence, RefundPolicy policy, DateTime now)
    {
        Require(RefundMove.Escalate, actor);
        EscalationStatement = RequiredText(statement, Fields.Statement, DomainErrors.Get("Dispute_StatementRequired"));
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
            throw new DomainException(DomainErrors.Get(ArbiterId == arbiter.UserId ? "Dispute_AlreadyYours" : "Dispute_TakenByOther"));
        ArbiterId = arbiter.UserId;
        Record(TimelineEventKind.CaseTaken, arbiter, Status, null, now);
    }

    /// <summary>"Propose Plan": replaces the proposer's own current plan.</summary>
    public DisputePlan ProposePlan(Actor actor, RefundKind kind, long amountMinor, string? note, DateTime now)
    {
        Require(RefundMove.ProposePlan, actor);
        var errors = new Dictionary<string, string>();
        if (amountMinor <= 0) errors[Fields.Amount] = DomainErrors.Get("Amount_MoreThanZero");
        else if (amountMinor > LimitMinor) errors[Fields.Amount] = DomainErrors.Format("Dispute_AmountAtMost", Money.Format(LimitMinor, Currency));
        if (kind == RefundKind.ReturnAndRefund && !GoodsReceived) errors[Fields.Kind] = DomainErrors.Get("Dispute_ReturnNeedsReceived");
        if (note?.Length > MaxTextLength) errors[Fields.Note] = DomainErrors.Format("Note_TooLong", MaxTextLength);
        if (errors.Count > 0) throw new RefundValidationException(errors);
        CurrentPlanOf(actor.Role)?.End("Replaced", now);
        var plan = new DisputePlan(actor, kind, amountMinor, Clean(note), now);
        _plans.Add(plan);
        Record(TimelineEventKind.PlanProposed, actor, Status, TimelineNote.Said($"Note_Plan_{kind}", Money.Format(amountMinor, Currency)), now);
        return plan;
    }

    /// <summary>"Delete Plan": removes the actor's own current plan.</summary>
    public void DeletePlan(Actor actor, DateTime now)
    {
        Require(RefundMove.DeletePlan, actor);
        var plan = CurrentPlanOf(actor.Role) ?? throw new DomainException(DomainErrors.Get("Dispute_NoPlanToDelete"));
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
        if (proposer == actor.Role) throw new DomainException(DomainErrors.Get("Dispute_OwnPlan"));
        var plan = CurrentPlanOf(proposer) ?? throw new DomainException(DomainErrors.Get("Dispute_PlanGone"));
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
        if (string.IsNullOrWhiteSpace(reason)) errors[Fields.Reason] = DomainErrors.Get("Dispute_RulingReason");
        else if (reason.Length > MaxTextLength) errors[Fields.Reason] = DomainErrors.Format("Reason_TooLong", MaxTextLength);
        if (outcome == RulingOutcome.PartialRefund)
        {
            if (partialAmountMinor is not > 0) errors[Fields.Amount] = DomainErrors.Get("Dispute_PartialAmount");
            else if (partialAmountMinor >= LimitMinor)
                errors[Fields.Amount] = DomainErrors.Format("Dispute_PartialLessThan", Money.Format(LimitMinor, Currency));
        }
        if (outcome != RulingOutcome.Reject && returnRequired && !GoodsReceived) errors[Fields.ReturnRequired] = DomainErrors.Get("Dispute_ReturnNeedsReceived");
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
    /// it leaves the version alone, so it never makes the other party's page stale. Counting against the caps needs the
    /// messages and the evidence loaded.
    /// </summary>
    public RefundMessage PostMessage(Actor actor, string text, IReadOnlyList<EvidenceFile> attachments, DateTime now)
    {
        Require(RefundMove.PostMessage, actor);
        if (_messages.Count >= MaxMessages)
            throw new RefundValidationException(Fields.Message, DomainErrors.Format("Messages_Full", MaxMessages));
        var clean = RequiredText(text, Fields.Message, DomainErrors.Get("Message_Required"));
        if (attachments.Count > MaxEvidenceFiles)
            throw new RefundValidationException(Fields.Evidence, DomainErrors.Format("Evidence_AttachAtMost", MaxEvidenceFiles));
        var room = MaxMessageAttachments - _evidence.Count(e => e.IsMessageAttachment);
        if (attachments.Count > room)
            throw new RefundValidationException(Fields.Evidence, DomainErrors.Format("Evidence_MessageRoom", MaxMessageAttachments,
                room > 0 ? DomainErrors.Format("Evidence_MoreCanBeAttached", room) : DomainErrors.Get("Evidence_NoMoreCanBeAttached")));
        foreach (var file in attachments)
        {
            file.MarkAsAttachment();
            _evidence.Add(file);
        }
        var message = new RefundMessage(actor, clean, attachments, now);
        _messages.Add(message);
        return message;
    }
}
