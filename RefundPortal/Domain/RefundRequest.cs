namespace RefundPortal.Domain;

/// <summary>
/// A refund request and its status machine (DESIGN.md sections 3 to 5 and 8). Every move checks the actor and the
/// current status, refuses an illegal one with a <see cref="DomainException"/>, records its timeline event and sets
/// the deadline of the status it enters. Services never set the status themselves. The dispute moves are in
/// RefundRequest.Disputes.cs, the rules they share in RefundRequest.Rules.cs.
/// </summary>
public sealed partial class RefundRequest
{
    public const int MaxEvidenceFiles = 5;
    /// <summary>Files attached to messages, all messages of a request together (each message takes up to <see cref="MaxEvidenceFiles"/>).</summary>
    public const int MaxMessageAttachments = 20;
    /// <summary>Messages in one request's conversation, every party together.</summary>
    public const int MaxMessages = 200;
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

    /// <summary>
    /// Where the request stands in a party's list ("Refund Management", "My Refunds"): 0 while it waits for that party,
    /// 1 while it waits for someone else against a deadline, 2 once nothing is pending.
    /// </summary>
    public int QueueFor(ActorRole party) => Status.WaitsFor() == party ? 0 : DeadlineAt is not null ? 1 : 2;
    public DateTime? ReminderSentAt { get; private set; }

    /// <summary>App-managed concurrency token: SQLite generates none, so every move replaces it.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    public Payout? Payout { get; private set; }

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
            throw new DomainException(DomainErrors.Get("Refund_OnlyBuyerApplies"));
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
        Enter(RefundStatus.AwaitingReturn, TimelineEventKind.Agreed, seller, TimelineNote.Said("Note_ReturnTo", ReturnAddress!.ToString()), policy, now);
    }

    /// <summary>"Refuse Refund": a reason is required; the buyer may then modify, escalate or withdraw.</summary>
    public void Refuse(Actor seller, string reason, IReadOnlyList<EvidenceFile> evidence, RefundPolicy policy, DateTime now)
    {
        Require(RefundMove.Refuse, seller);
        RefusalReason = RequiredText(reason, Fields.Reason, DomainErrors.Get("Refuse_ReasonRequired"));
        AddEvidence(evidence);
        Enter(RefundStatus.SellerRefused, TimelineEventKind.Refused, seller, RefusalReason, policy, now);
    }

    /// <summary>Changes the return address while the buyer has not shipped yet.</summary>
    public void ChangeReturnAddress(Actor seller, AddressSnapshot returnAddress, DateTime now)
    {
        Require(RefundMove.ChangeReturnAddress, seller);
        SetReturnAddress(returnAddress);
        Record(TimelineEventKind.ReturnAddressChanged, seller, Status, TimelineNote.Said("Note_ReturnTo", ReturnAddress!.ToString()), now);
    }


    /// <summary>"Submit Return Information": carrier, tracking number, note.</summary>
    public void SubmitReturn(Actor buyer, string carrier, string trackingNumber, string? note, RefundPolicy policy, DateTime now)
    {
        Require(RefundMove.SubmitReturn, buyer);
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(carrier)) errors[Fields.Carrier] = DomainErrors.Get("Carrier_Choose");
        else if (carrier.Length > 100) errors[Fields.Carrier] = DomainErrors.Format("Carrier_TooLong", 100);
        if (string.IsNullOrWhiteSpace(trackingNumber)) errors[Fields.TrackingNumber] = DomainErrors.Get("Tracking_Required");
        else if (trackingNumber.Length > 100) errors[Fields.TrackingNumber] = DomainErrors.Format("Tracking_TooLong", 100);
        if (note?.Length > MaxTextLength) errors[Fields.Note] = DomainErrors.Format("Note_TooLong", MaxTextLength);
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
        RefusalReason = RequiredText(reason, Fields.Reason, DomainErrors.Get("RefuseReceipt_ReasonRequired"));
        AddEvidence(evidence);
        Enter(RefundStatus.SellerRefused, TimelineEventKind.ReceiptRefused, seller, RefusalReason, policy, now);
    }


    /// <summary>
    /// The default action when the party who must act stays silent (DESIGN.md section 4). Refused before the
    /// deadline and in "Platform Intervening", where an overdue case only stands out on the arbiter's queue.
    /// </summary>
    public void Expire(AddressSnapshot? sellerDefaultAddress, RefundPolicy policy, DateTime now)
    {
        if (DeadlineAt is not { } deadline) throw new DomainException(DomainErrors.Get("Refund_NoDeadline"));
        if (now < deadline) throw new DomainException(DomainErrors.Get("Refund_DeadlineNotPassed"));
        switch (Status)
        {
            case RefundStatus.AwaitingSeller:
                if (Kind == RefundKind.RefundOnly || sellerDefaultAddress is null)
                    Refund(TimelineEventKind.DeadlinePassed, Actor.System, TimelineNote.Said("Note_SellerSilent"), now);
                else
                {
                    SetReturnAddress(sellerDefaultAddress);
                    Enter(RefundStatus.AwaitingReturn, TimelineEventKind.DeadlinePassed, Actor.System,
                        TimelineNote.Said("Note_SellerSilentReturnTo", ReturnAddress!.ToString()), policy, now);
                }
                break;
            case RefundStatus.SellerRefused:
                Close(Domain.CloseReason.BuyerDidNotRespond, TimelineEventKind.DeadlinePassed, Actor.System,
                    TimelineNote.Said("Note_BuyerSilent"), now);
                break;
            case RefundStatus.AwaitingReturn:
                Close(Domain.CloseReason.ReturnNotShipped, TimelineEventKind.DeadlinePassed, Actor.System,
                    TimelineNote.Said("Note_ReturnNotSent"), now);
                break;
            case RefundStatus.ReturnInTransit:
                Refund(TimelineEventKind.DeadlinePassed, Actor.System,
                    TimelineNote.Said("Note_ReceiptSilent"), now);
                break;
            default:
                throw new DomainException(DomainErrors.Get("Refund_InterventionWaits"));
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
            throw new DomainException(DomainErrors.Get("Refund_OnlySellerImmediate"));
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
}
