using System.Text;
using MimeKit;

namespace RefundPortal.Features.Notifications.Email;

/// <summary>
/// The one check of an email address, by MailKit's own parser: an address that passes can always be put on a message,
/// so nothing that fails it is ever stored as a user's email or queued for sending.
/// </summary>
public static class EmailAddresses
{
    public const int MaxLength = 254;
    public const int MaxNameLength = 100;

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

    /// <summary>
    /// A person's name as an email addresses them, in the To header and the greeting: one line (line breaks and other
    /// control characters become spaces), at most <see cref="MaxNameLength"/> characters, the address when there is none.
    /// A stored name can hold anything; in a greeting a line break would let it write lines of its own.
    /// </summary>
    public static string DisplayName(string? name, string address)
    {
        var line = new StringBuilder();
        foreach (var c in name ?? "")
        {
            var blank = char.IsControl(c) || char.IsWhiteSpace(c);
            if (blank && (line.Length == 0 || line[^1] == ' ')) continue;
            line.Append(blank ? ' ' : c);
            if (line.Length >= MaxNameLength) break;
        }
        if (line.Length > 0 && char.IsHighSurrogate(line[^1])) line.Length--;
        var result = line.ToString().TrimEnd();
        return result.Length == 0 ? address : result;
    }
}
