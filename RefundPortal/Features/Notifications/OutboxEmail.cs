namespace RefundPortal.Features.Notifications;

public enum OutboxStatus
{
    Pending,
    Sent,
    DeadLetter,
}

/// <summary>
/// An email written in the same transaction as the change that causes it; the outbox sender delivers it later, so an
/// SMTP failure never breaks the change and nothing is lost when the mail server is down.
/// </summary>
public sealed class OutboxEmail
{
    public long Id { get; set; }
    public string ToAddress { get; set; } = "";
    public string ToName { get; set; } = "";
    public string Subject { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string HtmlBody { get; set; } = "";
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    /// <summary>A sender holds the row until then, so two senders never deliver the same email at once.</summary>
    public DateTime? LockedUntil { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>The Message-Id the email carries: the same on every attempt, so a retry is recognisable downstream.</summary>
    public string MessageId => $"outbox-{Id}@refundportal";
}
