using MimeKit;

namespace RefundPortal.Features.Notifications.Email;

/// <summary>
/// The one check of an email address, by MailKit's own parser: an address that passes can always be put on a message,
/// so nothing that fails it is ever stored as a user's email or queued for sending.
/// </summary>
public static class EmailAddresses
{
    public const int MaxLength = 254;

    /// <summary>A plain address (<c>name@domain</c>, no display name or comment) that MimeKit parses back to itself.</summary>
    public static bool IsDeliverable(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Length > MaxLength || address.Trim() != address) return false;
        return MailboxAddress.TryParse(ParserOptions.Default, address, out var mailbox)
               && mailbox.Address == address
               && string.IsNullOrEmpty(mailbox.Name)
               && address.Contains('@')
               && !InReservedInvalidDomain(address);
    }

    /// <summary>
    /// The top-level domain "invalid" is reserved never to exist (RFC 2606), so an address in it can stand where an
    /// address is required but mail must never go: the placeholder of a deleted account is one.
    /// </summary>
    public static bool InReservedInvalidDomain(string address)
    {
        var domain = address[(address.LastIndexOf('@') + 1)..].TrimEnd('.');
        return domain.Equals("invalid", StringComparison.OrdinalIgnoreCase)
               || domain.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase);
    }
}
