using System.Diagnostics;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RefundPortal;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Deadlines;

namespace RefundPortal.Benchmarks;

/// <summary>
/// Deadline throughput and memory: N due refund requests on a fresh SQLite file, worked through by one pass of the
/// deadline worker.
/// </summary>
internal static class DeadlineBenchmark
{
    /// <summary>Returns both sides of the ratio: the worker's and the raw loop's items per second.</summary>
    public static async Task<(double Worker, double Raw)> RunAsync(int count)
    {
        var folder = Path.Combine(Path.GetTempPath(), "refundportal-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:RefundPortal"] = $"Data Source={Path.Combine(folder, "bench.db")}",
            ["Demo:Seed"] = "false",
            ["Email:PickupDirectory"] = Path.Combine(folder, "mail"),
            ["Logging:LogLevel:Default"] = "Warning",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddDataProtection();
        var environment = new BenchEnvironment(folder);
        services.AddSingleton<IHostEnvironment>(environment);
        services.AddRefundPortal(configuration, environment);
        await using var provider = services.BuildServiceProvider();
        await provider.InitializeDatabaseAsync();

        var policy = provider.GetRequiredService<RefundPolicy>();
        var factory = provider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var start = provider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddDays(-2);
        var seeding = Stopwatch.StartNew();
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Users.AddRange(new ApplicationUser { Id = "b", UserName = "b@x", Email = "b@x", DisplayName = "Buyer" },
                new ApplicationUser { Id = "s", UserName = "s@x", Email = "s@x", DisplayName = "Seller" });
            await db.SaveChangesAsync();
        }
        for (var done = 0; done < count; done += 1000)
        {
            await using var db = await factory.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = done; i < Math.Min(count, done + 1000); i++)
            {
                var order = Order.Place($"RP-BENCH-{i:D7}", "b", "s", "USD", 0, [("Cable", "C-1", 500, 1)], start);
                var request = RefundRequest.Apply(order, Actor.Buyer("b"),
                    new RefundTerms([new LineSelection(order.Lines[0], 1)], false, RefundKind.RefundOnly, 500, false, RefundReason.NoLongerNeeded, null, []),
                    policy, start);
                db.Orders.Add(order);
                db.RefundRequests.Add(request);
            }
            await db.SaveChangesAsync();
        }
        Console.WriteLine($"seeded {count:N0} due requests in {seeding.Elapsed.TotalSeconds:N1} s");

        // The raw loop's copy of the same due requests, taken before the worker touches them.
        var database = Path.Combine(folder, "bench.db");
        var raw = Path.Combine(folder, "raw.db");
        await using (var db = await factory.CreateDbContextAsync())
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        File.Copy(database, raw);
        var rowsBefore = RawSqliteLoop.CountRows(database);

        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var process = Process.GetCurrentProcess();
        var run = Stopwatch.StartNew();
        var (executed, _) = await provider.GetRequiredService<DeadlineWorker>().RunOnceAsync(CancellationToken.None);
        run.Stop();
        process.Refresh();
        Console.WriteLine($"executed {executed:N0} deadlines in {run.Elapsed.TotalSeconds:N1} s: {executed / run.Elapsed.TotalSeconds:N0} per second, " +
                          $"{run.Elapsed.TotalMilliseconds / Math.Max(1, executed):N2} ms each");
        Console.WriteLine($"managed heap after: {(GC.GetTotalMemory(true) - before) / 1024.0 / 1024.0:N1} MiB above the start; " +
                          $"peak working set {process.PeakWorkingSet64 / 1024.0 / 1024.0:N0} MiB (batches of {DeadlineWorker.BatchSize})");
        // The same rows per item, written by hand with prepared statements, one transaction per item.
        var rowsAfter = RawSqliteLoop.CountRows(database);
        var perItem = rowsAfter.ToDictionary(t => t.Key, t => (int)Math.Round((t.Value - rowsBefore[t.Key]) / (double)Math.Max(1, executed)));
        var rawRun = RawSqliteLoop.Run(raw, perItem);
        var workerRate = executed / run.Elapsed.TotalSeconds;
        Console.WriteLine($"raw SQLite loop, {rawRun.Items:N0} items writing per item {string.Join(", ", perItem.Select(t => $"{t.Value} {t.Key}"))} " +
                          $"and updating the request and its order: {rawRun.PerSecond:N0} per second");
        Console.WriteLine($"deadline worker ÷ raw loop: {workerRate:N0} ÷ {rawRun.PerSecond:N0} = {workerRate / rawRun.PerSecond:N2}");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return (workerRate, rawRun.PerSecond);
    }
}

internal sealed class BenchEnvironment(string root) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = "Benchmark";
    public string ApplicationName { get; set; } = "RefundPortal";
    public string ContentRootPath { get; set; } = root;
    public IFileProvider ContentRootFileProvider { get; set; } = new PhysicalFileProvider(root);
}
