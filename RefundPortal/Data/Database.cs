using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RefundPortal.Features.Integration.ApiClients;
using RefundPortal.Features.Integration.Webhooks;

namespace RefundPortal.Data;

public enum DatabaseProviderKind
{
    Sqlite,
    PostgreSql,
}

/// <summary>Which engine this process runs on, for the few places that differ (start-up, backup).</summary>
public sealed record DatabaseProvider(DatabaseProviderKind Kind);

public static class Database
{
    /// <summary>The advisory lock that serialises start-up (migrations and the demo world) across nodes.</summary>
    private const long StartLockKey = 0x5250_5354_4152_54; // "RPSTART"
    public const string DefaultConnectionString = "Data Source=App_Data/refundportal.db";

    /// <summary>
    /// The database behind a context factory: SQLite (the embedded default; a relative file path is taken from the
    /// content root) or, with <c>Database:Provider = PostgreSql</c>, PostgreSQL through Npgsql. Either way the services
    /// ask for <c>IDbContextFactory&lt;AppDbContext&gt;</c> (and Identity for a scoped <see cref="AppDbContext"/>).
    /// </summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = ProviderOf(configuration);
        services.AddSingleton(new DatabaseProvider(provider));
        services.AddSingleton<StartupGate>();
        if (provider == DatabaseProviderKind.PostgreSql)
        {
            var connectionString = configuration.GetConnectionString("RefundPortal")
                                   ?? throw new InvalidOperationException("Database:Provider is PostgreSql: set ConnectionStrings:RefundPortal to its connection string.");
            services.AddSingleton(new PostgreSqlDatabase(connectionString));
            services.AddDbContextFactory<PostgreSqlDbContext>(options => options.UseNpgsql(connectionString));
            services.AddSingleton<IDbContextFactory<AppDbContext>>(sp => new AsAppDbContext(sp.GetRequiredService<IDbContextFactory<PostgreSqlDbContext>>()));
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<IDbContextFactory<PostgreSqlDbContext>>().CreateDbContext());
            return services;
        }
        var sqlite = ResolveConnectionString(configuration.GetConnectionString("RefundPortal") ?? DefaultConnectionString, environment.ContentRootPath);
        // A list of ids goes to SQLite as one JSON parameter (json_each), not one parameter per id: EF 10's default
        // re-translates the SQL for every list length, a fifth of the deadline worker's time at 100 ids a batch.
        services.AddDbContextFactory<AppDbContext>(options => options
            .UseSqlite(sqlite, sqliteOptions => sqliteOptions.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
            .AddInterceptors(new ConnectionPragmasInterceptor()));
        return services;
    }

    public static DatabaseProviderKind ProviderOf(IConfiguration configuration) => configuration["Database:Provider"] switch
    {
        null or "" or "Sqlite" => DatabaseProviderKind.Sqlite,
        "PostgreSql" => DatabaseProviderKind.PostgreSql,
        var other => throw new InvalidOperationException($"Database:Provider is \"{other}\": use Sqlite (the default) or PostgreSql."),
    };

    /// <summary>Whether a save failed on a unique index (a second payout, a second event id …), on either provider.</summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException { SqliteErrorCode: 19 } => true,
        Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } => true,
        _ => false,
    };

    private sealed class AsAppDbContext(IDbContextFactory<PostgreSqlDbContext> inner) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => inner.CreateDbContext();
        public async Task<AppDbContext> CreateDbContextAsync(CancellationToken ct = default) => await inner.CreateDbContextAsync(ct);
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
    /// Everything start-up does, at once (the tests and the maintenance commands): <see cref="MigrateDatabaseAsync"/>,
    /// then <see cref="SeedDatabaseAsync"/>.
    /// </summary>
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await services.MigrateDatabaseAsync(ct);
        await services.SeedDatabaseAsync(ct);
    }

    /// <summary>
    /// Before the server listens: on PostgreSQL creates a missing database (or throws a
    /// <see cref="DatabaseStartupException"/>), then applies the committed migrations, turns on WAL and creates the roles.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        if (services.GetService<PostgreSqlDatabase>() is { } postgres) await postgres.EnsureExistsAsync(ct);
        await OneNodeAtATimeAsync(services, async (scope, db) =>
        {
            if (!db.Database.IsNpgsql())
            {
                // WAL lets readers go on while one writer commits; the setting stays with the database file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
            await db.Database.MigrateAsync(ct);
            await DemoWorld.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        }, ct);
    }

    /// <summary>
    /// After the server listens: on a new database seeds the demo world (always in Development, elsewhere only when
    /// <c>Demo:Seed</c> is set, with a warning), takes the webhook endpoints from the settings, then opens the
    /// <see cref="StartupGate"/>.
    /// </summary>
    public static async Task SeedDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await OneNodeAtATimeAsync(services, async (scope, _) =>
        {
            var configuration = scope.ServiceProvider.GetRequiredService<IConfiguration>();
            var environment = scope.ServiceProvider.GetRequiredService<IHostEnvironment>();
            var seed = configuration.GetValue<bool?>("Demo:Seed") ?? environment.IsDevelopment();
            if (seed) await scope.ServiceProvider.GetRequiredService<DemoWorld>().SeedIfNewAsync(ct);
            // The demo marketplace's API key is public (README): a developer's own machine only.
            if (seed && environment.IsDevelopment())
                await scope.ServiceProvider.GetRequiredService<ApiClientService>().EnsureAsync(DemoWorld.ApiClientName, DemoWorld.ApiKey, ct);
            await scope.ServiceProvider.GetRequiredService<WebhookEndpointService>().SyncFromSettingsAsync(ct);
        }, ct);
        services.GetRequiredService<StartupGate>().Open();
    }

    /// <summary>
    /// Several nodes may start at once on an empty PostgreSQL database: one at a time migrates and seeds, the others
    /// then find it done. A session-level advisory lock, held on this context's connection while the work runs.
    /// </summary>
    private static async Task OneNodeAtATimeAsync(IServiceProvider services, Func<AsyncServiceScope, AppDbContext, Task> work, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        var postgres = db.Database.IsNpgsql();
        if (postgres)
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({StartLockKey})", ct);
        }
        try
        {
            await work(scope, db);
        }
        finally
        {
            // A pooled connection outlives this context: the lock is given back explicitly.
            if (postgres) await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({StartLockKey})", CancellationToken.None);
        }
    }

    /// <summary>
    /// Per SQLite connection: wait for a competing writer instead of failing at once with "database is locked", and
    /// sync the write-ahead log at checkpoints rather than at every commit (synchronous NORMAL, the usual choice under
    /// WAL): a commit survives the app being killed, but the last commits before a power loss or an OS crash can be
    /// lost (the file stays consistent). The README says so.
    /// </summary>
    private sealed class ConnectionPragmasInterceptor : DbConnectionInterceptor
    {
        private const string Pragma = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";

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
