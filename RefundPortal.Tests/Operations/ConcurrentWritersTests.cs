using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Disputes;
using RefundPortal.Features.Shared;
using RefundPortal.Tests.Support;
using Xunit.Abstractions;

namespace RefundPortal.Tests.Operations;

/// <summary>
/// Reliability figure of issue 10: 50 people writing at once through the real services on one SQLite file for 30 s.
/// No "database is locked" may reach any of them, and every write they were told succeeded must be in the database.
/// </summary>
[Collection(HeavyCollection.Name)]
public sealed class ConcurrentWritersTests(TestApp app, ITestOutputHelper output) : IClassFixture<TestApp>
{
    private const int Pairs = 25;
    private const int OrdersPerBuyer = 30;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(20);

    private sealed class Tally
    {
        public readonly ConcurrentBag<int> Applied = [];
        public readonly ConcurrentBag<int> Agreed = [];
        public readonly ConcurrentBag<int> Withdrawn = [];
        public readonly ConcurrentBag<(int Refund, string Text)> Messages = [];
        public readonly ConcurrentBag<string> Busy = [];
        public readonly ConcurrentBag<string> Unexpected = [];
        public int Refused;
        public int Acknowledged => Applied.Count + Agreed.Count + Withdrawn.Count + Messages.Count;
    }

    [Fact]
    public async Task FiftyWritersForTwentySecondsNeverSeeALockedDatabaseAndLoseNoAcknowledgedWrite()
    {
        var people = new List<(CurrentUser Buyer, CurrentUser Seller, List<Order> Orders)>();
        for (var i = 0; i < Pairs; i++)
        {
            var (buyer, seller) = await app.NewBuyerAndSellerAsync();
            var orders = new List<Order>();
            for (var o = 0; o < OrdersPerBuyer; o++) orders.Add(await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped));
            people.Add((buyer, seller, orders));
        }

        // SQLite's calls run synchronously under their async names, so each loop holds a pool thread most of the time:
        // with the pool's default minimum (one per core) the loops queued last, often the sellers, started seconds late
        // or not at all, and a run could end without one agreement.
        ThreadPool.GetMinThreads(out var workerThreads, out var ioThreads);
        ThreadPool.SetMinThreads(Math.Max(workerThreads, 2 * Pairs + 4), ioThreads);
        var tally = new Tally();
        var stop = DateTime.UtcNow + Duration;
        var clock = Stopwatch.StartNew();
        try
        {
            var writers = people.SelectMany((p, i) => new[]
            {
                Task.Run(() => BuyerAsync(p.Buyer, p.Orders, tally, stop, seed: i)),
                Task.Run(() => SellerAsync(p.Seller, tally, stop, seed: 1000 + i)),
            }).ToList();
            await Task.WhenAll(writers);
        }
        finally
        {
            ThreadPool.SetMinThreads(workerThreads, ioThreads);
        }
        clock.Stop();

        var report = $"50 concurrent writers on one SQLite file for {clock.Elapsed.TotalSeconds:0.0} s: {tally.Acknowledged} acknowledged writes " +
                     $"({tally.Acknowledged / clock.Elapsed.TotalSeconds:0} writes/s; {tally.Applied.Count} applications, {tally.Agreed.Count} agreements " +
                     $"paid, {tally.Withdrawn.Count} withdrawals, {tally.Messages.Count} messages), {tally.Refused} refused by the rules or a concurrent " +
                     $"change, {tally.Busy.Count} \"database is locked\", {tally.Unexpected.Count} unexpected errors.";
        output.WriteLine(report);
        Console.WriteLine(report);

        Assert.True(tally.Busy.IsEmpty, string.Join("\n", tally.Busy.Take(5)));
        Assert.True(tally.Unexpected.IsEmpty, string.Join("\n", tally.Unexpected.Take(5)));
        Assert.True(tally.Acknowledged > 500, report);

