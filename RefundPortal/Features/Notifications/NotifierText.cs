namespace RefundPortal.Features.Notifications;

/// <summary>
/// Marker for NotifierText.resx (and its translations): what the notifications and emails say, written in the
/// recipient's language (see <see cref="CultureScope"/>).
/// </summary>
public sealed class NotifierText;
