namespace RefundPortal.Features.Shared;

/// <summary>One server-side page of a list; lists are never loaded whole.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount, int PageNumber, int PageSize)
{
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
}

public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

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
