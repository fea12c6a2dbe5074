namespace RefundPortal.Features.Notifications;

/// <summary>A kind of notification the user does not want by email (in-app ones are always kept).</summary>
public sealed class EmailOptOut
{
    public string UserId { get; set; } = "";
    public string Kind { get; set; } = "";
}
