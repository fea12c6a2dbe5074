using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Refunds.Evidence;
using RefundPortal.Features.Shared;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.OrderFactory;

namespace RefundPortal.Tests.Features.Refunds;

/// <summary>
/// Two people (or two tabs) acting on the same request at the same moment, through real concurrent calls on the SQLite
/// file: exactly one wins, the other is told the request changed, and the database shows only the winner's move.
/// </summary>
public abstract class RefundConcurrencyTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TestApp
{
    private const int Rounds = 10;

    [Fact]
    public async Task SellerAgreeingWhileTheBuyerWithdrawsLetsExactlyOneWin()
    {
        var (buyer, seller) = (await app.UserAsync(BuyerEmail), await app.UserAsync(SellerEmail));
        for (var round = 0; round < Rounds; round++)
        {
            var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
            var id = await app.ApplyRefundOnlyAsync(buyer, order);
            var version = await app.VersionAsync(id);

            var (agree, withdraw) = await AtOnceAsync(
                s => s.AgreeAsync(seller, id, version, null),
                s => s.WithdrawAsync(buyer, id, version));

            await AssertAgreeOrWithdrawWonAsync(id, order, agree, withdraw);
        }
    }

    [Fact]
    public async Task TwoTabsOfTheSellerAgreeingAndRefusingAtOnceLetExactlyOneWin()
    {
        var (buyer, seller) = (await app.UserAsync(BuyerEmail), await app.UserAsync(SellerEmail));
        for (var round = 0; round < Rounds; round++)
        {
            var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
            var id = await app.ApplyReturnAsync(buyer, order);
            var version = await app.VersionAsync(id);

            var (agree, refuse) = await AtOnceAsync(
                s => s.AgreeAsync(seller, id, version, Warehouse),
                s => s.RefuseAsync(seller, id, version, "Used goods cannot be returned.", [UploadedFile.FromBytes("tag.jpg", Jpeg())]));

            AssertExactlyOneWon(agree, refuse);
            var saved = await app.LoadAsync(id);
            var sellersFiles = saved.Evidence.Count(e => e.UploadedByRole == ActorRole.Seller);
            var kinds = (await app.TimelineAsync(id)).Select(e => e.Kind).ToList();
            if (agree is null)
            {
                Assert.Equal(RefundStatus.AwaitingReturn, saved.Status);
                Assert.Equal(Warehouse, saved.ReturnAddress);
                Assert.Null(saved.RefusalReason);
                Assert.Equal(0, sellersFiles);
                Assert.Equal([TimelineEventKind.Applied, TimelineEventKind.Agreed], kinds);
            }
            else
            {
                Assert.Equal(RefundStatus.SellerRefused, saved.Status);
                Assert.Equal("Used goods cannot be returned.", saved.RefusalReason);
                Assert.Null(saved.ReturnAddress);
                Assert.Equal(1, sellersFiles);
                Assert.Equal([TimelineEventKind.Applied, TimelineEventKind.Refused], kinds);
            }
            await AssertFilesOnDiskMatchTheDatabaseAsync();
        }
    }

    [Fact]
    public async Task ConfirmingReceiptTwiceAtOnceWritesExactlyOnePayment()
    {
        var (buyer, seller) = (await app.UserAsync(BuyerEmail), await app.UserAsync(SellerEmail));
        for (var round = 0; round < Rounds; round++)
        {
            var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
            var id = await app.ReturnInTransitAsync(buyer, seller, order);
            var version = await app.VersionAsync(id);

            var (first, second) = await AtOnceAsync(
                s => s.ConfirmReceiptAsync(seller, id, version),
                s => s.ConfirmReceiptAsync(seller, id, version));

            AssertExactlyOneWon(first, second);
            await AssertPaidOnceAsync(id, order);
        }
    }

    [Fact]
    public async Task AgreeAndWithdrawThatBothReadBeforeEitherSavesStillLetExactlyOneWin()
    {
        var (buyer, seller) = (await app.UserAsync(BuyerEmail), await app.UserAsync(SellerEmail));
        for (var round = 0; round < Rounds / 2; round++)
        {
            var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
            var id = await app.ApplyRefundOnlyAsync(buyer, order);
            var version = await app.VersionAsync(id);

            var (agree, withdraw) = await BothReadThenSaveAsync(
                s => s.AgreeAsync(seller, id, version, null),
                s => s.WithdrawAsync(buyer, id, version));

            await AssertAgreeOrWithdrawWonAsync(id, order, agree, withdraw);
        }
    }

