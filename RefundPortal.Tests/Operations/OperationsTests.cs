using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RefundPortal.Data;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Operations;

/// <summary>What an operator runs: the health endpoints and the backup and restore commands, on the real app process.</summary>
public sealed class OperationsTests(ServedApp served) : IClassFixture<ServedApp>, IDisposable
{
    private readonly string scratch = Path.Combine(Path.GetTempPath(), "refundportal-ops", Guid.NewGuid().ToString("N"));
    private AppServer Server => served.App;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(scratch, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task LiveAndReadyAnswerHealthy()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUrl };

        var live = await http.GetAsync("/health/live");
        var ready = await http.GetAsync("/health/ready");

        Assert.Equal(System.Net.HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BackupWhileServingThenRestoreIntoAFreshPlace()
    {
        var live = new Dictionary<string, string> { ["ConnectionStrings:RefundPortal"] = $"Data Source={Server.DatabasePath}" };
        var backup = await AppServer.RunCommandAsync(["backup", Path.Combine(scratch, "backup")], live);
        var restoredDb = Path.Combine(scratch, "restored", "refundportal.db");
        var target = new Dictionary<string, string>
        {
            ["ConnectionStrings:RefundPortal"] = $"Data Source={restoredDb}",
            ["Evidence:Directory"] = Path.Combine(scratch, "restored", "evidence"),
        };
        var restore = await AppServer.RunCommandAsync(["restore", Path.Combine(scratch, "backup")], target);
        var again = await AppServer.RunCommandAsync(["restore", Path.Combine(scratch, "backup")], target);

        Assert.True(backup.ExitCode == 0, backup.Output);
        Assert.True(restore.ExitCode == 0, restore.Output);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("move it away first", again.Output);
        await using var restored = new SqliteConnection($"Data Source={restoredDb};Mode=ReadOnly;Pooling=False");
        await restored.OpenAsync();
        await using var count = restored.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM Orders";
        Assert.True((long)(await count.ExecuteScalarAsync())! > 40);
    }

    [Fact]
    public async Task ReadyIsUnhealthyWhileMigrationsArePending()
    {
        var empty = Path.Combine(scratch, "empty.db");
        Directory.CreateDirectory(scratch);
        await using (var create = new SqliteConnection($"Data Source={empty}")) await create.OpenAsync();
        var startup = new StartupGate();
        await using var services = new ServiceCollection()
            .AddDbContextFactory<AppDbContext>(o => o.UseSqlite($"Data Source={empty}"))
            .AddSingleton(startup)
            .BuildServiceProvider();
        var check = ActivatorUtilities.CreateInstance<DatabaseHealthCheck>(services);

        var starting = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, starting.Status);
        Assert.StartsWith("Starting", starting.Description);

        startup.Open();
        var result = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("not applied", result.Description);
    }
}
