using MailKit.Security;

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

    public sealed class SmtpOptions
    {
        public string? Host { get; set; }
        public int Port { get; set; } = 25;
        public SmtpSecurity Security { get; set; } = SmtpSecurity.None;
        public string? User { get; set; }
        public string? Password { get; set; }
        /// <summary>30 s rather than MailKit's 2 minutes: a stuck server must not hold the outbox.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

        public SecureSocketOptions SocketOptions => Security switch
        {
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.None,
        };
    }
}
