using Microsoft.EntityFrameworkCore;
using Npgsql;
using RefundPortal.Data;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Operations;

/// <summary>The real app process started on PostgreSQL with a database that does not exist yet, as an operator meets it.</summary>
public sealed class PostgreSqlStartupTests
{
    private static Dictionary<string, string> On(string connectionString) => new()
    {
        ["Database:Provider"] = "PostgreSql",
        ["ConnectionStrings:RefundPortal"] = connectionString,
    };

    private static string DatabaseOf(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database!;

    /// <summary>The owner of the database of that name, or null when there is none.</summary>
    private static async Task<string?> OwnerOfAsync(string database)
    {
        await using var admin = new NpgsqlConnection((await PostgresServer.GetAsync()).ConnectionString("postgres"));
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = $1", admin);
        command.Parameters.AddWithValue(database);
        return (string?)await command.ExecuteScalarAsync();
    }

    private static async Task AssertMigratedAsync(string connectionString)
    {
        await using var db = new PostgreSqlDbContext(new DbContextOptionsBuilder<PostgreSqlDbContext>().UseNpgsql(connectionString).Options);
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task ARoleWithCreateDbStartsOnAMissingDatabaseByCreatingAndMigratingIt()
    {
        var postgres = await PostgresServer.GetAsync();
        // Not a superuser: what the README asks of the portal's user is enough (CREATEDB; pg_trgm is a trusted extension).
        var role = await postgres.NewRoleAsync("CREATEDB");
        var connectionString = postgres.MissingDatabase(role);

        await using var node = await AppServer.StartAsync(On(connectionString));

        Assert.Equal(role, await OwnerOfAsync(DatabaseOf(connectionString)));
        await AssertMigratedAsync(connectionString);
    }

    [Fact]
    public async Task TwoNodesStartedAtOnceOnOneMissingDatabaseBothBecomeReady()
    {
        var connectionString = (await PostgresServer.GetAsync()).MissingDatabase();

        var (a, b) = (AppServer.StartAsync(On(connectionString)), AppServer.StartAsync(On(connectionString)));
        await using var nodeA = await a;
        await using var nodeB = await b;

        Assert.NotNull(await OwnerOfAsync(DatabaseOf(connectionString)));
        await AssertMigratedAsync(connectionString);
    }

    [Fact]
    public async Task EightNodesCreatingOneMissingDatabaseAtTheSameMomentAllGoOn()
    {
        var connectionString = (await PostgresServer.GetAsync()).MissingDatabase();

        // In one process, so that the CREATE DATABASE statements really meet (two app processes meet there only some runs).
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => new PostgreSqlDatabase(connectionString).EnsureExistsAsync())));

        Assert.Equal("postgres", await OwnerOfAsync(DatabaseOf(connectionString)));
    }

    [Fact]
    public async Task ARoleThatMayNotCreateTheMissingDatabaseStopsStartUpWithOneClearLine()
    {
        var postgres = await PostgresServer.GetAsync();
        var role = await postgres.NewRoleAsync("NOCREATEDB");
        var connectionString = postgres.MissingDatabase(role);
        var database = DatabaseOf(connectionString);
        var settings = On(connectionString);
        // Should it start after all, it must not take another app's port.
        settings["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        var expected = $"PostgreSQL database \"{database}\" does not exist and user \"{role}\" may not create it: " +
                       $"create it (CREATE DATABASE \"{database}\" OWNER \"{role}\") or grant CREATEDB.";

        // Each run gives up after 60 s (RunCommandAsync): the portal must stop on its own well before.
        var portal = await AppServer.RunCommandAsync([], settings);
        var admin = await AppServer.RunCommandAsync(["admin", "create", "ops@example.org"], settings);

        Assert.Equal(1, portal.ExitCode);
        Assert.Equal(expected, portal.Output.Trim());
        Assert.Equal(1, admin.ExitCode);
        Assert.Equal($"admin create failed: {expected}", admin.Output.Trim());
        Assert.Null(await OwnerOfAsync(database));
    }
}
