using Microsoft.Extensions.DependencyInjection;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Disputes;
using RefundPortal.Features.Refunds.Evidence;

namespace RefundPortal.Tests.Support;

/// <summary>Requests driven into "Platform Intervention" and through the Dispute Center by the portal's own services.</summary>
public static class Disputes
{
    public static DisputeQueries Queries(this TestApp app) => ActivatorUtilities.CreateInstance<DisputeQueries>(app.Services);

    /// <summary>The buyer applies for platform intervention on a request the seller refused, at the clock's current time.</summary>
    public static async Task EscalateAsync(this TestApp app, CurrentUser buyer, int requestId, params UploadedFile[] evidence) =>
        await app.Get<DisputeService>().EscalateAsync(buyer, requestId, await app.VersionAsync(requestId), "It arrived broken.", evidence);

    /// <summary>The seller refuses the request and the buyer escalates it at once.</summary>
    public static async Task<int> EscalatedAsync(this TestApp app, CurrentUser buyer, CurrentUser seller, int requestId,
        params UploadedFile[] evidence)
    {
        await app.Refunds().RefuseAsync(seller, requestId, await app.VersionAsync(requestId), "Used goods.", []);
        await app.EscalateAsync(buyer, requestId, evidence);
        return requestId;
    }

    /// <summary>A refund-only request for one backpack (USD 59.00) on a new order, refused and escalated.</summary>
    public static async Task<int> EscalatedAsync(this TestApp app, CurrentUser buyer, CurrentUser seller)
    {
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
        return await app.EscalatedAsync(buyer, seller, await app.ApplyRefundOnlyAsync(buyer, order));
    }

    /// <summary>"Take Case" by the arbiter.</summary>
    public static async Task TakeAsync(this TestApp app, int requestId, CurrentUser arbiter) =>
        await app.Get<DisputeService>().TakeCaseAsync(arbiter, requestId, await app.VersionAsync(requestId));

    /// <summary>The arbiter holding the case rejects the claim, which closes the request.</summary>
    public static async Task RejectAsync(this TestApp app, int requestId, CurrentUser arbiter) =>
        await app.Get<DisputeService>().RuleAsync(arbiter, requestId, await app.VersionAsync(requestId), RulingOutcome.Reject, null, false,
            "No grounds.");
}
