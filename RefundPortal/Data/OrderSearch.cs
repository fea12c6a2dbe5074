using Microsoft.EntityFrameworkCore;
using RefundPortal.Domain;
using RefundPortal.Features.Shared;

namespace RefundPortal.Data;

/// <summary>
/// "Search by order number or product": any part of the number or of a line's product name, ignoring case, through an
/// index on both engines. On SQLite the FTS5 trigram table <c>OrderSearch</c> (its migration keeps it in step with the
/// orders by triggers); on PostgreSQL the trigram (<c>pg_trgm</c>) GIN indexes on the lower-cased columns. A trigram
/// needs three characters: a shorter term is matched by LIKE within the user's own orders.
/// </summary>
public static class OrderSearch
{
    private const int TrigramLength = 3;

    public static IQueryable<Order> Matching(this IQueryable<Order> orders, AppDbContext db, string term)
    {
        term = term.Trim();
        if (ThroughFts(db, term))
        {
            var ids = MatchingIds(db, term);
            return orders.Where(o => ids.Contains(o.Id));
        }
        var pattern = Paging.Contains(term);
        return orders.Where(o => EF.Functions.Like(o.Number.ToLower(), pattern, "\\")
                                 || o.Lines.Any(l => EF.Functions.Like(l.ProductName.ToLower(), pattern, "\\")));
    }

    /// <summary>
    /// The matching orders driven by the search index, for counting: SQLite walks the FTS matches and looks each order
    /// up (CROSS JOIN fixes that order), so a count that stops at its bound stops early, and a rare term never scans a
    /// big buyer's whole history. For the page itself <see cref="Matching"/> is better: it walks the user's orders in
    /// date order and stops at the page's end.
    /// </summary>
    public static IQueryable<Order> DrivenBySearch(AppDbContext db, string term)
    {
        term = term.Trim();
        if (!ThroughFts(db, term)) return db.Orders.Matching(db, term);
        var phrase = Phrase(term);
        return db.Orders.FromSql($"SELECT o.* FROM OrderSearch CROSS JOIN Orders AS o ON o.Id = OrderSearch.rowid WHERE OrderSearch MATCH {phrase}");
    }

    /// <summary>The ids of the orders that match, as a subquery (on SQLite through the FTS table, else by the same rule as above).</summary>
    public static IQueryable<int> MatchingIds(AppDbContext db, string term)
    {
        term = term.Trim();
        if (!ThroughFts(db, term)) return db.Orders.Matching(db, term).Select(o => o.Id);
        var phrase = Phrase(term);
        return db.Database.SqlQuery<int>($"SELECT rowid AS \"Value\" FROM OrderSearch WHERE OrderSearch MATCH {phrase}");
    }

    /// <summary>The FTS table serves a term on SQLite, of at least one trigram.</summary>
    private static bool ThroughFts(AppDbContext db, string term) => db.Database.IsSqlite() && term.Length >= TrigramLength;

    /// <summary>One FTS5 string (a quoted phrase, its quotes doubled): the term is matched as a substring, never as query syntax.</summary>
    private static string Phrase(string term) => "\"" + term.Replace("\"", "\"\"") + "\"";
}
