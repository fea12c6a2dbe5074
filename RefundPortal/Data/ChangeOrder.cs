using Microsoft.EntityFrameworkCore;
using RefundPortal.Domain;

namespace RefundPortal.Data;

/// <summary>
/// Numbers every saved change of a refund in commit order, for the integration API's keyset feeds (refunds by change,
/// events by id). A reader that has seen number N must never later find a smaller one commit: with several writers a
/// number drawn early but committed late would be skipped for good. So the number is drawn under a lock held until the
/// commit: SQLite's write lock (write transactions begin IMMEDIATE, one writer at a time), and on PostgreSQL a
/// transaction-level advisory lock. Rows inserted after it in the same transaction (the integration events) get their
/// ids in commit order as well. Only <c>RefundService.SaveAllAsync</c> takes it, as its transaction's first statement, so
/// it is always taken before any row lock and cannot deadlock with one.
/// </summary>
public static class ChangeOrder
{
    /// <summary>The shadow column on <c>RefundRequests</c>; the domain does not need it.</summary>
    public const string Column = "ChangeNumber";
    private const long LockKey = 0x5250_4348_414E_47; // "RPCHANG"

    /// <summary>Inside the open transaction: waits for the lock, then gives each refund the next change number.</summary>
    public static async Task NumberAsync(AppDbContext db, IEnumerable<RefundRequest> requests, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Number a change inside its transaction.");
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct);
        var last = await db.RefundRequests.MaxAsync(r => (long?)EF.Property<long>(r, Column), ct) ?? 0;
        foreach (var request in requests) db.Entry(request).Property<long>(Column).CurrentValue = ++last;
    }
}
