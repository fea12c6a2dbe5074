using Microsoft.Data.Sqlite;

namespace RefundPortal.Tests.Support;

/// <summary>
/// One table of a test database moved out of the way for a while: every statement that touches it fails in SQLite
/// ("no such table"), as on a damaged or half-migrated database, while everything else keeps working.
/// </summary>
public sealed class TableOutage : IAsyncDisposable
{
    private readonly string databasePath;
    private readonly string table;

    private TableOutage(string databasePath, string table) => (this.databasePath, this.table) = (databasePath, table);

    public static async Task<TableOutage> StartAsync(TestApp app, string table)
    {
        var outage = new TableOutage(app.DatabasePath, table);
        await outage.RenameAsync(table, table + "_unavailable");
        return outage;
    }

    public ValueTask DisposeAsync() => new(RenameAsync(table + "_unavailable", table));

    private async Task RenameAsync(string from, string to)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = 10000; ALTER TABLE \"{from}\" RENAME TO \"{to}\";";
        await command.ExecuteNonQueryAsync();
    }
}
