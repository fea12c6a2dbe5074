using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace RefundPortal.Features.Notifications.Email;

/// <summary>The result of one delivery attempt.</summary>
public enum DeliveryOutcome
{
    Accepted,
    /// <summary>A 4xx answer to this email, or a failure nobody foresaw: try it again later.</summary>
    Transient,
    /// <summary>A 5xx answer: this email will never be accepted.</summary>
    Permanent,
    /// <summary>
    /// The server cannot take mail from us now (unreachable, silent, or refusing our login): nothing is wrong with this
    /// email. Try it again later, and the rest of the batch too, rather than making each of them fail the same way now.
    /// </summary>
    ServerUnavailable,
}

public sealed record DeliveryResult(DeliveryOutcome Outcome, string? Error = null);

public interface IEmailTransport
{
    Task<DeliveryResult> SendAsync(MimeMessage message, CancellationToken ct);
}

public static class OutboxMessages
{
    /// <summary>The MIME message of an outbox row: HTML and plain text, the recipient's name, the outbox id as Message-Id.</summary>
    public static MimeMessage ToMime(OutboxEmail email, MailboxAddress from)
    {
        if (!EmailAddresses.IsDeliverable(email.ToAddress))
            throw new FormatException($"the recipient \"{email.ToAddress}\" is not one address MailKit can deliver to.");
        var message = new MimeMessage { Subject = email.Subject, MessageId = email.MessageId };
        // A copy each time: a message subscribes to changes of its addresses, and the sender's one instance lives forever.
        message.From.Add(new MailboxAddress(from.Name, from.Address));
        message.To.Add(new MailboxAddress(email.ToName, email.ToAddress));
        message.Body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody }.ToMessageBody();
        return message;
    }
}

/// <summary>MailKit over SMTP, with the configured security, a timeout per operation and one for the whole email.</summary>
public sealed class SmtpEmailTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    public async Task<DeliveryResult> SendAsync(MimeMessage message, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        // Real time, like MailKit's own per-operation Timeout: the socket does not run on the portal's business clock.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(smtp.SendTimeout);
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host ?? "", smtp.Port, smtp.SocketOptions, budget.Token);
            if (!string.IsNullOrEmpty(smtp.User)) await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", budget.Token);
            await client.SendAsync(message, budget.Token);
        }
        catch (SmtpCommandException e)
        {
            var code = (int)e.StatusCode;
            return new DeliveryResult(code >= 500 ? DeliveryOutcome.Permanent : DeliveryOutcome.Transient, $"{code} {e.Message}");
        }
        catch (MailKit.Security.AuthenticationException e)
        {
            // Wrong settings, not a wrong email: dead-lettering would throw away every queued email before anyone fixes them.
            return new DeliveryResult(DeliveryOutcome.ServerUnavailable, $"Authentication failed: {e.Message}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new DeliveryResult(DeliveryOutcome.ServerUnavailable, $"The server did not finish within Email:Smtp:SendTimeout ({smtp.SendTimeout}).");
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or SmtpProtocolException
                                      or ServiceNotConnectedException or TimeoutException)
        {
            return new DeliveryResult(DeliveryOutcome.ServerUnavailable, e.Message);
        }
        try
        {
            await client.DisconnectAsync(quit: true, budget.Token);
        }
        catch (Exception)
        {
            // The server has accepted the email: a goodbye it never answers must not make the outbox send it again.
        }
        return new DeliveryResult(DeliveryOutcome.Accepted);
    }
}

/// <summary>The embedded default: each email becomes an .eml file in the pickup directory.</summary>
public sealed class PickupDirectoryTransport(IOptions<EmailOptions> options, IHostEnvironment environment) : IEmailTransport
{
    public async Task<DeliveryResult> SendAsync(MimeMessage message, CancellationToken ct)
    {
        var folder = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.PickupDirectory));
        Directory.CreateDirectory(folder);
        var name = new string((message.MessageId ?? Guid.NewGuid().ToString("N")).Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray());
        // Written under a temporary name and moved, so a reader never sees half a file; the same id overwrites itself.
        var temp = Path.Combine(folder, name + ".tmp");
        await using (var stream = File.Create(temp)) await message.WriteToAsync(stream, ct);
        File.Move(temp, Path.Combine(folder, name + ".eml"), overwrite: true);
        return new DeliveryResult(DeliveryOutcome.Accepted);
    }
}
