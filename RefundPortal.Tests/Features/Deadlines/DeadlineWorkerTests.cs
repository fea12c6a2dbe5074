using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Deadlines;
using RefundPortal.Features.Notifications;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Returns;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Deadlines;

/// <summary>The deadline worker on a real SQLite database, with the clock moved by hand (FakeTimeProvider).</summary>
public abstract class DeadlineWorkerTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TestApp
{
    private static readonly RefundPolicy Policy = RefundPolicy.Default;

    private DeadlineWorker NewWorker() => ActivatorUtilities.CreateInstance<DeadlineWorker>(app.Services);

    private async Task<(CurrentUser Buyer, CurrentUser Seller)> PartiesAsync(bool sellerHasAddress = true)
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        if (sellerHasAddress) await app.Get<ReturnAddressService>().AddAsync(seller, OrderFactory.Warehouse, makeDefault: true);
        return (buyer, seller);
    }

    private async Task<TimelineEvent> LastEventAsync(int id) => (await app.TimelineAsync(id))[^1];

    [Fact]
    public async Task EachDefaultActionRunsAtItsDeadlineAndNotATickBefore()
    {
        var (buyer, seller) = await PartiesAsync();
        var refunds = app.Refunds();
        var awaitingSeller = await app.ApplyReturnAsync(buyer, await app.PlaceOrderAsync(buyer, seller));
        var refused = await app.ApplyReturnAsync(buyer, await app.PlaceOrderAsync(buyer, seller));
        await refunds.RefuseAsync(seller, refused, await app.VersionAsync(refused), "No.", []);
        var awaitingReturn = await app.AwaitingReturnAsync(buyer, seller, await app.PlaceOrderAsync(buyer, seller));
        var inTransit = await app.ReturnInTransitAsync(buyer, seller, await app.PlaceOrderAsync(buyer, seller));
        var escalated = await app.EscalatedAsync(buyer, seller, await app.ApplyReturnAsync(buyer, await app.PlaceOrderAsync(buyer, seller)));

        app.Clock.Advance(Policy.SellerResponse - TimeSpan.FromTicks(1));
        await NewWorker().RunOnceAsync(CancellationToken.None);
        Assert.Equal(RefundStatus.AwaitingSeller, (await app.LoadAsync(awaitingSeller)).Status);
        Assert.Equal(RefundStatus.SellerRefused, (await app.LoadAsync(refused)).Status);

        app.Clock.Advance(TimeSpan.FromTicks(1));
        await NewWorker().RunOnceAsync(CancellationToken.None);
        var agreed = await app.LoadAsync(awaitingSeller);
        Assert.Equal(RefundStatus.AwaitingReturn, agreed.Status);
        Assert.Equal(OrderFactory.Warehouse, agreed.ReturnAddress);
        var closed = await app.LoadAsync(refused);
        Assert.Equal(RefundStatus.Closed, closed.Status);
        Assert.Equal(CloseReason.BuyerDidNotRespond, closed.CloseReason);
        Assert.Equal(ActorRole.System, (await LastEventAsync(refused)).ActorRole);
        Assert.Equal(RefundStatus.AwaitingReturn, (await app.LoadAsync(awaitingReturn)).Status);

        app.Clock.Advance(Policy.BuyerReturn - Policy.SellerResponse);
        await NewWorker().RunOnceAsync(CancellationToken.None);
        Assert.Equal(CloseReason.ReturnNotShipped, (await app.LoadAsync(awaitingReturn)).CloseReason);
        var refunded = await app.LoadAsync(inTransit);
        Assert.Equal(RefundStatus.Refunded, refunded.Status);
        Assert.Equal(1, await app.PaymentCountAsync(inTransit));
        // An overdue intervention waits for the arbiter; both parties were told of each system action.
        Assert.Equal(RefundStatus.PlatformIntervention, (await app.LoadAsync(escalated)).Status);
        await using var db = app.NewDb();
        var told = await db.Notifications.Where(n => n.RefundRequestId == refused && n.Kind == nameof(TimelineEventKind.DeadlinePassed))
            .Select(n => n.UserId).ToListAsync();
        Assert.Equal(new[] { buyer.Id, seller.Id }.Order(), told.Order());
    }

    [Fact]
    public async Task ARequestThatFailsToExpireIsLoggedAndSkippedAndTheNextPassTriesItAgain()
    {
        // A seller's default return address with no phone, as corrupt data written around the address book would leave
        // it: the silent-seller default cannot put it on the refund.
        var (buyer, broken) = await PartiesAsync();
        await using (var db = app.NewDb())
            await db.ReturnAddresses.Where(a => a.SellerId == broken.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Phone, ""));
        var failing = await app.ApplyReturnAsync(buyer, await app.PlaceOrderAsync(buyer, broken));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var (buyer2, seller2) = await PartiesAsync();
        var behind = await app.ApplyReturnAsync(buyer2, await app.PlaceOrderAsync(buyer2, seller2));
        app.Clock.Advance(Policy.SellerResponse);
        using var log = new LogCapture();

        await ActivatorUtilities.CreateInstance<DeadlineWorker>(app.Services, log.CreateLogger<DeadlineWorker>()).RunOnceAsync(CancellationToken.None);

        Assert.Equal(RefundStatus.AwaitingSeller, (await app.LoadAsync(failing)).Status);
        Assert.Equal(RefundStatus.AwaitingReturn, (await app.LoadAsync(behind)).Status);
        Assert.Contains(log.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error && e.Message.Contains($"#{failing}"));

        // Still due, so the next pass tries it again; with the address repaired it runs.
        await using (var db = app.NewDb())
            await db.ReturnAddresses.Where(a => a.SellerId == broken.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Phone, "+86 571 2"));
        await NewWorker().RunOnceAsync(CancellationToken.None);

        var executed = await app.LoadAsync(failing);
        Assert.Equal(RefundStatus.AwaitingReturn, executed.Status);
        Assert.Equal("+86 571 2", executed.ReturnAddress!.Phone);
    }

    [Fact]
    public async Task TheReminderGoesOnceToThePartyWhoMustActAndLeavesTheVersionAlone()
    {
        var (buyer, seller) = await PartiesAsync();
        var id = await app.ApplyReturnAsync(buyer, await app.PlaceOrderAsync(buyer, seller));
        var version = await app.VersionAsync(id);

        app.Clock.Advance(Policy.SellerResponse - Policy.Reminder - TimeSpan.FromTicks(1));
        await NewWorker().RunOnceAsync(CancellationToken.None);
        app.Clock.Advance(TimeSpan.FromTicks(1));
        await NewWorker().RunOnceAsync(CancellationToken.None);
        app.Clock.Advance(TimeSpan.FromHours(1));
        await NewWorker().RunOnceAsync(CancellationToken.None);

        await using var db = app.NewDb();
        var reminders = await db.Notifications.Where(n => n.RefundRequestId == id && n.Kind == RefundNotifier.ReminderKind).ToListAsync();
        Assert.Equal(seller.Id, Assert.Single(reminders).UserId);
        Assert.Contains("agree to or refuse the request", reminders[0].Body);
        Assert.Equal(version, await app.VersionAsync(id));
        // The seller's page is not stale: agreeing with the version it showed still works.
        await app.Refunds().AgreeAsync(seller, id, version, OrderFactory.Warehouse);
    }

    [Fact]
    public async Task ASellerAgreeingAtTheMomentOfExpiryLeavesOneOutcome()
    {
        for (var round = 0; round < 6; round++)
        {
            var (buyer, seller) = await PartiesAsync();
            var id = await app.ApplyReturnAsync(buyer, await app.PlaceOrderAsync(buyer, seller));
            var version = await app.VersionAsync(id);
            app.Clock.Advance(Policy.SellerResponse);

            var agree = Task.Run(async () =>
            {
                try { await app.Refunds().AgreeAsync(seller, id, version, OrderFactory.OtherWarehouse); return true; }
                catch (RefundPortal.Features.Shared.ConcurrencyConflictException) { return false; }
            });
            var expire = Task.Run(() => app.Refunds().ExpireAsync(id));
            var outcomes = await Task.WhenAll(agree, expire);

            Assert.Single(outcomes, won => won);
            var request = await app.LoadAsync(id);
            Assert.Equal(RefundStatus.AwaitingReturn, request.Status);
            Assert.Equal(outcomes[0] ? OrderFactory.OtherWarehouse : OrderFactory.Warehouse, request.ReturnAddress);
            Assert.Single(request.Timeline, e => e.Kind is TimelineEventKind.Agreed or TimelineEventKind.DeadlinePassed);
        }
    }

    /// <summary>Many due refund-only requests on not-shipped orders, written straight through the domain.</summary>
    private async Task<List<int>> ManyDueAsync(int count)
    {
        var (buyer, seller) = await PartiesAsync(sellerHasAddress: false);
        await using var db = app.NewDb();
        var requests = new List<RefundRequest>();
        for (var i = 0; i < count; i++)
        {
            var order = Order.Place(OrderFactory.NewOrderNumber(), buyer.Id, seller.Id, "USD", 0, [("Cable", "C-1", 500, 1)], app.Now().AddDays(-1));
            requests.Add(RefundRequest.Apply(order, Actor.Buyer(buyer.Id),
                new RefundTerms([new LineSelection(order.Lines[0], 1)], false, RefundKind.RefundOnly, 500, false, RefundReason.NoLongerNeeded, null, []),
                Policy, app.Now()));
            db.Orders.Add(order);
        }
        db.RefundRequests.AddRange(requests);
        await db.SaveChangesAsync();
        app.Clock.Advance(Policy.SellerResponseUnshipped);
        return requests.Select(r => r.Id).ToList();
    }

    private async Task AssertEachExecutedOnceAsync(List<int> ids)
    {
        await using var db = app.NewDb();
        var events = await db.TimelineEvents.Where(e => ids.Contains(e.RefundRequestId) && e.Kind == TimelineEventKind.DeadlinePassed)
            .GroupBy(e => e.RefundRequestId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(ids.Count, events.Count);
        Assert.All(events, n => Assert.Equal(1, n));
        var payments = await db.Payouts.Where(p => ids.Contains(p.RefundRequestId)).CountAsync();
        Assert.Equal(ids.Count, payments);
        Assert.Equal(ids.Count, await db.RefundRequests.CountAsync(r => ids.Contains(r.Id) && r.Status == RefundStatus.Refunded));
    }

    [Fact]
    public async Task TwoWorkersRacingExecuteEachDeadlineOnce()
    {
        var ids = await ManyDueAsync(60);

        var results = await Task.WhenAll(Task.Run(() => NewWorker().RunOnceAsync(CancellationToken.None)),
            Task.Run(() => NewWorker().RunOnceAsync(CancellationToken.None)));

        // Other tests' due requests in this database may be executed too; ours exactly once each.
        Assert.True(results.Sum(r => r.Executed) >= ids.Count);
        await AssertEachExecutedOnceAsync(ids);
    }

    [Fact]
    public async Task ARestartInTheMiddleOfABatchLosesAndRepeatsNothing()
    {
        var ids = await ManyDueAsync(2 * DeadlineWorker.BatchSize + 50);

        // Stopped right after the first batch has committed, not after a fixed time (a fast machine would finish all
        // three batches first, a slow one none) nor on the batch's notifications (announced asynchronously, they can
        // arrive after the last batch).
        using var stop = new CancellationTokenSource();
        var worker = NewWorker();
        worker.BatchCommitted = stop.Cancel;
        try { await worker.RunOnceAsync(stop.Token); }
        catch (OperationCanceledException) { }
        Assert.True(stop.IsCancellationRequested, "The worker ran without committing a batch.");
        await using (var db = app.NewDb())
            Assert.True(await db.RefundRequests.CountAsync(r => ids.Contains(r.Id) && r.Status == RefundStatus.AwaitingSeller) > 0,
                "The first run was stopped before it finished.");

        var second = await NewWorker().RunOnceAsync(CancellationToken.None);

        Assert.True(second.Executed > 0);
        await AssertEachExecutedOnceAsync(ids);
    }
}

/// <summary>On SQLite, the embedded default.</summary>
public sealed class DeadlineWorkerTestsOnSqlite(TestApp app) : DeadlineWorkerTests<TestApp>(app);

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class DeadlineWorkerTestsOnPostgreSql(PostgresTestApp app) : DeadlineWorkerTests<PostgresTestApp>(app);
