using System.Globalization;

namespace RefundPortal.Domain;

/// <summary>The rules every move shares: the agreement's terms, who may apply when, paying, closing, entering a status, the move table's guard.</summary>
public sealed partial class RefundRequest
{
    private void SetTerms(RefundTerms terms, RefundPolicy policy, DateTime now, bool sellerInitiated = false)
    {
        var order = Order;
        if (order.Status == OrderStatus.Closed) throw new DomainException(DomainErrors.Get("Order_Closed"));
        var errors = new Dictionary<string, string>();
        if (!sellerInitiated) CheckEligibility(order, terms, policy, now, errors);

        if (terms.Lines.Count == 0) errors[Fields.Lines] = UserMessages.SelectAnItem;
        foreach (var selection in terms.Lines)
        {
            if (!order.Lines.Contains(selection.Line)) throw new DomainException(UserMessages.ItemNotOnOrder);
            if (terms.Lines.Count(s => s.Line == selection.Line) > 1) errors[Fields.Lines] = DomainErrors.Get("Lines_SelectEachOnce");
            if (selection.Quantity < 1 || selection.Quantity > selection.Line.RefundableQuantity)
                errors[Fields.Quantity] = selection.Line.RefundableQuantity == 0
                    ? DomainErrors.Format("Line_AlreadyRefunded", selection.Line.ProductName)
                    : DomainErrors.Format("Line_ChooseQuantity", selection.Line.RefundableQuantity, selection.Line.ProductName);
            if (order.ActiveRefundFor(selection.Line, except: this) is { } active)
                throw new ActiveRefundExistsException(active.Id, selection.Line.ProductName);
        }

        // Quantities as typed may be anything an int holds: clamp (or widen) them before they take part in any sum.
        var linesValue = terms.Lines.Sum(s => s.Line.UnitPriceMinor * Math.Clamp(s.Quantity, 0, s.Line.RefundableQuantity));
        var wholeOrder = order.ShippingRefundable
                         && order.Lines.All(l => terms.Lines.Where(s => s.Line == l).Sum(s => (long)s.Quantity) == l.RefundableQuantity);
        if (terms.IncludeShipping && !wholeOrder)
            errors[Fields.IncludeShipping] = DomainErrors.Get("Shipping_OnlyWholeOrder");
        var limit = linesValue + (wholeOrder ? order.ShippingFeeMinor : 0);
        var cap = linesValue + (terms.IncludeShipping && wholeOrder ? order.ShippingFeeMinor : 0);
        cap = Math.Min(cap, order.PaidTotalMinor - order.RefundedTotalMinor);
        if (terms.AmountMinor <= 0) errors[Fields.Amount] = DomainErrors.Get("RefundAmount_MoreThanZero");
        else if (!errors.ContainsKey(Fields.Quantity) && terms.AmountMinor > cap)
            errors[Fields.Amount] = DomainErrors.Format("RefundAmount_AtMost", Money.Format(cap, order.Currency));

        var description = Clean(terms.Description);
        if (!sellerInitiated)
        {
            if (description is null && (terms.Reason == RefundReason.Other || terms.GoodsReceived))
                errors[Fields.Description] = terms.Reason == RefundReason.Other
                    ? DomainErrors.Get("Description_ReasonOther")
                    : DomainErrors.Get("Description_GoodsReceived");
            if (terms.GoodsReceived && terms.Evidence.Count == 0 && EvidenceCount == 0)
                errors[Fields.Evidence] = DomainErrors.Get("Evidence_Required");
        }
        if (description?.Length > MaxTextLength) errors[Fields.Description] = DomainErrors.Format("Description_TooLong", MaxTextLength);
        if (EvidenceCount + terms.Evidence.Count > MaxEvidenceFiles)
            errors[Fields.Evidence] = DomainErrors.Format("Evidence_AtMost", MaxEvidenceFiles);
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
            errors[Fields.Kind] = DomainErrors.Get("Kind_ReturnNeedsReceived");
        switch (order.Status)
        {
            case OrderStatus.AwaitingShipment when terms.GoodsReceived:
                errors[Fields.GoodsReceived] = DomainErrors.Get("Goods_NotShippedYet");
                break;
            case OrderStatus.Shipped when order.DeliveredAt is null
                                          && now < order.ShippedAt!.Value + policy.NotReceivedClaimAfterShipping:
                throw new DomainException(
                    DomainErrors.Format("Eligibility_NotYet", (order.ShippedAt.Value + policy.NotReceivedClaimAfterShipping).Day(),
                        policy.NotReceivedClaimAfterShipping.TotalDays.ToString("0", CultureInfo.CurrentCulture)));
            case OrderStatus.Completed when now > order.CompletedAt!.Value + policy.RefundWindowAfterCompletion:
                throw new DomainException(DomainErrors.Format("Eligibility_WindowClosed", (order.CompletedAt.Value + policy.RefundWindowAfterCompletion).Day()));
            case OrderStatus.Completed when !terms.GoodsReceived:
                errors[Fields.GoodsReceived] = DomainErrors.Get("Goods_ReceiptConfirmed");
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
        SetReturnAddress(sellerAddress ?? throw new DomainException(DomainErrors.Get("ReturnAddress_SellerHasNone")));
        Enter(RefundStatus.AwaitingReturn, kind, actor, note, policy, now);
    }

    /// <summary>Pays the request: one payment, once; the order's lines, totals and status follow.</summary>
    private void Refund(TimelineEventKind kind, Actor actor, TimelineNote? note, DateTime now)
    {
        if (Payout is not null) throw new DomainException(DomainErrors.Get("Refund_AlreadyPaid"));
        Payout = new Payout(this, now);
        Order.ApplyRefund(_lines, AmountMinor, IncludesShipping, now);
        RefundStatus? from = kind == TimelineEventKind.ImmediateRefund ? null : Status;
        Status = RefundStatus.Refunded;
        DeadlineAt = null;
        ReminderSentAt = null;
        Touch(now);
        _timeline.Add(new TimelineEvent(kind, actor, from, Status, note, now));
        if (kind != TimelineEventKind.ImmediateRefund)
            _timeline.Add(new TimelineEvent(TimelineEventKind.Refunded, actor, Status, Status,
                TimelineNote.Said("Note_RefundedToBuyer", Money.Format(AmountMinor, Currency)), now));
    }

    /// <summary>
    /// What the marketplace's payment system reports for this refund's payout. Returns false when it was already
    /// recorded (a retried call); a new result is a timeline event like any other.
    /// </summary>
    public bool RecordPayoutResult(PayoutStatus result, string? reference, DateTime now)
    {
        if (Payout is null) throw new DomainException(DomainErrors.Get("Refund_NoPayout"));
        if (!Payout.Record(result, reference, now)) return false;
        var kind = result == PayoutStatus.Paid ? TimelineEventKind.PayoutPaid : TimelineEventKind.PayoutFailed;
        Record(kind, Actor.System, Status, Payout.Reference, now);
        return true;
    }

    private void Close(CloseReason reason, TimelineEventKind kind, Actor actor, TimelineNote? note, DateTime now)
    {
        var from = Status;
        Status = RefundStatus.Closed;
        CloseReason = reason;
        DeadlineAt = null;
        ReminderSentAt = null;
        Touch(now);
        _timeline.Add(new TimelineEvent(kind, actor, from, Status, note ?? TimelineNote.Said($"CloseReason_{reason}"), now));
    }

    private void Enter(RefundStatus status, TimelineEventKind kind, Actor actor, TimelineNote? note, RefundPolicy policy, DateTime now)
    {
        var from = kind == TimelineEventKind.Applied ? (RefundStatus?)null : Status;
        Status = status;
        var timeToAct = policy.TimeToAct(status, Order);
        DeadlineAt = now + timeToAct;
        // The notice of this status names its deadline; when the reminder lead is as long as the deadline, a reminder
        // would arrive in the same moment, so there is none.
        ReminderSentAt = timeToAct <= policy.Reminder ? now : null;
        Touch(now);
        _timeline.Add(new TimelineEvent(kind, actor, from, status, note, now));
    }

    private void Record(TimelineEventKind kind, Actor actor, RefundStatus status, TimelineNote? note, DateTime now)
    {
        Touch(now);
        _timeline.Add(new TimelineEvent(kind, actor, status, status, note, now));
    }

    private void SetReturnAddress(AddressSnapshot? address)
    {
        if (address is null) throw new RefundValidationException(Fields.ReturnAddress, DomainErrors.Get("ReturnAddress_Choose"));
        var errors = address.Validate();
        if (errors.Count > 0) throw new RefundValidationException(errors);
        ReturnAddress = address with { };
    }

    private void AddEvidence(IReadOnlyList<EvidenceFile> evidence)
    {
        if (EvidenceCount + evidence.Count > MaxEvidenceFiles)
            throw new RefundValidationException(Fields.Evidence, DomainErrors.Format("Evidence_AtMost", MaxEvidenceFiles));
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
            throw new DomainException(DomainErrors.Get("Refund_ArbiterIsParty"));
        if (!move.IsMadeBy(actor.Role) || !IsParty(actor, move))
            throw new DomainException(move.OnlyWho(actor.Role));
        if (!move.IsOpenIn(Status))
            throw new DomainException(IsActive
                ? DomainErrors.Format("Refund_CannotWhile", move.What(), Status.Label())
                : DomainErrors.Format("Refund_Finished", move.What()));
    }

    private static string RequiredText(string? text, string field, string message)
    {
        var clean = Clean(text);
        if (clean is null) throw new RefundValidationException(field, message);
        if (clean.Length > MaxTextLength)
            throw new RefundValidationException(field, DomainErrors.Format("Text_TooLong", MaxTextLength));
        return clean;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
