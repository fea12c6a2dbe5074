using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RefundPortal.Features.Integration.ApiClients;
using RefundPortal.Features.Integration.Webhooks;

namespace RefundPortal.Data;

public static class Database
{
    public const string DefaultConnectionString = "Data Source=App_Data/refundportal.db";

    /// <summary>The SQLite database behind a context factory; a relative file path is taken from the content root.</summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var connectionString = ResolveConnectionString(
            configuration.GetConnectionString("RefundPortal") ?? DefaultConnectionString, environment.ContentRootPath);
        services.AddDbContextFactory<AppDbContext>(options => options
            .UseSqlite(connectionString)
            .AddInterceptors(new BusyTimeoutInterceptor()));
        return services;
    }

    public static string ResolveConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.IsPathRooted(file) ? file : Path.GetFullPath(Path.Combine(contentRoot, file));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }
        return builder.ToString();
    }

    /// <summary>
    /// Applies the committed migrations, turns on WAL, creates the roles and, on a new database, seeds the demo world:
    /// always in Development, elsewhere only when <c>Demo:Seed</c> is set (with a warning).
    /// </summary>
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            // WAL lets readers go on while one writer commits; the setting stays with the database file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.MigrateAsync(ct);
        }
        await DemoWorld.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        var configuration = scope.ServiceProvider.GetRequiredService<IConfiguration>();
        var environment = scope.ServiceProvider.GetRequiredService<IHostEnvironment>();
        var seed = configuration.GetValue<bool?>("Demo:Seed") ?? environment.IsDevelopment();
        if (seed) await scope.ServiceProvider.GetRequiredService<DemoWorld>().SeedIfNewAsync(ct);
        // The demo marketplace's API key is public (README): a developer's own machine only.
        if (seed && environment.IsDevelopment())
            await scope.ServiceProvider.GetRequiredService<ApiClientService>().EnsureAsync(DemoWorld.ApiClientName, DemoWorld.ApiKey, ct);
        await scope.ServiceProvider.GetRequiredService<WebhookEndpointService>().SyncFromSettingsAsync(ct);
    }

    /// <summary>Waits for a competing writer instead of failing at once with "database is locked".</summary>
    private sealed class BusyTimeoutInterceptor : DbConnectionInterceptor
    {
        private const string Pragma = "PRAGMA busy_timeout = 10000;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