    [Fact]
    public async Task ConfirmingReceiptTwiceAfterBothReadTheRequestPaysOnce()
    {
        var (buyer, seller) = (await app.UserAsync(BuyerEmail), await app.UserAsync(SellerEmail));
        for (var round = 0; round < Rounds / 2; round++)
        {
            var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
            var id = await app.ReturnInTransitAsync(buyer, seller, order);
            var version = await app.VersionAsync(id);

            var (first, second) = await BothReadThenSaveAsync(
                s => s.ConfirmReceiptAsync(seller, id, version),
                s => s.ConfirmReceiptAsync(seller, id, version));

            AssertExactlyOneWon(first, second);
            await AssertPaidOnceAsync(id, order);
        }
    }

    [Fact]
    public async Task ARefusalWithEvidenceThatLosesTheRaceLeavesNoFileBehind()
    {
        var (buyer, seller) = (await app.UserAsync(BuyerEmail), await app.UserAsync(SellerEmail));
        for (var round = 0; round < Rounds / 2; round++)
        {
            var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
            var id = await app.ApplyReturnAsync(buyer, order);
            var version = await app.VersionAsync(id);

            var (refuse, withdraw) = await BothReadThenSaveAsync(
                s => s.RefuseAsync(seller, id, version, "Not our product.", [UploadedFile.FromBytes("label.pdf", Pdf()), UploadedFile.FromBytes("box.png", Png())]),
                s => s.WithdrawAsync(buyer, id, version));

            AssertExactlyOneWon(refuse, withdraw);
            var saved = await app.LoadAsync(id);
            Assert.Equal(refuse is null ? RefundStatus.SellerRefused : RefundStatus.Closed, saved.Status);
            Assert.Equal(refuse is null ? 2 : 0, saved.Evidence.Count(e => e.UploadedByRole == ActorRole.Seller));
            await AssertFilesOnDiskMatchTheDatabaseAsync();
        }
    }

