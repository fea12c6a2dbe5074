using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RefundPortal.Benchmarks;
using RefundPortal.Domain;
using RefundPortal.Features.Disputes;
using RefundPortal.Features.Notifications;
using RefundPortal.Features.Orders;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Statistics;
using RefundPortal.Tests.Support;
using Xunit.Abstractions;

namespace RefundPortal.Tests.Data;

/// <summary>The demo world plus 100,000 orders of the demo buyer from the demo seller, one in ten with a refund request.</summary>
public sealed class HundredThousandOrders : TestApp
{
    public const int Orders = 100_000;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        MarketplaceGenerator.Generate(DatabasePath, Orders);
    }
}

/// <summary>
/// Every list page's queries (and the statistics' aggregates and CSV export), run for real on 100,000 orders, with SQLite's plan of each statement checked: a page is
/// read off an index, never by scanning a big table or sorting all of someone's rows.
/// </summary>
public sealed class ListQueryPlanTests(HundredThousandOrders app, ITestOutputHelper output) : IClassFixture<HundredThousandOrders>
{
    private static readonly string[] BigTables = ["Orders", "OrderLines", "RefundRequests", "RefundLine", "TimelineEvents", "Notifications"];

    [Fact]
    public async Task NoListScansABigTableOrSortsAllOfSomeonesRows()
    {
        var (buyer, seller, arbiter) = (await app.BuyerAsync(), await app.SellerAsync(), await app.UserAsync("arbiter@example.com"));
        var orders = app.Get<OrderQueries>();
        var refunds = app.Get<RefundQueries>();
        var statistics = app.Get<StatisticsQueries>();
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var lists = new (string Name, Func<Task> Run)[]
        {
            ("Purchased Items", () => orders.ListAsync(buyer, ActorRole.Buyer, new OrderListQuery())),
            ("Purchased Items, page 40", () => orders.ListAsync(buyer, ActorRole.Buyer, new OrderListQuery(Page: 40))),
            ("Purchased Items, a status", () => orders.ListAsync(buyer, ActorRole.Buyer, new OrderListQuery(Status: OrderStatus.Completed))),
            ("Purchased Items, a rare product", () => orders.ListAsync(buyer, ActorRole.Buyer, new OrderListQuery(Search: MarketplaceGenerator.RareProduct))),
            ("Purchased Items, an order number", () => orders.ListAsync(buyer, ActorRole.Buyer, new OrderListQuery(Search: "RP-GEN-0004242"))),
            ("Sold Items", () => orders.ListAsync(seller, ActorRole.Seller, new OrderListQuery())),
            ("Refund Management", () => refunds.ListForSellerAsync(seller, new RefundListQuery())),
            ("Refund Management, needs my action", () => refunds.ListForSellerAsync(seller, new RefundListQuery(NeedsMyAction: true))),
            ("Refund Management, Closed, page 3", () => refunds.ListForSellerAsync(seller, new RefundListQuery(Status: RefundStatus.Closed, Page: 3))),
            ("Refund Management, an order number", () => refunds.ListForSellerAsync(seller, new RefundListQuery(Search: "RP-GEN-0004243"))),
            ("My Refunds", () => refunds.ListForBuyerAsync(buyer, new RefundListQuery())),
            ("My Refunds, Refunded", () => refunds.ListForBuyerAsync(buyer, new RefundListQuery(Status: RefundStatus.Refunded))),
            ("Dispute Center", () => app.Get<DisputeQueries>().QueueAsync(arbiter, DisputeQueueKind.Unassigned, 1)),
            ("Dispute Center, mine", () => app.Get<DisputeQueries>().QueueAsync(arbiter, DisputeQueueKind.Mine, 1)),
            ("Notifications", () => app.Get<NotificationService>().PageAsync(seller, 1)),
            ("Refund Statistics, 30 days", () => statistics.ForSellerAsync(seller, StatisticsWindow.Last30Days)),
            ("Refund Statistics, 90 days", () => statistics.ForSellerAsync(seller, StatisticsWindow.Last90Days)),
            ("Dispute Board", () => statistics.BoardAsync(arbiter, StatisticsWindow.Last90Days)),
            ("Export CSV, 90 days", () => app.Get<RefundCsvExport>().WriteAsync(seller, new ExportRange(today.AddDays(-90), today), Stream.Null)),
        };

        var problems = new List<string>();
        foreach (var (name, run) in lists)
        {
            var statements = await CaptureAsync(run);
            Assert.NotEmpty(statements);
            foreach (var (sql, parameters) in statements)
            {
                var plan = await PlanAsync(sql, parameters);
                output.WriteLine($"{name}:\n  {string.Join("\n  ", plan)}");
                var tables = TablesByAlias(sql);
                // A search with at most Paging.CountBound matches sorts just those, found through the search index.
                var boundedBySearch = plan.Any(line => line.StartsWith("SCAN OrderSearch VIRTUAL TABLE", StringComparison.Ordinal));
                problems.AddRange(plan.Where(line => IsFullScanOfABigTable(line, tables) || (IsPagedSort(line, sql) && !boundedBySearch))
                    .Select(line => $"{name}: {line}\n    in {sql.ReplaceLineEndings(" ")}"));
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>"SCAN x" of a big table, by name or by its alias in the statement, with or without an index.</summary>
    private static bool IsFullScanOfABigTable(string line, IReadOnlyDictionary<string, string> tables)
    {
        if (!line.StartsWith("SCAN ", StringComparison.Ordinal)) return false;
        var scanned = line["SCAN ".Length..].Split(' ')[0];
        return BigTables.Contains(tables.GetValueOrDefault(scanned, scanned));
    }

    /// <summary>A page (LIMIT) whose order is made by sorting rather than read off an index.</summary>
    private static bool IsPagedSort(string line, string sql) =>
        line.Contains("USE TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal) && sql.Contains("LIMIT", StringComparison.Ordinal);

    /// <summary>The tables of a statement by the aliases EF gives them (<c>FROM "Orders" AS "o"</c>).</summary>
    private static Dictionary<string, string> TablesByAlias(string sql) =>
        System.Text.RegularExpressions.Regex.Matches(sql, "\"(\\w+)\" AS \"(\\w+)\"")
            .GroupBy(m => m.Groups[2].Value).ToDictionary(g => g.Key, g => g.First().Groups[1].Value);

    /// <summary>The statements EF runs on this fixture's database while <paramref name="run"/> runs, with their parameters.</summary>
    private async Task<List<(string Sql, List<(string Name, object? Value)> Parameters)>> CaptureAsync(Func<Task> run)
    {
        var captured = new ConcurrentQueue<(string, List<(string, object?)>)>();
        var database = Path.GetFullPath(app.DatabasePath);
        var listening = new ConcurrentBag<IDisposable>();
        using var subscription = DiagnosticListener.AllListeners.Subscribe(new Observer(listener =>
        {
            if (listener.Name != DbLoggerCategory.Name) return;
            listening.Add(listener.Subscribe(new Observer<KeyValuePair<string, object?>>(e =>
            {
                if (e.Key != RelationalEventId.CommandExecuting.Name || e.Value is not CommandEventData data) return;
                if (data.Command.Connection is not SqliteConnection c || Path.GetFullPath(c.DataSource) != database) return;
                captured.Enqueue((data.Command.CommandText,
                    data.Command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList()));
            })));
        }));
        try
        {
            await run();
        }
        finally
        {
            foreach (var inner in listening) inner.Dispose();
        }
        return [.. captured];
    }

    private async Task<List<string>> PlanAsync(string sql, List<(string Name, object? Value)> parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath}");
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters) explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(3));
        return lines;
    }

    private sealed class Observer(Action<DiagnosticListener> onNext) : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener value) => onNext(value);
        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }

    private sealed class Observer<T>(Action<T> onNext) : IObserver<T>
    {
        public void OnNext(T value) => onNext(value);
        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }
}
