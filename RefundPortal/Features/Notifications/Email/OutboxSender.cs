using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using RefundPortal.Data;

namespace RefundPortal.Features.Notifications.Email;

/// <summary>
/// Delivers the outbox: due emails in small batches, oldest first. Each row is claimed with a conditional update
/// before sending, so two senders never send it at once; it is marked sent only after the server accepted it.
/// A 4xx or network failure retries with exponential backoff; a 5xx, a row that cannot be built, or too many attempts
/// end in dead letter with the error kept. A server that cannot take mail now (down, silent, refusing our login) ends
/// the pass: the rest wait for the next poll rather than each fail the same way. Rows live in the database, so nothing
/// is lost when the server is down or the app restarts.
/// </summary>
public sealed class OutboxSender(
    IDbContextFactory<AppDbContext> dbFactory,
    IEmailTransport transport,
    IOptions<EmailOptions> options,
    TimeProvider clock,
    ILogger<OutboxSender> logger) : BackgroundService
{
    private const int BatchSize = 20;
    private readonly SemaphoreSlim wake = new(0);
    // Longer than a send may take (Email:Smtp:SendTimeout), so the claim never runs out while the email is on its way.
    private readonly TimeSpan claimFor = options.Value.Smtp.SendTimeout + TimeSpan.FromMinutes(1);
    // Parsed once; reading the options runs the start-up check (EmailOptionsValidation) first, with its clear message.
    private readonly MailboxAddress from = EmailOptions.ParseFrom(options.Value.From)
        ?? throw new InvalidOperationException($"Email:From \"{options.Value.From}\" is not one sender address MailKit can use.");

    /// <summary>Called after a change that wrote emails commits, so they go out at once rather than at the next poll.</summary>
    public void Wake()
    {
        if (wake.CurrentCount == 0) wake.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                OutboxPass pass;
                do pass = await SendDueAsync(stoppingToken);
                while (pass.Due == BatchSize && !pass.ServerUnavailable);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The outbox sender failed; it tries again at the next poll.");
            }
            try
            {
                await wake.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends one batch of due emails: how many were due, and whether the pass stopped at a server that cannot take mail now.</summary>
    public async Task<OutboxPass> SendDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.OutboxEmails.AsNoTracking()
            .Where(e => e.Status == OutboxStatus.Pending && e.NextAttemptAt <= now && (e.LockedUntil == null || e.LockedUntil < now))
            .OrderBy(e => e.NextAttemptAt).ThenBy(e => e.Id)
            .Take(BatchSize).ToListAsync(ct);
        foreach (var email in due)
        {
            var claimed = await db.OutboxEmails
                .Where(e => e.Id == email.Id && e.Status == OutboxStatus.Pending && (e.LockedUntil == null || e.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.LockedUntil, now + claimFor), ct);
            if (claimed == 0) continue;
            try
            {
                if (await DeliverAsync(db, email, ct) == DeliveryOutcome.ServerUnavailable) return new OutboxPass(due.Count, ServerUnavailable: true);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // Only recording the outcome can get here (the database): the claim runs out and the row is tried again.
                logger.LogError(e, "Email {Id} could not be recorded; it is tried again when its claim runs out.", email.Id);
            }
        }
        return new OutboxPass(due.Count, ServerUnavailable: false);
    }

    /// <summary>One row, built and sent inside its own error handling, so a broken row never holds up the rows behind it.</summary>
    private async Task<DeliveryOutcome> DeliverAsync(AppDbContext db, OutboxEmail email, CancellationToken ct)
    {
        var result = await AttemptAsync(email, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var attempts = email.Attempts + 1;
        var outcome = result.Outcome is DeliveryOutcome.Transient or DeliveryOutcome.ServerUnavailable && attempts >= options.Value.MaxAttempts
            ? DeliveryOutcome.Permanent : result.Outcome;
        var status = outcome switch
        {
            DeliveryOutcome.Accepted => OutboxStatus.Sent,
            DeliveryOutcome.Permanent => OutboxStatus.DeadLetter,
            _ => OutboxStatus.Pending,
        };
        var next = now + Backoff(attempts);
        await db.OutboxEmails.Where(e => e.Id == email.Id).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.Status, status)
            .SetProperty(e => e.Attempts, attempts)
            .SetProperty(e => e.LockedUntil, (DateTime?)null)
            .SetProperty(e => e.SentAt, status == OutboxStatus.Sent ? now : null)
            .SetProperty(e => e.NextAttemptAt, status == OutboxStatus.Pending ? next : email.NextAttemptAt)
            .SetProperty(e => e.LastError, result.Error), CancellationToken.None);
        if (status == OutboxStatus.DeadLetter)
            logger.LogWarning("Email {Id} to {To} is dead-lettered: {Error}", email.Id, email.ToAddress, result.Error);
        else if (status == OutboxStatus.Pending)
            logger.LogInformation("Email {Id} will be retried at {Next}: {Error}", email.Id, next, result.Error);
        return result.Outcome;
    }

    private async Task<DeliveryResult> AttemptAsync(OutboxEmail email, CancellationToken ct)
    {
        MimeMessage message;
        try
        {
            message = OutboxMessages.ToMime(email, from);
        }
        catch (Exception e)
        {
            // The row never changes, so a row that cannot be built now never can: dead letter, with the reason.
            return new DeliveryResult(DeliveryOutcome.Permanent, $"The email cannot be built: {e.Message}");
        }
        try
        {
            return await transport.SendAsync(message, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // A failure the transport did not foresee still counts as an attempt, so MaxAttempts ends it in dead letter.
            return new DeliveryResult(DeliveryOutcome.Transient, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private TimeSpan Backoff(int attempts)
    {
        var delay = options.Value.RetryBaseDelay * Math.Pow(2, Math.Min(attempts - 1, 16));
        return delay > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : delay;
    }
}

/// <summary>What one pass of the outbox sender did.</summary>
public sealed record OutboxPass(int Due, bool ServerUnavailable);
