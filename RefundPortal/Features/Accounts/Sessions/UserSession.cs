namespace RefundPortal.Features.Accounts.Sessions;

/// <summary>
/// One signed-in browser: its sign-in cookie carries <see cref="Id"/> (claim <see cref="UserSessions.ClaimType"/>), and the
/// cookie is good only while this row exists and was issued under the account's current security stamp. Removing the row
/// signs that browser out at its next request; a new stamp (password changed or reset) signs out every row but the one
/// that changed it.
/// </summary>
public sealed class UserSession
{
    public const int IdLength = 32;
    public const int MaxDeviceLength = 20;

    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    /// <summary>The account's security stamp this session was issued (or last refreshed) under.</summary>
    public string SecurityStamp { get; set; } = "";
    /// <summary>The browser and the system ("Chrome", "Windows"; null when unknown): what the person recognises, not the whole User-Agent.</summary>
    public string? Browser { get; set; }
    public string? Platform { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Updated at most every <see cref="UserSessions.LastSeenPrecision"/>, so a request seldom writes.</summary>
    public DateTime LastSeenAt { get; set; }
}
