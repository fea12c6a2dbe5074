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
