using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RefundPortal.Domain;
using RefundPortal.Features.Integration.Webhooks;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Integration;

/// <summary>The portal's services on SQLite, one webhook endpoint from the settings, and a real receiver on 127.0.0.1.</summary>
public sealed class WebhookApp : TestApp
{
    public WebhookReceiver Receiver { get; private set; } = null!;
    /// <summary>A second endpoint that asked for payout events only (one comma-separated value, as an environment variable holds it).</summary>
    public WebhookReceiver PayoutsOnly { get; private set; } = null!;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Webhooks:Endpoints:0:Url", Receiver.Url.ToString()),
        new("Webhooks:Endpoints:0:Secret", WebhookReceiver.Secret),
        new("Webhooks:Endpoints:1:Url", PayoutsOnly.Url.ToString()),
        new("Webhooks:Endpoints:1:Secret", WebhookReceiver.Secret),
        new("Webhooks:Endpoints:1:Events", "payout.requested, payout.paid"),
        new("Webhooks:RetryBaseDelay", "00:00:10"),
        new("Webhooks:MaxAttempts", "3"),
        // Short enough for the stall test, long enough that a loaded machine's answer is not taken for silence.
        new("Webhooks:Timeout", "00:00:03"),
    ];

    public override async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        Receiver.Now = () => Clock.GetUtcNow();
        PayoutsOnly = await WebhookReceiver.StartAsync();
        PayoutsOnly.Now = () => Clock.GetUtcNow();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
        await PayoutsOnly.DisposeAsync();
    }

    /// <summary>Passes of the real sender, each after the longest backoff so far, until nothing more is accepted.</summary>
    public async Task DeliverAsync(int passes = 8)
    {
        var sender = Get<WebhookSender>();
        for (var i = 0; i < passes; i++)
        {
            while (await sender.SendDueAsync(CancellationToken.None) > 0) { }
            Clock.Advance(TimeSpan.FromSeconds(41));
        }
    }
}

