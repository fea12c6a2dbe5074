using Npgsql;

namespace RefundPortal.Data;

/// <summary>
/// The PostgreSQL database of <c>ConnectionStrings:RefundPortal</c>, made sure of before start-up takes its lock. The
/// lock needs a connection to the database, so EF's Migrate comes too late to create a missing one: this creates it as
/// Migrate would (<c>CREATE DATABASE</c> from the maintenance database, owned by the connecting user). What only an
/// operator can fix ends start-up as a <see cref="DatabaseStartupException"/>.
/// </summary>
public sealed class PostgreSqlDatabase(string connectionString)
{
    /// <summary>Where <c>CREATE DATABASE</c> is sent from, as EF's database creator and <c>createdb</c> do.</summary>
    public const string MaintenanceDatabase = "postgres";

    public async Task EnsureExistsAsync(CancellationToken ct = default)
    {
        // Unpooled (multiplexing needs a pool): these connections are made once, a pool would keep them open beside EF's.
        var target = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Multiplexing = false };
        // Npgsql's defaults when the connection string leaves them out.
        var user = target.Username ?? Environment.GetEnvironmentVariable("PGUSER") ?? Environment.UserName;
        var database = target.Database ?? user;
        try
        {
            await using var connection = new NpgsqlConnection(target.ConnectionString);
            await connection.OpenAsync(ct);
            return;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // Missing: created below, outside this catch.
        }
        catch (NpgsqlException e)
        {
            throw new DatabaseStartupException($"PostgreSQL database \"{database}\" on {Server(target)} cannot be opened as user \"{user}\": " +
                                               $"{Reason(e)}. Check ConnectionStrings:RefundPortal.", e);
        }
        await CreateAsync(target, database, user, ct);
    }

    private static async Task CreateAsync(NpgsqlConnectionStringBuilder target, string database, string user, CancellationToken ct)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = MaintenanceDatabase };
        var create = $"CREATE DATABASE {Quoted(database)}";
        var statement = $"{create} OWNER {Quoted(user)}";
        var missing = $"PostgreSQL database \"{database}\" does not exist and user \"{user}\"";
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (NpgsqlException e)
        {
            throw new DatabaseStartupException($"{missing} cannot create it, as the maintenance database \"{MaintenanceDatabase}\" " +
                                               $"cannot be opened: {Reason(e)}. Create it ({statement}).", e);
        }
        try
        {
            await using var command = new NpgsqlCommand(create, connection);
            await command.ExecuteNonQueryAsync(ct);
        }
        // Another node created it between our look and our CREATE: 42P04 once it committed, 23505 on pg_database's
        // unique index when both ran at the same moment. Either way it is there.
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new DatabaseStartupException($"{missing} may not create it: create it ({statement}) or grant CREATEDB.", e);
        }
        catch (NpgsqlException e)
        {
            throw new DatabaseStartupException($"{missing} could not create it: {Reason(e)}. Create it ({statement}).", e);
        }
    }

    private static string Server(NpgsqlConnectionStringBuilder settings) => $"{settings.Host}:{settings.Port}";

    /// <summary>The server's own sentence, or the network's (connection refused, a timeout), on one line.</summary>
    private static string Reason(NpgsqlException e) => (e switch
    {
        PostgresException postgres => $"{postgres.MessageText} ({postgres.SqlState})",
        { InnerException: { } inner } => $"{e.Message.TrimEnd('.')}: {inner.Message.TrimEnd('.')}",
        _ => e.Message.TrimEnd('.'),
    }).ReplaceLineEndings(" ");

    private static string Quoted(string identifier) => $"\"{identifier.Replace("\"", "\"\"")}\"";
}
