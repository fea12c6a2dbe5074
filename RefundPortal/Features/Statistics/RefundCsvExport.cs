using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;

namespace RefundPortal.Features.Statistics;

/// <summary>The days an export covers, both included, as the seller chose them.</summary>
public readonly record struct ExportRange(DateOnly From, DateOnly To)
{
    /// <summary>At most a year in one file.</summary>
    public const int MaxDays = 366;

    public string FileName => $"refunds-{From:yyyy-MM-dd}-to-{To:yyyy-MM-dd}.csv";

    /// <summary>The range from two "yyyy-MM-dd" values, or the message that says what is wrong with them (in the reader's language).</summary>
    public static ExportRange? Parse(string? from, string? to, out string? error)
    {
        static DateOnly? Day(string? text) =>
            DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
        error = (Day(from), Day(to)) switch
        {
            (null, _) => StatisticsWords.Get("Range_NoFirstDay"),
            (_, null) => StatisticsWords.Get("Range_NoLastDay"),
            var (f, t) when f > t => StatisticsWords.Get("Range_FirstAfterLast"),
            var (f, t) when t!.Value.DayNumber - f!.Value.DayNumber + 1 > MaxDays => StatisticsWords.Format("Range_TooLong", MaxDays),
            _ => null,
        };
        return error is null ? new ExportRange(Day(from)!.Value, Day(to)!.Value) : null;
    }
}

/// <summary>
/// "Export CSV": the seller's refund requests applied for in a range of days, streamed row by row from the database to
/// the response (never the whole list in memory), UTF-8 with a header row.
/// The file is for people reading it in a spreadsheet, so its header and its status and reason names are in the reader's
/// language, as on the page; its values stay machine-readable in every language (ISO times in UTC, amounts with a dot
/// and no grouping, ISO currency codes). Tools read the integration API, whose codes never change with the language.
/// </summary>
public sealed class RefundCsvExport(IDbContextFactory<AppDbContext> dbFactory)
{
    private static readonly string[] HeaderKeys =
        ["RefundNumber", "OrderNumber", "Buyer", "Created", "Status", "Reason", "AmountRequested", "AmountRefunded", "Currency", "Closed"];

    /// <summary>The header row's names in the current UI culture.</summary>
    public static IReadOnlyList<string> Header() => [.. HeaderKeys.Select(k => StatisticsWords.Get("Csv_" + k))];

    public async Task WriteAsync(CurrentUser user, ExportRange range, Stream output, CancellationToken ct = default)
    {
        user.As(ActorRole.Seller);
        var me = user.Id;
        var (start, end) = (range.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), range.To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Read off the (seller, created) index in its own order, one row at a time.
        var rows = db.RefundRequests.AsNoTracking()
            .Where(r => r.SellerId == me && r.CreatedAt >= start && r.CreatedAt < end)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Select(r => new
            {
                r.Id, r.Order.Number, r.CreatedAt, r.UpdatedAt, r.Status, r.Reason, r.AmountMinor, r.Currency,
                Buyer = db.Users.Where(u => u.Id == r.BuyerId).Select(u => u.DisplayName).FirstOrDefault(),
                Paid = r.Payout == null ? (long?)null : r.Payout.AmountMinor,
                PaidAt = r.Payout == null ? (DateTime?)null : r.Payout.RequestedAt,
            })
            .AsAsyncEnumerable();

        // A byte order mark, so that spreadsheet programs read the file as UTF-8.
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(Line(Header()));
        await foreach (var r in rows.WithCancellation(ct))
        {
            // Finished at: when it was refunded (its payout), or when it was closed, its last change.
            DateTime? closedAt = r.Status == RefundStatus.Refunded ? r.PaidAt : r.Status == RefundStatus.Closed ? r.UpdatedAt : null;
            await writer.WriteAsync(Line([
                r.Id.ToString(CultureInfo.InvariantCulture), r.Number, r.Buyer, Time(r.CreatedAt), r.Status.Label(), r.Reason.Label(),
                Amount(r.AmountMinor, r.Currency), r.Paid is { } paid ? Amount(paid, r.Currency) : null, r.Currency, closedAt is { } at ? Time(at) : null,
            ]));
        }
        await writer.FlushAsync(ct);
    }

    /// <summary>
    /// One cell: a value a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) gets a
    /// leading apostrophe, so it shows as text (CSV injection); a value with a comma, quote or line break is quoted.
    /// </summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    private static string Line(IEnumerable<string?> cells) => string.Join(",", cells.Select(Cell)) + "\r\n";

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>In the currency's own minor units (JPY 4800, USD 18.50, KWD 1.250), no grouping: a spreadsheet reads it as a number.</summary>
    private static string Amount(long minor, string currency) =>
        Money.ToDecimal(minor, currency).ToString("F" + Currencies.MinorDigits(currency), CultureInfo.InvariantCulture);
}

public static class RefundCsvEndpoints
{
    public const string Path = "/refund-statistics/refunds.csv";

    /// <summary>
    /// `GET /refund-statistics/refunds.csv?from=YYYY-MM-DD&amp;to=YYYY-MM-DD`: sellers only (signed out: to the log-in
    /// page), their own refunds only; a bad range answers 400 with what is wrong, before anything is read.
    /// </summary>
    public static IEndpointRouteBuilder MapRefundCsv(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (string? from, string? to, ClaimsPrincipal principal, RefundCsvExport export, HttpContext http) =>
        {
            if (CurrentUser.From(principal) is not { IsSeller: true } user) return Results.Forbid();
            if (ExportRange.Parse(from, to, out var error) is not { } range)
                return Results.Text(error, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            http.Response.Headers[HeaderNames.CacheControl] = "private, no-store";
            http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            return Results.Stream(body => export.WriteAsync(user, range, body, http.RequestAborted), "text/csv; charset=utf-8", range.FileName);
        }).RequireAuthorization(Policies.Seller);
        return app;
    }
}
