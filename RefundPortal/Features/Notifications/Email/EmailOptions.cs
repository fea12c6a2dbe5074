using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace RefundPortal.Features.Notifications.Email;

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>The `Email` settings. With no SMTP host, mail is written as .eml files to the pickup directory.</summary>
public sealed class EmailOptions
{
    public string From { get; set; } = "RefundPortal <no-reply@refundportal.local>";
    public SmtpOptions Smtp { get; set; } = new();
    public string PickupDirectory { get; set; } = Path.Combine("App_Data", "mail");
    /// <summary>The first retry waits this long; each next one twice as long, up to an hour.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);
    public int MaxAttempts { get; set; } = 12;
    /// <summary>How often the sender looks for due mail when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The sender as one mailbox (a display name is allowed), or null when MailKit cannot take it.</summary>
    public static MailboxAddress? ParseFrom(string? from) =>
        MailboxAddress.TryParse(ParserOptions.Default, from ?? "", out var mailbox) && EmailAddresses.IsDeliverable(mailbox.Address)
            ? mailbox : null;

    public sealed class SmtpOptions
    {
        public string? Host { get; set; }
        public int Port { get; set; } = 25;
        public SmtpSecurity Security { get; set; } = SmtpSecurity.None;
        public string? User { get; set; }
        public string? Password { get; set; }
        /// <summary>Per operation: 30 s rather than MailKit's 2 minutes, so a silent server must not hold the outbox.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
        /// <summary>
        /// The whole conversation for one email. A server that answers one byte at a time satisfies every per-operation
        /// timeout; this bounds it, and the outbox claims a row for longer than this, so no second sender takes it meanwhile.
        /// </summary>
        public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(90);

        public SecureSocketOptions SocketOptions => Security switch
        {
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.None,
        };
    }
}

/// <summary>
/// The Email settings, checked when the host starts: a sender MailKit cannot parse would otherwise fail every email
/// in the outbox, one at a time, long after the deployment looked healthy.
/// </summary>
public sealed class EmailOptionsValidation : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var errors = new List<string>();
        if (EmailOptions.ParseFrom(options.From) is null)
            errors.Add($"Email:From \"{options.From}\" is not one sender address MailKit can use, such as \"RefundPortal <no-reply@example.com>\".");
        if (options.Smtp.Timeout <= TimeSpan.Zero) errors.Add("Email:Smtp:Timeout must be longer than zero.");
        if (options.Smtp.SendTimeout <= TimeSpan.Zero) errors.Add("Email:Smtp:SendTimeout must be longer than zero.");
        if (options.RetryBaseDelay <= TimeSpan.Zero) errors.Add("Email:RetryBaseDelay must be longer than zero.");
        if (options.PollInterval <= TimeSpan.Zero) errors.Add("Email:PollInterval must be longer than zero.");
        if (options.MaxAttempts < 1) errors.Add("Email:MaxAttempts must be at least 1.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
