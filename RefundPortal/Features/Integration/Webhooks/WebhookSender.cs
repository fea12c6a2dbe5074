using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RefundPortal.Data;

namespace RefundPortal.Features.Integration.Webhooks;

/// <summary>
/// Delivers the webhook outbox. A delivery is due when its time has come, its endpoint is enabled, and every earlier
/// event of the same refund has been accepted by that endpoint (a dead letter holds the ones behind it until it is
/// replayed): so each endpoint hears a refund's events in order. Each row is claimed with a conditional update, so two
/// senders (or nodes) never send it at once, and marked delivered only after a 2xx. Timeouts and non-2xx answers retry
/// with exponential backoff, up to <c>Webhooks:MaxAttempts</c>, then dead letter. Endpoints are served side by side, so
/// a slow one never holds up the others.
/// </summary>
public sealed class WebhookSender(
    IDbContextFactory<AppDbContext> dbFactory,
    IHttpClientFactory httpFactory,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookSender> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";
    private const int BatchSize = 50;
    private readonly SemaphoreSlim wake = new(0);

    private WebhookOptions Options => options.Value;
    // Longer than one request may take, so a claim never runs out while its request is on the way.
    private TimeSpan ClaimFor => Options.Timeout + TimeSpan.FromMinutes(1);

    /// <summary>Called after a change that wrote events commits, so they go out at once rather than at the next poll.</summary>
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
                // A delivered event may free the next one of its refund: go again while passes make progress.
                while (await SendDueAsync(stoppingToken) > 0) { }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The webhook sender failed; it tries again at the next poll.");
            }
            try
            {
                await wake.WaitAsync(Options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private sealed record Due(long Id, int EndpointId, string Url, string Secret, Guid EventId, string Body, int Attempts);

    /// <summary>One pass: sends what is due, endpoint by endpoint in parallel; returns how many were accepted.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<Due> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            due = await (
                from d in db.WebhookDeliveries
                join e in db.WebhookEndpoints on d.EndpointId equals e.Id
                where d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LockedUntil == null || d.LockedUntil < now) && e.Enabled
                      && !db.WebhookDeliveries.Any(p => p.EndpointId == d.EndpointId && p.RefundRequestId == d.RefundRequestId
                                                        && p.EventId < d.EventId && p.Status != DeliveryStatus.Delivered)
                orderby d.Id
                select new Due(d.Id, d.EndpointId, e.Url, e.Secret, d.Event.EventId, d.Event.Body, d.Attempts))
                .Take(BatchSize).ToListAsync(ct);
        }
        var accepted = await Task.WhenAll(due.GroupBy(d => d.EndpointId).Select(endpoint => SendToEndpointAsync(endpoint.ToList(), ct)));
        return accepted.Sum();
    }

    /// <summary>One endpoint's due deliveries in order; an endpoint that cannot be reached ends its part of the pass.</summary>
    private async Task<int> SendToEndpointAsync(List<Due> deliveries, CancellationToken ct)
    {
        var accepted = 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var delivery in deliveries)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var claimed = await db.WebhookDeliveries
                .Where(d => d.Id == delivery.Id && d.Status == DeliveryStatus.Pending && (d.LockedUntil == null || d.LockedUntil < now))
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.LockedUntil, now + ClaimFor), ct);
            if (claimed == 0) continue;
            var (statusCode, error) = await PostAsync(delivery, ct);
            var ok = statusCode is >= 200 and < 300;
            await RecordAsync(db, delivery, ok, statusCode, error);
            if (ok) accepted++;
            else if (statusCode is null) break; // unreachable or timed out: the rest would fail the same way; they wait for the next pass
        }
        return accepted;
    }

    private async Task<(int? StatusCode, string? Error)> PostAsync(Due delivery, CancellationToken ct)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookSignature.Header,
            WebhookSignature.Compute(delivery.Secret, clock.GetUtcNow().ToUnixTimeSeconds(), body));
        request.Headers.TryAddWithoutValidation(WebhookSignature.EventIdHeader, delivery.EventId.ToString());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Options.Timeout);
        try
        {
            using var response = await httpFactory.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            // The code's standard phrase, never the receiver's words or body: the admin page shows this text.
            return code is >= 200 and < 300 ? (code, null) : (code, $"HTTP {code} {ReasonPhrases.GetReasonPhrase(code)}".TrimEnd());
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, $"No answer within {Options.Timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException e) when (e.InnerException is WebhookAddressRefusedException refused)
        {
            return (null, refused.Message);
        }
        catch (HttpRequestException e)
        {
            return (null, e.Message);
        }
    }

    private async Task RecordAsync(AppDbContext db, Due delivery, bool ok, int? statusCode, string? error)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var attempts = delivery.Attempts + 1;
        var status = ok ? DeliveryStatus.Delivered : attempts >= Options.MaxAttempts ? DeliveryStatus.DeadLetter : DeliveryStatus.Pending;
        var next = now + Backoff(attempts);
        var trimmed = error is { Length: > WebhookDelivery.MaxErrorLength } ? error[..WebhookDelivery.MaxErrorLength] : error;
        try
        {
            // Not the stopping token: an answer already received is recorded even while the app shuts down.
            await db.WebhookDeliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(u => u
                .SetProperty(d => d.Status, status)
                .SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.LockedUntil, (DateTime?)null)
                .SetProperty(d => d.DeliveredAt, ok ? now : null)
                .SetProperty(d => d.NextAttemptAt, d => status == DeliveryStatus.Pending ? next : d.NextAttemptAt)
                .SetProperty(d => d.LastStatusCode, statusCode)
                .SetProperty(d => d.LastError, trimmed), CancellationToken.None);
        }
        catch (Exception e)
        {
            // The claim runs out and the row is tried again: the receiver deduplicates on RefundPortal-Event-Id.
            logger.LogError(e, "Webhook delivery {Id} could not be recorded; it is tried again when its claim runs out.", delivery.Id);
            return;
        }
        if (status == DeliveryStatus.DeadLetter)
            logger.LogWarning("Webhook delivery {Id} to endpoint {Endpoint} is dead-lettered after {Attempts} attempts: {Error}",
                delivery.Id, delivery.EndpointId, attempts, error);
        else if (!ok)
            logger.LogInformation("Webhook delivery {Id} will be retried at {Next}: {Error}", delivery.Id, next, error);
    }

    private TimeSpan Backoff(int attempts)
    {
        var delay = Options.RetryBaseDelay * Math.Pow(2, Math.Min(attempts - 1, 16));
        return delay > TimeSpan.FromHours(6) ? TimeSpan.FromHours(6) : delay;
    }
}
