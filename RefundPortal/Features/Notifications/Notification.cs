namespace RefundPortal.Features.Notifications;

/// <summary>An in-app notification; the bell counts the unread ones. Never deleted, read once opened.</summary>
public sealed class Notification
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public int? RefundRequestId { get; set; }
    /// <summary>What happened, as the name of the timeline event (or "DeadlineReminder"); the key of email preferences.</summary>
    public string Kind { get; set; } = "";
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string Link { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}

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

/// <summary>A kind of notification the user does not want by email (in-app ones are always kept).</summary>
public sealed class EmailOptOut
{
    public string UserId { get; set; } = "";
    public string Kind { get; set; } = "";
}
