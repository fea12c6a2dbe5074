using System.Diagnostics;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RefundPortal.Data;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Statistics;

namespace RefundPortal.Benchmarks;

/// <summary>
/// "Refund Statistics", the "Dispute Board" and the CSV export at marketplace scale: the demo seller with N orders of the
/// demo buyer, one in ten with a refund request (<see cref="MarketplaceGenerator"/>: 1,000,000 orders give 100,000
/// refunds), each figure timed through the portal's own services (median of 5 after a first run), and the export
/// streamed to a stream that only counts, with the live managed heap measured while it runs. Each SQL statement's own
/// time comes from EF Core's command events; the process's CPU time per run beside the wall time tells a busy machine
/// apart. <c>REFUNDPORTAL_STATS_DB=&lt;file&gt;</c> keeps the generated database there and uses it again next time.
/// </summary>
internal static class StatisticsBenchmark
{
    private const int Runs = 5;

    public static async Task RunAsync(int orders)
    {
        var folder = Path.Combine(Path.GetTempPath(), "refundportal-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var kept = Environment.GetEnvironmentVariable("REFUNDPORTAL_STATS_DB");
        var reuse = kept is not null && File.Exists(kept);
        var database = kept ?? Path.Combine(folder, "refundportal.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:RefundPortal"] = $"Data Source={database}",
            ["Demo:Seed"] = "true",
            ["Email:PickupDirectory"] = Path.Combine(folder, "mail"),
            ["Logging:LogLevel:Default"] = "Warning",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddDataProtection();
        var environment = new BenchEnvironment(folder) { EnvironmentName = "Development" };
        services.AddSingleton<IHostEnvironment>(environment);
        services.AddRefundPortal(configuration, environment);
        try
        {
            await using var provider = services.BuildServiceProvider();
            await provider.InitializeDatabaseAsync();
            var generated = reuse ? TimeSpan.Zero : MarketplaceGenerator.Generate(database, orders, forStatistics: true);
            var (seller, arbiter) = (await UserAsync(database, "SELLER@EXAMPLE.COM", Roles.Seller), await UserAsync(database, "ARBITER@EXAMPLE.COM", Roles.Arbiter));
            var refunds = Count(database, $"SELECT COUNT(*) FROM RefundRequests WHERE SellerId = '{seller.Id}'");
            Console.WriteLine($"stats: {(reuse ? "reused" : "generated")} {orders:N0} orders of the demo seller, {refunds:N0} refund requests, in {generated.TotalSeconds:N1} s");

            var statistics = provider.GetRequiredService<StatisticsQueries>();
            string[] sellerQueries = ["orders placed, 30 days", "with a request, 30 days", "orders placed, 90 days", "with a request, 90 days", "reasons", "answered", "time to respond", "open and overdue", "disputes"];
            await TimeAsync("Refund Statistics, last 30 days", sellerQueries, () => statistics.ForSellerAsync(seller, StatisticsWindow.Last30Days));
            await TimeAsync("Refund Statistics, last 90 days", sellerQueries, () => statistics.ForSellerAsync(seller, StatisticsWindow.Last90Days));
            await TimeAsync("Dispute Board, last 90 days", ["cases by age", "rulings"], () => statistics.BoardAsync(arbiter, StatisticsWindow.Last90Days));
            var figures = await statistics.ForSellerAsync(seller, StatisticsWindow.Last90Days);
            var board = await statistics.BoardAsync(arbiter, StatisticsWindow.Last90Days);
            Console.WriteLine($"stats: 90 days: rate {figures.Rate90.OrdersWithRequest:N0} of {figures.Rate90.Orders:N0} orders, {figures.Requests:N0} requests, " +
                              $"{figures.Answered:N0} answered in {figures.AverageResponse?.TotalHours:N1} h on average, {figures.Open:N0} open, " +
                              $"{figures.Overdue:N0} overdue; board: {board.Ages.Total:N0} open cases, {board.Rulings.Ruled:N0} rulings");

            var export = provider.GetRequiredService<RefundCsvExport>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var range = new ExportRange(today.AddDays(-90), today);
            await export.WriteAsync(seller, range, new MeasuringStream());
            GC.Collect();
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var sink = new MeasuringStream();
            var clock = Stopwatch.StartNew();
            await export.WriteAsync(seller, range, sink);
            clock.Stop();
            var rows = sink.Lines - 1;
            Console.WriteLine($"stats: Export CSV, 90 days: {rows:N0} rows, {sink.Length / 1024.0 / 1024.0:N1} MiB in {clock.Elapsed.TotalMilliseconds:N0} ms " +
                              $"({rows / clock.Elapsed.TotalSeconds:N0} rows/s); live managed heap at most {(sink.PeakLiveHeap - baseline) / 1024.0 / 1024.0:N1} MiB " +
                              $"above the start (measured every MiB written), {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / 1024.0:N0} MiB allocated in all");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>Median wall time and process CPU time of a whole call, and each of its statements' median time.</summary>
    private static async Task TimeAsync(string name, string[] statements, Func<Task> run)
    {
        await run();
        var (wall, cpu, each) = (new List<double>(), new List<double>(), new List<List<double>>());
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < Runs; i++)
        {
            var commands = new List<double>();
            using var listening = CommandTimes(commands);
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await run();
            wall.Add(clock.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            each.Add(commands);
        }
        var parts = statements.Select((statement, i) => $"{statement} {Median(each.Select(c => c.ElementAtOrDefault(i))):N0}");
        Console.WriteLine($"stats: {name}: median {Median(wall):N0} ms wall, {Median(cpu):N0} ms CPU; by statement (ms): {string.Join(", ", parts)}");
    }

    /// <summary>The duration of each SQL command EF Core runs until disposed, in order.</summary>
    private static IDisposable CommandTimes(List<double> into)
    {
        var inner = new List<IDisposable>();
        var outer = DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(listener =>
        {
            if (listener.Name != DbLoggerCategory.Name) return;
            var started = new Dictionary<System.Data.Common.DbCommand, long>();
            lock (inner) inner.Add(listener.Subscribe(new Observer<KeyValuePair<string, object?>>(e =>
            {
                lock (into)
                {
                    if (e.Key == RelationalEventId.CommandExecuting.Name && e.Value is CommandEventData executing)
                        started[executing.Command] = Stopwatch.GetTimestamp();
                    else if (e.Key == RelationalEventId.DataReaderClosing.Name && e.Value is DataReaderClosingEventData closing
                             && started.Remove(closing.Command, out var at))
                        into.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
                }
            })));
        }));
        return new Disposables(() =>
        {
            outer.Dispose();
            lock (inner) inner.ForEach(d => d.Dispose());
        });
    }

    private sealed class Observer<T>(Action<T> onNext) : IObserver<T>
    {
        public void OnNext(T value) => onNext(value);
        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }

    private sealed class Disposables(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }

    private static async Task<CurrentUser> UserAsync(string database, string normalizedEmail, string role)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, Email FROM AspNetUsers WHERE NormalizedEmail = $email";
        command.Parameters.AddWithValue("$email", normalizedEmail);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new CurrentUser(reader.GetString(0), reader.GetString(1), new HashSet<string> { role });
    }

    private static long Count(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Counts what is written and, every MiB, the managed heap that is still live after a full collection.</summary>
    private sealed class MeasuringStream : Stream
    {
        private long nextProbe;
        private long written;

        public long PeakLiveHeap { get; private set; }
        public int Lines { get; private set; }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            written += buffer.Length;
            Lines += buffer.Count((byte)'\n');
            if (written < nextProbe) return;
            nextProbe = written + 1024 * 1024;
            PeakLiveHeap = Math.Max(PeakLiveHeap, GC.GetTotalMemory(forceFullCollection: true));
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => written;
        public override long Position { get => written; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
