using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace RefundPortal.Benchmarks;

/// <summary>
/// Writes N orders of the demo buyer from the demo seller straight into the portal's SQLite file: two lines each, one
/// order in ten with a refund request (a fifth waiting for the seller, half refunded, the rest closed). The order search
/// index's triggers are set aside during the load and the index rebuilt in one statement after, as a bulk import would.
/// For the statistics (<paramref name="forStatistics"/> of <see cref="Generate"/>) the requests also vary their reasons,
/// the refunded ones carry the seller's answer a day or two later, and one in ten of the closed ones went to the platform:
/// half still open there (escalated two days after the request), half rejected by a ruling.
/// </summary>
internal static class MarketplaceGenerator
{
    /// <summary>Product names; one order in 1,000 carries the rare one the benchmark searches for.</summary>
    private static readonly string[] Products =
        ["Trail Backpack 40L", "USB-C Cable 2m", "Camping Lantern", "Ceramic Mug", "Wool Socks", "Phone Case", "Desk Lamp", "户外折叠露营灯"];
    public const string RareProduct = "Aurora Headlamp";

    private static readonly string[] Reasons =
        ["NotReceived", "NotAsDescribed", "QualityProblem", "DamagedInTransit", "WrongItem", "MissingParts", "NoLongerNeeded"];

    public static TimeSpan Generate(string database, int orders, bool forStatistics = false)
    {
        var clock = Stopwatch.StartNew();
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;");
        string Scalar(string sql) { using var c = connection.CreateCommand(); c.CommandText = sql; return (string)c.ExecuteScalar()!; }
        var buyer = Scalar("SELECT Id FROM AspNetUsers WHERE NormalizedEmail = 'BUYER@EXAMPLE.COM'");
        var seller = Scalar("SELECT Id FROM AspNetUsers WHERE NormalizedEmail = 'SELLER@EXAMPLE.COM'");
        var arbiter = Scalar("SELECT Id FROM AspNetUsers WHERE NormalizedEmail = 'ARBITER@EXAMPLE.COM'");

        var triggers = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'OrderSearch_%'";
            using var reader = list.ExecuteReader();
            while (reader.Read()) triggers.Add(reader.GetString(1));
        }
        Execute(connection, string.Concat(triggers.Select(t => $"DROP TRIGGER {t.Split(' ')[2]};")));

        using var transaction = connection.BeginTransaction();
        var order = Prepare(connection, transaction,
            "INSERT INTO Orders (Number, BuyerId, SellerId, Currency, ShippingFeeMinor, PaidTotalMinor, RefundedTotalMinor, ShippingRefunded, Status, PlacedAt, PaidAt, ShippedAt, DeliveredAt, CompletedAt, Version) " +
            "VALUES ($number, $buyer, $seller, 'USD', 500, $paid, $refunded, 0, $status, $at, $at, $at, $at, $completed, $version) RETURNING Id",
            "$number", "$buyer", "$seller", "$paid", "$refunded", "$status", "$at", "$completed", "$version");
        var line = Prepare(connection, transaction,
            "INSERT INTO OrderLines (OrderId, ProductName, Sku, UnitPriceMinor, Quantity, RefundedQuantity) VALUES ($order, $name, $sku, $price, $quantity, $refunded) RETURNING Id",
            "$order", "$name", "$sku", "$price", "$quantity", "$refunded");
        var refund = Prepare(connection, transaction,
            "INSERT INTO RefundRequests (OrderId, BuyerId, SellerId, Currency, Status, CloseReason, InitiatedBySeller, GoodsReceived, Kind, Reason, AmountMinor, IncludesShipping, LimitMinor, CreatedAt, UpdatedAt, DeadlineAt, Version, ChangeNumber, BuyerQueue, SellerQueue) " +
            "VALUES ($order, $buyer, $seller, 'USD', $status, $close, 0, 1, 'RefundOnly', $reason, 1000, 0, 2000, $at, $at, $deadline, $version, $change, $buyerQueue, $sellerQueue) RETURNING Id",
            "$order", "$buyer", "$seller", "$status", "$close", "$reason", "$at", "$deadline", "$version", "$change", "$buyerQueue", "$sellerQueue");
        var escalate = Prepare(connection, transaction,
            "UPDATE RefundRequests SET EscalatedAt = $at, EscalationStatement = 'It arrived broken.' WHERE Id = $refund", "$refund", "$at");
        var answer = Prepare(connection, transaction,
            "INSERT INTO TimelineEvents (RefundRequestId, Kind, ActorId, ActorRole, FromStatus, ToStatus, At) VALUES ($refund, $kind, $actor, $role, $from, $to, $at)",
            "$refund", "$kind", "$actor", "$role", "$from", "$to", "$at");
        var refundLine = Prepare(connection, transaction,
            "INSERT INTO RefundLine (RefundRequestId, OrderLineId, Quantity) VALUES ($refund, $line, 1)", "$refund", "$line");
        var timeline = Prepare(connection, transaction,
            "INSERT INTO TimelineEvents (RefundRequestId, Kind, ActorId, ActorRole, ToStatus, At) VALUES ($refund, 'Applied', $buyer, 'Buyer', 'AwaitingSeller', $at)",
            "$refund", "$buyer", "$at");