        await using var db = app.NewDb();
        var applied = tally.Applied.ToHashSet();
        var statuses = await db.RefundRequests.Where(r => applied.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Status);
        Assert.Equal(applied.Count, statuses.Count);
        Assert.All(tally.Agreed, id => Assert.Equal(RefundStatus.Refunded, statuses[id]));
        Assert.All(tally.Withdrawn, id => Assert.Equal(RefundStatus.Closed, statuses[id]));
        var payouts = await db.Payouts.Where(p => applied.Contains(p.RefundRequestId)).GroupBy(p => p.RefundRequestId)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Assert.All(payouts, p => Assert.Equal(1, p.Count));
        Assert.Equal(statuses.Count(s => s.Value == RefundStatus.Refunded), payouts.Count);
        var stored = (await db.Set<RefundMessage>().Select(m => new { m.RefundRequestId, m.Text }).ToListAsync())
            .Select(m => (m.RefundRequestId, m.Text)).ToHashSet();
        Assert.All(tally.Messages, m => Assert.Contains(m, stored));
        var orderIds = people.SelectMany(p => p.Orders.Select(o => o.Id)).ToList();
        var totals = await db.Orders.Where(o => orderIds.Contains(o.Id)).Select(o => new
        {
            o.RefundedTotalMinor,
            Paid = db.Payouts.Where(p => p.OrderId == o.Id).Sum(p => (long?)p.AmountMinor) ?? 0,
        }).ToListAsync();
        Assert.All(totals, t => Assert.Equal(t.Paid, t.RefundedTotalMinor));
        await using var check = new SqliteConnection($"Data Source={app.DatabasePath};Mode=ReadOnly;Pooling=False");
        await check.OpenAsync();
        await using var integrity = check.CreateCommand();
        integrity.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", await integrity.ExecuteScalarAsync());
    }

    /// <summary>Applies for refunds on its orders, writes on its refunds, sometimes withdraws one the seller has not answered.</summary>
    private async Task BuyerAsync(CurrentUser buyer, List<Order> orders, Tally tally, DateTime stop, int seed)
    {
        var random = new Random(seed);
        var mine = new List<int>();
        var next = 0;
        var n = 0;
        while (DateTime.UtcNow < stop)
        {
            var roll = random.Next(100);
            if ((roll < 50 || mine.Count == 0) && next < orders.Count)
            {
                var order = orders[next++];
                if (await Attempt(tally, () => app.ApplyRefundOnlyAsync(buyer, order)) is { } id)
                {
                    mine.Add(id);
                    tally.Applied.Add(id);
                }
            }
            else if (roll < 55 && mine.Count > 0)
            {
                var id = mine[random.Next(mine.Count)];
                if (await Attempt(tally, async () =>
                    {
                        await app.Refunds().WithdrawAsync(buyer, id, await app.VersionAsync(id));
                        return id;
                    }) is not null)
                    tally.Withdrawn.Add(id);
                // Withdrawn, or paid by the seller in the meantime: either way closed to messages now.
                mine.Remove(id);
            }
            else if (mine.Count > 0)
            {
                var id = mine[random.Next(mine.Count)];
                var text = $"buyer {buyer.Id[..8]} message {++n}";
                if (await Attempt(tally, async () =>
                    {
                        await app.Get<DisputeService>().PostMessageAsync(buyer, ActorRole.Buyer, id, text, []);
                        return id;
                    }) is not null)
                    tally.Messages.Add((id, text));
            }
        }
    }

    /// <summary>Agrees to the requests waiting for it (each one paid at once), and writes to its buyer.</summary>
    private async Task SellerAsync(CurrentUser seller, Tally tally, DateTime stop, int seed)
    {
        var random = new Random(seed);
        var n = 0;
        while (DateTime.UtcNow < stop)
        {
            List<(int Id, RefundStatus Status)> waiting;
            await using (var db = app.NewDb())
                waiting = (await db.RefundRequests.Where(r => r.SellerId == seller.Id && r.Status == RefundStatus.AwaitingSeller)
                    .OrderByDescending(r => r.Id).Take(5)
                    .Select(r => new { r.Id, r.Status }).ToListAsync()).Select(r => (r.Id, r.Status)).ToList();
            if (waiting.Count == 0)
            {
                await Task.Delay(5);
                continue;
            }
            var open = waiting;
            if (random.Next(100) < 50)
            {
                var id = open[random.Next(open.Count)].Id;
                if (await Attempt(tally, async () =>
                    {
                        await app.Refunds().AgreeAsync(seller, id, await app.VersionAsync(id), null);
                        return id;
                    }) is not null)
                    tally.Agreed.Add(id);
            }
            else
            {
                var id = waiting[random.Next(waiting.Count)].Id;
                var text = $"seller {seller.Id[..8]} message {++n}";
                if (await Attempt(tally, async () =>
                    {
                        await app.Get<DisputeService>().PostMessageAsync(seller, ActorRole.Seller, id, text, []);
                        return id;
                    }) is not null)
                    tally.Messages.Add((id, text));
            }
        }
    }

    /// <summary>One write as a page makes it: the rules and a concurrent change may refuse it; nothing else may happen.</summary>
    private static async Task<int?> Attempt(Tally tally, Func<Task<int>> write)
    {
        try
        {
            return await write();
        }
        catch (Exception e) when (IsBusy(e))
        {
            tally.Busy.Add(e.ToString());
        }
        catch (Exception e) when (e is DomainException or ConcurrencyConflictException)
        {
            Interlocked.Increment(ref tally.Refused);
        }
        catch (Exception e)
        {
            tally.Unexpected.Add(e.ToString());
        }
        return null;
    }

    private static bool IsBusy(Exception e) =>
        e is SqliteException { SqliteErrorCode: 5 or 6 } || e.InnerException is { } inner && IsBusy(inner)
        || e.Message.Contains("database is locked", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Tests that load both cores on purpose run alone, after the others, so that no other test's timing suffers.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeavyCollection
{
    public const string Name = "Heavy";
}
