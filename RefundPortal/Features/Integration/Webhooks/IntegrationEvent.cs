namespace RefundPortal.Features.Integration.Webhooks;

/// <summary>
/// One thing that happened to a refund, as the marketplace hears of it: written in the same transaction as the change,
/// never edited. <see cref="Body"/> is the exact JSON every endpoint receives and the feed returns, so a retry or a
/// replay sends the same bytes the first attempt did. <see cref="Id"/> orders the feed.
/// </summary>
public sealed class IntegrationEvent
{
    public long Id { get; set; }
    /// <summary>The id receivers see (<c>RefundPortal-Event-Id</c>) and deduplicate on.</summary>
    public Guid EventId { get; set; }
    public string Type { get; set; } = "";
    public int RefundRequestId { get; set; }
    public DateTime CreatedAt { get; set; }
    public string Body { get; set; } = "";
}

public enum DeliveryStatus
{
    Pending,
    Delivered,
    DeadLetter,
}

/// <summary>
/// One event on its way to one endpoint: the webhook outbox. Claimed with a conditional update before it is sent, so
/// two senders (or nodes) never send it at once; marked delivered only after a 2xx.
/// </summary>
public sealed class WebhookDelivery
{
    public const int MaxErrorLength = 1000;

    public long Id { get; set; }
    public long EventId { get; set; }
    public IntegrationEvent Event { get; set; } = null!;
    public int EndpointId { get; set; }
    /// <summary>Copied from the event: deliveries of one refund to one endpoint go out in event order.</summary>
    public int RefundRequestId { get; set; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? LockedUntil { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
}
