namespace RefundPortal.Domain;

public enum RefundKind
{
    RefundOnly,
    ReturnAndRefund,
}

public enum RefundReason
{
    NotReceived,
    NotAsDescribed,
    QualityProblem,
    DamagedInTransit,
    WrongItem,
    MissingParts,
    NoLongerNeeded,
    Other,
}

/// <summary>Why a request ended in "Refund Closed".</summary>
public enum CloseReason
{
    Withdrawn,
    BuyerDidNotRespond,
    ReturnNotShipped,
    RuledAgainst,
}

public enum TimelineEventKind
{
    Applied,
    Modified,
    Withdrawn,
    Agreed,
    Refused,
    ReturnAddressChanged,
    ReturnShipped,
    ReceiptConfirmed,
    ReceiptRefused,
    Refunded,
    ImmediateRefund,
    Escalated,
    CaseTaken,
    PlanProposed,
    PlanDeleted,
    PlanAccepted,
    Ruled,
    DeadlinePassed,
    Closed,
    PayoutPaid,
    PayoutFailed,
}

public enum RulingOutcome
{
    FullRefund,
    PartialRefund,
    Reject,
}
