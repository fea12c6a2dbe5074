namespace RefundPortal.Features.Notifications;

/// <summary>Marker for NotificationText.resx (and its translations): the bell and the live pop-ups.</summary>
public sealed class NotificationText;