    [Fact]
    public async Task TwoApplicationsForTheSameLineAtOnceCreateOneRequest()
    {
        var (buyer, seller) = (await app.UserAsync(BuyerEmail), await app.UserAsync(SellerEmail));
        for (var round = 0; round < Rounds / 2; round++)
        {
            var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);

            var (first, second) = await BothReadThenSaveAsync(
                s => s.ApplyAsync(buyer, order.Id, ReturnAndRefund(order), [Photo("first.png")]),
                s => s.ApplyAsync(buyer, order.Id, ReturnAndRefund(order), [Photo("second.png")]));

            AssertExactlyOneWon(first, second);
            await using var db = app.NewDb();
            var request = await db.RefundRequests.Include(r => r.Evidence).SingleAsync(r => r.OrderId == order.Id);
            Assert.Equal(first is null ? "first.png" : "second.png", Assert.Single(request.Evidence).FileName);
            await AssertFilesOnDiskMatchTheDatabaseAsync();
        }
    }

    [Fact]
    public async Task RefundingTwoRequestsOfOneOrderAtOnceLosesNoRefundedAmount()
    {
        var (buyer, seller) = (await app.UserAsync(BuyerEmail), await app.UserAsync(SellerEmail));
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
        var backpack = await app.ApplyRefundOnlyAsync(buyer, order);
        var lantern = await app.Refunds().ApplyAsync(buyer, order.Id,
            new RefundForm([new LineChoice(order.Lines[1].Id, 1)], false, RefundKind.RefundOnly, 24.99m, false, RefundReason.NoLongerNeeded, null), []);
        var (backpackVersion, lanternVersion) = (await app.VersionAsync(backpack), await app.VersionAsync(lantern));

        // Different requests, but both add to the same order's refunded total: the order's version keeps one from
        // overwriting the other's total.
        var (first, second) = await BothReadThenSaveAsync(
            s => s.AgreeAsync(seller, backpack, backpackVersion, null),
            s => s.AgreeAsync(seller, lantern, lanternVersion, null));
        AssertExactlyOneWon(first, second);
        var (won, lost, lostVersion) = first is null ? (backpack, lantern, lanternVersion) : (lantern, backpack, backpackVersion);
        Assert.Equal(RefundStatus.AwaitingSeller, (await app.LoadAsync(lost)).Status);
        Assert.Equal((await app.LoadAsync(won)).AmountMinor, (await app.LoadAsync(won)).Order.RefundedTotalMinor);

        // The loser's page reloads nothing of its own request (its version is unchanged), so pressing again works.
        await app.Refunds().AgreeAsync(seller, lost, lostVersion, null);

        await using var db = app.NewDb();
        var saved = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == order.Id);
        Assert.Equal(5900 + 2499, saved.RefundedTotalMinor);
        Assert.Equal([1, 1], saved.Lines.OrderBy(l => l.Id).Select(l => l.RefundedQuantity));
        Assert.Equal(2, await db.Payouts.CountAsync(p => p.RefundRequestId == backpack || p.RefundRequestId == lantern));
    }

    /// <summary>
    /// Starts both calls on their own threads at the same instant, each with the service of its own scope (as two
    /// circuits would be).
    /// </summary>
    private async Task<(Exception? First, Exception? Second)> AtOnceAsync(Func<RefundService, Task> first, Func<RefundService, Task> second)
    {
        await using var scope1 = app.Services.CreateAsyncScope();
        await using var scope2 = app.Services.CreateAsyncScope();
        var (s1, s2) = (scope1.ServiceProvider.GetRequiredService<RefundService>(), scope2.ServiceProvider.GetRequiredService<RefundService>());
        using var start = new Barrier(2);
        var a = Task.Run(async () => { start.SignalAndWait(); await first(s1); });
        var b = Task.Run(async () => { start.SignalAndWait(); await second(s2); });
        return (await Outcome(a), await Outcome(b));
    }

    /// <summary>
    /// Both calls load the request (and pass the version check) before either saves: each one's SaveChanges waits for
    /// the other's, so the database itself must turn the second write away.
    /// </summary>
    private async Task<(Exception? First, Exception? Second)> BothReadThenSaveAsync(Func<RefundService, Task> first, Func<RefundService, Task> second)
    {
        using var beforeSaving = new Barrier(2);
        var service = GatedService(beforeSaving);
        var a = Task.Run(() => first(service));
        var b = Task.Run(() => second(service));
        return (await Outcome(a), await Outcome(b));
    }

    private static async Task<Exception?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static void AssertExactlyOneWon(Exception? first, Exception? second)
    {
        Assert.True(first is null ^ second is null, $"Exactly one call must win; got {first?.GetType().Name ?? "success"} and {second?.GetType().Name ?? "success"}.");
        var loser = Assert.IsType<ConcurrencyConflictException>(first ?? second);
        Assert.Equal(RefundService.ChangedBySomeoneElse, loser.Message);
    }

    private async Task AssertAgreeOrWithdrawWonAsync(int id, Order order, Exception? agree, Exception? withdraw)
    {
        AssertExactlyOneWon(agree, withdraw);
        var saved = await app.LoadAsync(id);
        var kinds = (await app.TimelineAsync(id)).Select(e => e.Kind).ToList();
        if (agree is null)
        {
            Assert.Equal(RefundStatus.Refunded, saved.Status);
            Assert.Null(saved.CloseReason);
            await AssertPaidOnceAsync(id, order);
            Assert.Equal([TimelineEventKind.Applied, TimelineEventKind.Agreed, TimelineEventKind.Refunded], kinds);
        }
        else
        {
            Assert.Equal(RefundStatus.Closed, saved.Status);
            Assert.Equal(CloseReason.Withdrawn, saved.CloseReason);
            Assert.Equal(0, await app.PaymentCountAsync(id));
            Assert.Equal(0, saved.Order.RefundedTotalMinor);
            Assert.All(saved.Order.Lines, l => Assert.Equal(0, l.RefundedQuantity));
            Assert.Equal([TimelineEventKind.Applied, TimelineEventKind.Withdrawn], kinds);
        }
    }

    /// <summary>One payment of the request's amount, counted once on the order and its lines.</summary>
    private async Task AssertPaidOnceAsync(int id, Order order)
    {
        var saved = await app.LoadAsync(id);
        Assert.Equal(RefundStatus.Refunded, saved.Status);
        Assert.Equal(1, await app.PaymentCountAsync(id));
        Assert.Equal(saved.AmountMinor, saved.Payout!.AmountMinor);
        Assert.Equal(saved.AmountMinor, saved.Order.RefundedTotalMinor);
        foreach (var line in saved.Order.Lines)
            Assert.Equal(saved.Lines.Where(l => l.OrderLineId == line.Id).Sum(l => l.Quantity), line.RefundedQuantity);
        Assert.Single(await app.TimelineAsync(id), e => e.Kind == TimelineEventKind.Refunded);
        Assert.Equal(order.Id, saved.OrderId);
    }

    /// <summary>Every file in the evidence folder belongs to a saved evidence row and every row has its file.</summary>
    private async Task AssertFilesOnDiskMatchTheDatabaseAsync()
    {
        await using var db = app.NewDb();
        var stored = await db.EvidenceFiles.Select(e => e.StoredName).ToListAsync();
        Assert.Equal(stored.Order(), app.EvidenceFilesOnDisk().Select(Path.GetFileName).Order()!);
    }

    [Fact]
    public async Task AChangeThatCommitsLateIsNeverNumberedBeforeOneAlreadyCommitted()
    {
        var (buyer, seller) = (await app.UserAsync(BuyerEmail), await app.UserAsync(SellerEmail));
        var first = await app.ApplyRefundOnlyAsync(buyer, await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped));
        var second = await app.ApplyRefundOnlyAsync(buyer, await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped));
        var (firstVersion, secondVersion) = (await app.VersionAsync(first), await app.VersionAsync(second));

        // The first change has drawn its number and waits just before its commit...
        var gate = new HoldBeforeCommit();
        var slow = Task.Run(() => GatedService(gate).WithdrawAsync(buyer, first, firstVersion));
        await gate.Reached.Task.WaitAsync(TimeSpan.FromSeconds(15));
        // ...while a second change, on another refund, tries to commit meanwhile: it waits for the first.
        var fast = Task.Run(() => app.Get<RefundService>().WithdrawAsync(buyer, second, secondVersion));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(fast.IsCompleted, "The second change committed while the first, numbered earlier, was still open.");
        gate.Release.SetResult();
        await Task.WhenAll(slow, fast);

        await using var db = app.NewDb();
        var numbers = (await db.RefundRequests.Where(r => r.Id == first || r.Id == second)
            .Select(r => new { r.Id, Number = EF.Property<long>(r, ChangeOrder.Column) }).ToListAsync()).ToDictionary(r => r.Id, r => r.Number);
        Assert.Equal(numbers[first] + 1, numbers[second]);
        Assert.Equal(numbers[second], await db.RefundRequests.MaxAsync(r => EF.Property<long>(r, ChangeOrder.Column)));
    }

    private RefundService GatedService(Barrier beforeSaving) => GatedService(new RendezvousBeforeSaving(beforeSaving));

    private RefundService GatedService(DbTransactionInterceptor gate)
    {
        string connectionString;
        using (var db = app.NewDb()) connectionString = db.Database.GetConnectionString()!;
        // The app's own service and dependencies, except that its contexts meet at the barrier before saving.
        Func<AppDbContext> create = Database.ProviderOf(app.Configuration) == DatabaseProviderKind.PostgreSql
            ? () => new PostgreSqlDbContext(new DbContextOptionsBuilder<PostgreSqlDbContext>().UseNpgsql(connectionString).AddInterceptors(gate).Options)
            : () => new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(connectionString).AddInterceptors(gate).Options);
        return ActivatorUtilities.CreateInstance<RefundService>(app.Services, (IDbContextFactory<AppDbContext>)new Factory(create));
    }

    private sealed class Factory(Func<AppDbContext> create) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => create();
    }

    /// <summary>
    /// Both calls meet just before their write transaction begins: each has read the request, neither has written.
    /// (Meeting inside the transaction would deadlock: SQLite lets one writer in at a time.)
    /// </summary>
    private sealed class RendezvousBeforeSaving(Barrier barrier) : DbTransactionInterceptor
    {
        public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
            InterceptionResult<DbTransaction> result)
        {
            Wait();
            return result;
        }

        public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
            TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            Wait();
            return ValueTask.FromResult(result);
        }

        private void Wait()
        {
            if (!barrier.SignalAndWait(TimeSpan.FromSeconds(15)))
                throw new TimeoutException("The other call never reached SaveChanges.");
        }
    }

    /// <summary>Holds a transaction just before its commit until released.</summary>
    private sealed class HoldBeforeCommit : DbTransactionInterceptor
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Reached.TrySetResult();
            await Release.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            return result;
        }
    }
}

/// <summary>On SQLite, the embedded default.</summary>
public sealed class RefundConcurrencyTestsOnSqlite(TestApp app) : RefundConcurrencyTests<TestApp>(app);

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class RefundConcurrencyTestsOnPostgreSql(PostgresTestApp app) : RefundConcurrencyTests<PostgresTestApp>(app);