public sealed class WebhookDeliveryTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    private WebhookReceiver Receiver => app.Receiver;

    private async Task<(int RefundId, Guid PayoutId)> RefundedAtOnceAsync()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
        var id = await app.ApplyRefundOnlyAsync(buyer, order);
        await app.Refunds().AgreeAsync(seller, id, await app.VersionAsync(id), null);
        return (id, (await app.LoadAsync(id)).Payout!.Id);
    }

    private IReadOnlyList<WebhookReceiver.Received> Of(int refundId) => [.. Receiver.Accepted.Where(e => e.RefundId == refundId)];

    [Fact]
    public async Task EveryStepOfARefundReachesTheReceiverOnceSignedInOrderAfterARetry()
    {
        var (id, payoutId) = await RefundedAtOnceAsync();
        await app.Refunds().RecordPayoutResultAsync(payoutId, PayoutStatus.Paid, "TX-1001");
        // The payment system's retry of the same report adds nothing.
        Assert.False((await app.Refunds().RecordPayoutResultAsync(payoutId, PayoutStatus.Paid, "TX-1001")).Changed);

        await app.DeliverAsync();

        var received = Of(id);
        Assert.Equal(["refund.applied", "refund.agreed", "refund.refunded", "payout.requested", "payout.paid"], received.Select(e => e.Type));
        Assert.Empty(Receiver.Refused);
        Assert.Equal(0, Receiver.Duplicates);
        // The receiver refused each first attempt with a 500: each event was sent exactly twice.
        Assert.All(received, e => Assert.Equal(2, Receiver.AttemptsOf(e.EventId)));
        await using var db = app.NewDb();
        Assert.Equal(received.Select(e => e.EventId),
            await db.IntegrationEvents.Where(e => e.RefundRequestId == id).OrderBy(e => e.Id).Select(e => e.EventId).ToListAsync());
        Assert.All(await db.WebhookDeliveries.Where(d => d.RefundRequestId == id).ToListAsync(), d =>
            Assert.Equal((DeliveryStatus.Delivered, 2, 200), (d.Status, d.Attempts, d.LastStatusCode)));

        var requested = received.Single(e => e.Type == "payout.requested").Body;
        var payout = requested.GetProperty("data").GetProperty("payout");
        Assert.Equal(payoutId, payout.GetProperty("id").GetGuid());
        Assert.Equal((5900, "USD", "requested"), (payout.GetProperty("amount").GetInt64(), payout.GetProperty("currency").GetString(),
            payout.GetProperty("status").GetString()));
        var refund = received[^1].Body.GetProperty("data").GetProperty("refund");
        Assert.Equal((id, "refunded", "paid", "TX-1001"), (refund.GetProperty("id").GetInt32(), refund.GetProperty("status").GetString(),
            refund.GetProperty("payout").GetProperty("status").GetString(), refund.GetProperty("payout").GetProperty("reference").GetString()));
    }

    [Fact]
    public async Task ALaterEventOfARefundWaitsUntilTheEarlierOneIsAccepted()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
        var id = await app.ApplyRefundOnlyAsync(buyer, order);
        var sender = app.Get<WebhookSender>();
        await sender.SendDueAsync(CancellationToken.None); // refund.applied: refused once, due again after the backoff

        await app.Refunds().AgreeAsync(seller, id, await app.VersionAsync(id), null);
        await sender.SendDueAsync(CancellationToken.None);

        await using (var db = app.NewDb())
        {
            var later = await db.IntegrationEvents.Where(e => e.RefundRequestId == id && e.Type != "refund.applied").Select(e => e.EventId).ToListAsync();
            Assert.Equal(3, later.Count);
            Assert.All(later, e => Assert.Equal(0, Receiver.AttemptsOf(e)));
        }
        Assert.Empty(Of(id));

        await app.DeliverAsync();
        Assert.Equal(["refund.applied", "refund.agreed", "refund.refunded", "payout.requested"], Of(id).Select(e => e.Type));
    }

    [Fact]
    public async Task ADeadLetterHoldsTheRefundsLaterEventsUntilAnAdminReplaysIt()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
        Receiver.FailAll = true;
        try
        {
            var id = await app.ApplyRefundOnlyAsync(buyer, order);
            await app.DeliverAsync(passes: 4); // Webhooks:MaxAttempts is 3
            await app.Refunds().AgreeAsync(seller, id, await app.VersionAsync(id), null);
            Receiver.FailAll = false;
            await app.DeliverAsync();

            int endpointId;
            await using (var db = app.NewDb())
            {
                var applied = await db.WebhookDeliveries.Include(d => d.Event).SingleAsync(d => d.RefundRequestId == id && d.Event.Type == "refund.applied");
                Assert.Equal((DeliveryStatus.DeadLetter, 3, 503), (applied.Status, applied.Attempts, applied.LastStatusCode));
                Assert.StartsWith("HTTP 503", applied.LastError);
                // The code and its standard phrase only: what the receiver wrote never reaches the admin page.
                Assert.Equal("HTTP 503 Service Unavailable", applied.LastError);
                endpointId = applied.EndpointId;
            }
            Assert.Empty(Of(id));

            Assert.True(await app.Get<WebhookEndpointService>().ReplayDeadLettersAsync(await app.UserAsync("admin@example.com"), endpointId) >= 1);
            await app.DeliverAsync();
            Assert.Equal(["refund.applied", "refund.agreed", "refund.refunded", "payout.requested"], Of(id).Select(e => e.Type));
        }
        finally
        {
            Receiver.FailAll = false;
        }
    }

    [Fact]
    public async Task AReceiverThatDoesNotAnswerTimesOutAndIsTriedAgainLater()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
        Receiver.Stall = TimeSpan.FromSeconds(10);
        int id;
        try
        {
            id = await app.ApplyRefundOnlyAsync(buyer, order);
            var started = DateTime.UtcNow;
            await app.Get<WebhookSender>().SendDueAsync(CancellationToken.None);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(8), "The sender waited for the stalled receiver past Webhooks:Timeout.");
            await using var db = app.NewDb();
            var delivery = await db.WebhookDeliveries.SingleAsync(d => d.RefundRequestId == id);
            Assert.Equal((DeliveryStatus.Pending, 1, null, "No answer within 3 s."), (delivery.Status, delivery.Attempts, delivery.LastStatusCode, delivery.LastError));
            Assert.Null(delivery.LockedUntil);
        }
        finally
        {
            Receiver.Stall = null;
        }
        await app.DeliverAsync();
        Assert.Equal(["refund.applied"], Of(id).Select(e => e.Type));
    }

    [Fact]
    public async Task AnEndpointThatAskedForSomeTypesGetsOnlyThoseAndAnotherEndpointsTroubleDoesNotHoldItUp()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
        Receiver.FailAll = true;
        try
        {
            var id = await app.ApplyRefundOnlyAsync(buyer, order);
            await app.Refunds().AgreeAsync(seller, id, await app.VersionAsync(id), null);
            await app.DeliverAsync();
            Assert.Empty(Of(id));
            Assert.Equal(["payout.requested"], app.PayoutsOnly.Accepted.Where(e => e.RefundId == id).Select(e => e.Type));
            Assert.Empty(app.PayoutsOnly.Refused);
        }
        finally
        {
            Receiver.FailAll = false;
        }
    }

    [Fact]
    public async Task TheFeedHoldsEveryEventWithTheBodyTheReceiverGot()
    {
        var (id, _) = await RefundedAtOnceAsync();
        await app.DeliverAsync();
        await using var db = app.NewDb();
        var bodies = await db.IntegrationEvents.Where(e => e.RefundRequestId == id).OrderBy(e => e.Id).Select(e => e.Body).ToListAsync();
        Assert.Equal(Of(id).Select(e => e.Body.GetRawText()), bodies.Select(b => JsonDocument.Parse(b).RootElement.GetRawText()));
        Assert.All(bodies, b => Assert.Contains("\"createdAt\":\"2026-11-23T", b));
    }
}
