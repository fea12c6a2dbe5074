using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Integration.Api;

namespace RefundPortal.Features.Integration.Webhooks;

/// <summary>The body every endpoint receives and the feed returns.</summary>
public sealed record WebhookBody(Guid Id, string Type, DateTime CreatedAt, WebhookData Data);

public sealed record WebhookData(RefundResource Refund, PayoutResource? Payout);

/// <summary>
/// Turns a refund's new timeline events into integration events, and each into a delivery for every enabled endpoint
/// that wants its type: all added to the unit of work of the change itself, so an event exists exactly when the change
/// does (the transactional outbox).
/// </summary>
public sealed class IntegrationEvents
{
    /// <summary>
    /// Adds the events and their deliveries for these changed refunds (one, or a batch saved together) to
    /// <paramref name="db"/>, after the changes themselves were saved in the open transaction (so each body shows the
    /// refund as it now is); their resources and the endpoints are read once. Returns whether any delivery was added.
    /// </summary>
    public async Task<bool> AddAsync(AppDbContext db, IReadOnlyList<(int RefundId, IReadOnlyList<TimelineEvent> Events)> changes, DateTime now,
        CancellationToken ct)
    {
        changes = [.. changes.Where(c => c.Events.Count > 0)];
        if (changes.Count == 0) return false;
        var refunds = (await RefundResource.LoadAsync(db, [.. changes.Select(c => c.RefundId)], ct)).ToDictionary(r => r.Id);
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.Enabled).ToListAsync(ct);
        var deliveries = 0;
        foreach (var (refundId, events) in changes)
        {
            var refund = refunds.GetValueOrDefault(refundId) ?? throw new InvalidOperationException($"Refund {refundId} is not saved.");
            foreach (var type in events.SelectMany(e => IntegrationEventTypes.For(e.Kind)))
            {
                var id = Guid.CreateVersion7(now);
                var body = new WebhookBody(id, type, now, new WebhookData(refund, refund.Payout));
                var integrationEvent = new IntegrationEvent
                {
                    EventId = id, Type = type, RefundRequestId = refundId, CreatedAt = now,
                    Body = JsonSerializer.Serialize(body, ApiJson.Options),
                };
                db.IntegrationEvents.Add(integrationEvent);
                foreach (var endpoint in endpoints.Where(e => e.Wants(type)))
                {
                    db.WebhookDeliveries.Add(new WebhookDelivery
                    {
                        Event = integrationEvent, EndpointId = endpoint.Id, RefundRequestId = refundId,
                        Status = DeliveryStatus.Pending, CreatedAt = now, NextAttemptAt = now,
                    });
                    deliveries++;
                }
            }
        }
        return deliveries > 0;
    }
}
