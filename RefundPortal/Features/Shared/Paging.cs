using Microsoft.EntityFrameworkCore;

namespace RefundPortal.Features.Shared;

/// <summary>One server-side page of a list; lists are never loaded whole.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount, int PageNumber, int PageSize)
{
    /// <summary>The count stopped at <see cref="Paging.CountBound"/>: there are more than <see cref="TotalCount"/>.</summary>
    public bool CountIsLowerBound { get; init; }

    /// <summary>Past the bound there is always one more page to go to.</summary>
    public int PageCount => CountIsLowerBound
        ? Math.Max(PageNumber + 1, TotalCount / PageSize)
        : Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    /// <summary>The count as people read it: "20", or "1,000+" past the bound.</summary>
    public string CountText => new BoundedCount(TotalCount, CountIsLowerBound).Text;
}

/// <summary>A count that stopped at <see cref="Paging.CountBound"/> when <see cref="More"/> is set.</summary>
public readonly record struct BoundedCount(int Value, bool More)
{
    public string Text => More ? $"{Value:N0}+" : Value.ToString("N0");

    public static BoundedCount operator +(BoundedCount a, BoundedCount b) => new(a.Value + b.Value, a.More || b.More);

    public static BoundedCount Sum(IEnumerable<BoundedCount> counts) => counts.Aggregate(default(BoundedCount), (a, b) => a + b);
}

public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    /// <summary>Lists count at most this many rows: a user with a million orders sees "1,000+", and no click recounts them all.</summary>
    public const int CountBound = 1000;

    /// <summary>The number of rows, counting no further than <see cref="CountBound"/>, and whether there are more.</summary>
    public static async Task<BoundedCount> CountAsync<T>(IQueryable<T> rows, CancellationToken ct)
    {
        var count = await rows.Take(CountBound + 1).CountAsync(ct);
        return count > CountBound ? new(CountBound, true) : new(count, false);
    }

    public static (int Skip, int Take, int Page, int Size) Window(int page, int pageSize)
    {
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var number = Math.Max(1, page);
        return ((number - 1) * size, size, number, size);
    }

    /// <summary>
    /// A LIKE pattern that matches the term anywhere, in lower case, with the term's own wildcards escaped. Queries
    /// compare it with the lower-cased column, so search ignores case on both engines (on PostgreSQL through trigram
    /// indexes on those lower-cased columns).
    /// </summary>
    public static string Contains(string term) =>
        "%" + term.Trim().ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