        var start = DateTime.UtcNow.AddDays(-60);
        for (var i = 0; i < orders; i++)
        {
            var at = start.AddSeconds(i * (60 * 86400.0 / orders));
            var hasRefund = i % 10 == 3;
            var refunded = hasRefund && i % 20 == 3;
            var id = (long)Run(order, $"RP-GEN-{i:D7}", buyer, seller, 4500, refunded ? 1000 : 0, "Completed", Iso(at), Iso(at.AddDays(5)), Guid.NewGuid().ToString())!;
            var first = Products[i % Products.Length];
            var firstLine = (long)Run(line, id, i % 1000 == 7 ? RareProduct : first, $"SKU-{i % Products.Length}", 1000, 2, refunded ? 1 : 0)!;
            Run(line, id, Products[(i / 7) % Products.Length], "SKU-X", 2000, 1, 0);
            if (!hasRefund) continue;
            var status = refunded ? "Refunded" : i % 50 == 13 ? "AwaitingSeller" : "Closed";
            var (disputed, ruled) = (forStatistics && i % 100 == 33, forStatistics && i % 100 == 53);
            if (disputed) status = "PlatformIntervention";
            var applied = at.AddDays(1);
            var deadline = status == "AwaitingSeller" ? Iso(DateTime.UtcNow.AddDays(2)) : disputed ? Iso(applied.AddDays(9)) : null;
            var reason = forStatistics ? Reasons[(i / 10) % Reasons.Length] : "NoLongerNeeded";
            var refundId = (long)Run(refund, id, buyer, seller, status, status == "Closed" ? ruled ? "RuledAgainst" : "Withdrawn" : null, reason, Iso(applied),
                deadline, Guid.NewGuid().ToString(), i + 1_000_000L,
                status == "AwaitingSeller" ? 1 : disputed ? 1 : 2, status == "AwaitingSeller" ? 0 : disputed ? 1 : 2)!;
            Run(refundLine, refundId, firstLine);
            Run(timeline, refundId, buyer, Iso(applied));
            if (refunded && forStatistics)
                Run(answer, refundId, "Agreed", seller, "Seller", "AwaitingSeller", "Refunded", Iso(applied.AddHours(6 + i % 43)));
            if (disputed || ruled)
            {
                Run(answer, refundId, "Refused", seller, "Seller", "AwaitingSeller", "SellerRefused", Iso(applied.AddHours(3)));
                Run(answer, refundId, "Escalated", buyer, "Buyer", "SellerRefused", "PlatformIntervention", Iso(applied.AddDays(2)));
                Run(escalate, refundId, Iso(applied.AddDays(2)));
            }
            if (ruled) Run(answer, refundId, "Ruled", arbiter, "Arbiter", "PlatformIntervention", "Closed", Iso(applied.AddDays(4)));
        }
        transaction.Commit();

        Execute(connection, "INSERT INTO OrderSearch (rowid, Text) SELECT o.Id, o.Number || ' ' || COALESCE((SELECT group_concat(l.ProductName, ' ') " +
                            "FROM OrderLines l WHERE l.OrderId = o.Id), '') FROM Orders o WHERE o.Number LIKE 'RP-GEN-%';");
        foreach (var trigger in triggers) Execute(connection, trigger);
        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        return clock.Elapsed;
    }

    private static string Iso(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF");

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter(name, null));
        command.Prepare();
        return command;
    }

    private static object? Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
