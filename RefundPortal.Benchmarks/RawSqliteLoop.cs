using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace RefundPortal.Benchmarks;

/// <summary>
/// The yardstick for the deadline worker: the same writes per due item, by hand. For each request: read it and its order,
/// update both, insert the rows the worker wrote per item (timeline entries, notifications, emails, the payout, the
/// integration events), one transaction each, with prepared statements, at the app's durability (WAL, synchronous NORMAL).
/// </summary>
internal static class RawSqliteLoop
{
    public static readonly string[] Tables = ["TimelineEvents", "Notifications", "OutboxEmails", "Payouts", "IntegrationEvents"];

    public static Dictionary<string, long> CountRows(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        return Tables.ToDictionary(t => t, t =>
        {
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{t}\"";
            return (long)count.ExecuteScalar()!;
        });
    }

    public static (int Items, double PerSecond) Run(string database, IReadOnlyDictionary<string, int> rowsPerItem)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;");
        var ids = new List<(long Id, long OrderId)>();
        using (var due = connection.CreateCommand())
        {
            due.CommandText = "SELECT Id, OrderId FROM RefundRequests WHERE Status = 'AwaitingSeller' ORDER BY DeadlineAt, Id";
            using var reader = due.ExecuteReader();
            while (reader.Read()) ids.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }

        var readRequest = Prepare(connection, "SELECT Status, Version, AmountMinor, BuyerId, Currency FROM RefundRequests WHERE Id = $id", "$id");
        var readOrder = Prepare(connection, "SELECT Version, RefundedTotalMinor FROM Orders WHERE Id = $id", "$id");
        var updateRequest = Prepare(connection,
            "UPDATE RefundRequests SET Status = 'Refunded', Version = $new, UpdatedAt = $at, DeadlineAt = NULL WHERE Id = $id AND Version = $old",
            "$new", "$at", "$id", "$old");
        var updateOrder = Prepare(connection, "UPDATE Orders SET RefundedTotalMinor = $total, Version = $new WHERE Id = $id AND Version = $old",
            "$total", "$new", "$id", "$old");
        var timeline = Prepare(connection,
            "INSERT INTO TimelineEvents (RefundRequestId, Kind, ActorRole, FromStatus, ToStatus, At) VALUES ($id, 'DeadlinePassed', 'System', 'AwaitingSeller', 'Refunded', $at)",
            "$id", "$at");
        var notification = Prepare(connection,
            "INSERT INTO Notifications (UserId, RefundRequestId, Kind, Title, Body, Link, CreatedAt) VALUES ($user, $id, 'DeadlinePassed', $title, $body, $link, $at)",
            "$user", "$id", "$title", "$body", "$link", "$at");
        var email = Prepare(connection,
            "INSERT INTO OutboxEmails (ToAddress, ToName, Subject, TextBody, HtmlBody, Status, Attempts, CreatedAt, NextAttemptAt) " +
            "VALUES ('b@x', 'Buyer', $subject, $text, $html, 'Pending', 0, $at, $at)",
            "$subject", "$text", "$html", "$at");
        var payout = Prepare(connection,
            "INSERT INTO Payouts (Id, RefundRequestId, OrderId, BuyerId, AmountMinor, Currency, RequestedAt, Status) VALUES ($pid, $id, $order, $buyer, $amount, $currency, $at, 'Requested')",
            "$pid", "$id", "$order", "$buyer", "$amount", "$currency", "$at");
        var integrationEvent = Prepare(connection,
            "INSERT INTO IntegrationEvents (EventId, Type, RefundRequestId, CreatedAt, Body) VALUES ($eid, 'refund.refunded', $id, $at, $body)",
            "$eid", "$id", "$at", "$body");
        var body = new string('x', 1200); // about the size of a webhook body

        var clock = Stopwatch.StartNew();
        foreach (var (id, orderId) in ids)
        {
            using var transaction = connection.BeginTransaction(); // BEGIN IMMEDIATE, as the app's write transactions
            var at = DateTime.UtcNow.ToString("O");
            string oldVersion, buyer, currency; long amount;
            readRequest.Transaction = transaction;
            readRequest.Parameters["$id"].Value = id;
            using (var reader = readRequest.ExecuteReader())
            {
                reader.Read();
                (oldVersion, amount, buyer, currency) = (reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4));
            }
            string orderVersion; long refunded;
            readOrder.Transaction = transaction;
            readOrder.Parameters["$id"].Value = orderId;
            using (var reader = readOrder.ExecuteReader())
            {
                reader.Read();
                (orderVersion, refunded) = (reader.GetString(0), reader.GetInt64(1));
            }
            Run(updateRequest, transaction, Guid.NewGuid().ToString(), at, id, oldVersion);
            Run(updateOrder, transaction, refunded + amount, Guid.NewGuid().ToString(), orderId, orderVersion);
            for (var i = 0; i < rowsPerItem["TimelineEvents"]; i++) Run(timeline, transaction, id, at);
            for (var i = 0; i < rowsPerItem["Notifications"]; i++)
                Run(notification, transaction, i % 2 == 0 ? "b" : "s", id, "The system acted on a missed deadline", "The seller did not respond in time.", $"refunds/{id}", at);
            for (var i = 0; i < rowsPerItem["OutboxEmails"]; i++)
                Run(email, transaction, "[RefundPortal] Refund successful", "Hello,\n\nThe refund was issued.", "<p>The refund was issued.</p>", at);
            for (var i = 0; i < rowsPerItem["Payouts"]; i++) Run(payout, transaction, Guid.NewGuid().ToString(), id, orderId, buyer, amount, currency, at);
            for (var i = 0; i < rowsPerItem["IntegrationEvents"]; i++) Run(integrationEvent, transaction, Guid.NewGuid().ToString(), id, at, body);
            transaction.Commit();
        }
        clock.Stop();
        return (ids.Count, ids.Count / clock.Elapsed.TotalSeconds);
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter(name, null));
        return command;
    }

    private static void Run(SqliteCommand command, SqliteTransaction transaction, params object[] values)
    {
        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
