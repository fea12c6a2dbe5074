using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Integration.Orders;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Shared;

namespace RefundPortal.Features.Integration.Api;

public sealed record PayoutResultInput(string? Status, string? Reference);

public sealed record ListPage<T>(IReadOnlyList<T> Data, string? NextCursor, bool HasMore);

/// <summary>
/// <c>/api/v1</c>: orders in (create or revise, shipping events), refunds and payouts out (keyset-paged reads, the event
/// feed, payout results). JSON in and out (<see cref="ApiJson"/>); every error is a problem body
/// (<c>application/problem+json</c>): 400 with per-field errors, 401, 404, 409 with what contradicts what.
/// </summary>
public static class IntegrationApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;
    /// <summary>No order body comes near this; a bigger one is refused before it is read.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapIntegrationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(ApiKeyAuthenticationHandler.Policy)
            .AddEndpointFilter(InEnglish)
            .WithTags("Integration");

        api.MapPut("/orders/{orderNumber}", PutOrderAsync)
            .WithSummary("Create or update an order")
            .Accepts<OrderInput>("application/json")
            .Produces<OrderResource>(200).Produces<OrderResource>(201)
            .ProducesValidationProblem().ProducesProblem(409).ProducesProblem(401);
        api.MapGet("/orders/{orderNumber}", GetOrderAsync)
            .WithSummary("Read an order").Produces<OrderResource>().ProducesProblem(404);
        api.MapPost("/orders/{orderNumber}/events", PostOrderEventAsync)
            .WithSummary("Report that an order shipped, was delivered or completed")
            .Accepts<OrderEventInput>("application/json")
            .Produces<OrderResource>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        api.MapGet("/refunds", ListRefundsAsync)
            .WithSummary("Refunds changed since a moment, oldest change first, keyset paged").Produces<ListPage<RefundResource>>().ProducesValidationProblem();
        api.MapGet("/refunds/{id:int}", GetRefundAsync)
            .WithSummary("One refund with its lines, status, amounts, timeline and payout").Produces<RefundResource>().ProducesProblem(404);
        api.MapPost("/payouts/{payoutId:guid}/result", PostPayoutResultAsync)
            .WithSummary("Record what the payment system did with a payout")
            .Accepts<PayoutResultInput>("application/json")
            .Produces<PayoutResource>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        api.MapGet("/events", ListEventsAsync)
            .WithSummary("Every event in the order it happened: the replayable feed behind the webhooks").Produces<ListPage<JsonElement>>();
        return app;
    }

    /// <summary>
    /// The API speaks to machines: its refusals (the domain's included) are English whatever Accept-Language or culture
    /// cookie a client sends, so that its messages stay the same for every client and in every log.
    /// </summary>
    private static async ValueTask<object?> InEnglish(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // Async, so the culture set here ends with the call.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Languages.Languages.CultureOf(Languages.Languages.English);
        return await next(context);
    }

    /// <summary>
    /// Under <c>/api</c>, an error the endpoints did not write a body for (no such path, a media type routing refused)
    /// still answers with a problem body, never the portal's HTML "Not found" page. Goes after the status code pages.
    /// </summary>
    public static IApplicationBuilder UseIntegrationApiProblems(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.Use(async (context, next) =>
        {
            await next(context);
            if (context.Response.StatusCode >= 400 && !context.Response.HasStarted)
            {
                var status = context.Response.StatusCode;
                await Results.Problem(statusCode: status, detail: status == 404 ? "No such API call: see /openapi/v1.json." : null)
                    .ExecuteAsync(context);
            }
        }));

    private static async Task<IResult> PutOrderAsync(string orderNumber, HttpRequest request, OrderImport orders, TimeProvider clock, CancellationToken ct)
    {
        if (OrderInputRules.CheckNumber(orderNumber) is { } bad) return Invalid("orderNumber", bad);
        var (input, problem) = await ReadAsync<OrderInput>(request, ct);
        if (problem is not null) return problem;
        var errors = OrderInputRules.Check(input, clock.GetUtcNow().UtcDateTime);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return await Guarded(async () =>
        {
            var (order, created) = await orders.UpsertAsync(orderNumber, input!, ct);
            return created ? Results.Created($"/api/v1/orders/{Uri.EscapeDataString(orderNumber)}", order) : Results.Ok(order);
        });
    }

    private static async Task<IResult> GetOrderAsync(string orderNumber, OrderImport orders, CancellationToken ct) =>
        await orders.FindAsync(orderNumber, ct) is { } order ? Results.Ok(order) : NotFound($"There is no order {orderNumber}.");

    private static async Task<IResult> PostOrderEventAsync(string orderNumber, HttpRequest request, OrderImport orders, TimeProvider clock,
        CancellationToken ct)
    {
        var (input, problem) = await ReadAsync<OrderEventInput>(request, ct);
        if (problem is not null) return problem;
        var errors = OrderInputRules.Check(input, clock.GetUtcNow().UtcDateTime);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return await Guarded(async () =>
            await orders.RecordAsync(orderNumber, OrderInputRules.ParseEventType(input!.Type)!.Value, input.At!.Value, ct) is { } order
                ? Results.Ok(order)
                : NotFound($"There is no order {orderNumber}."));
    }

    private static async Task<IResult> ListRefundsAsync(string? updatedAfter, string? cursor, int? limit, IDbContextFactory<AppDbContext> dbFactory,
        CancellationToken ct)
    {
        var take = Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);
        (long Change, int Id) position = (0, 0);
        DateTime? since = null;
        if (cursor is not null)
        {
            if (RefundCursor.TryRead(cursor) is not { } read) return Invalid("cursor", "This cursor was not given by this API.");
            position = read;
        }
        else if (updatedAfter is not null)
        {
            if (!DateTimeOffset.TryParse(updatedAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var after))
                return Invalid("updatedAfter", "Give a time in ISO 8601, like 2026-11-24T08:00:00Z.");
            since = after.UtcDateTime;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (change, id) = position;
        // In commit order (ChangeOrder): a change that commits after this answer always comes after its cursor.
        var query = db.RefundRequests.AsNoTracking()
            .Where(r => EF.Property<long>(r, ChangeOrder.Column) > change || (EF.Property<long>(r, ChangeOrder.Column) == change && r.Id > id));
        if (since is { } from) query = query.Where(r => r.UpdatedAt > from);
        var keys = await query
            .OrderBy(r => EF.Property<long>(r, ChangeOrder.Column)).ThenBy(r => r.Id)
            .Select(r => new { r.Id, Change = EF.Property<long>(r, ChangeOrder.Column) })
            .Take(take + 1).ToListAsync(ct);
        var page = keys.Take(take).ToList();
        var refunds = await RefundResource.LoadAsync(db, [.. page.Select(k => k.Id)], ct);
        var next = page.Count > 0 ? RefundCursor.Write(page[^1].Change, page[^1].Id) : cursor;
        return Results.Ok(new ListPage<RefundResource>(refunds, next, keys.Count > take));
    }

    private static async Task<IResult> GetRefundAsync(int id, IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await RefundResource.LoadAsync(db, id, ct) is { } refund ? Results.Ok(refund) : NotFound($"There is no refund {id}.");
    }

    private static async Task<IResult> PostPayoutResultAsync(Guid payoutId, HttpRequest request, RefundService refunds,
        IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct)
    {
        var (input, problem) = await ReadAsync<PayoutResultInput>(request, ct);
        if (problem is not null) return problem;
        var status = input?.Status switch { "paid" => PayoutStatus.Paid, "failed" => PayoutStatus.Failed, _ => (PayoutStatus?)null };
        if (status is null) return Invalid("status", "The status is \"paid\" or \"failed\".");
        if (status == PayoutStatus.Paid && string.IsNullOrWhiteSpace(input!.Reference))
            return Invalid("reference", "Give the payment system's reference of the transfer.");
        if (input!.Reference?.Trim().Length > Payout.MaxReferenceLength)
            return Invalid("reference", $"Keep the reference under {Payout.MaxReferenceLength} characters.");
        return await Guarded(async () =>
        {
            await refunds.RecordPayoutResultAsync(payoutId, status.Value, input.Reference, ct);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var payout = await db.Payouts.AsNoTracking().SingleAsync(p => p.Id == payoutId, ct);
            return Results.Ok(RefundResource.PayoutOf(payout));
        }, notFound: $"There is no payout {payoutId}.");
    }

    private static async Task<IResult> ListEventsAsync(string? after, int? limit, IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct)
    {
        var take = Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);
        long from = 0;
        if (after is not null && !long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out from))
            return Invalid("after", "This cursor was not given by this API.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.IntegrationEvents.AsNoTracking().Where(e => e.Id > from).OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.Body }).Take(take + 1).ToListAsync(ct);
        var page = rows.Take(take).ToList();
        var data = page.Select(r => JsonDocument.Parse(r.Body).RootElement.Clone()).ToList();
        var next = (page.Count > 0 ? page[^1].Id : from).ToString(CultureInfo.InvariantCulture);
        return Results.Ok(new ListPage<JsonElement>(data, next, rows.Count > take));
    }

    /// <summary>The body as <typeparamref name="T"/>, or the problem to answer: 415 for another media type, 400 for JSON that is not.</summary>
    private static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
            return (default, Results.Problem(statusCode: 415, title: "Unsupported media type", detail: "Send the body as application/json."));
        if (request.ContentLength > MaxBodyBytes) return (default, TooLarge());
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = MaxBodyBytes;
        try
        {
            return (await request.ReadFromJsonAsync<T>(ApiJson.Options, ct), null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (default, TooLarge());
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 1 } path ? $" at {path}" : "";
            return (default, Invalid("body", $"The body is not valid JSON for this call{where}."));
        }
    }

    /// <summary>Domain refusals as problems: 409 when the change contradicts what was recorded, 400 for any other rule, 404 for a missing row.</summary>
    private static async Task<IResult> Guarded(Func<Task<IResult>> action, string notFound = "Not found.")
    {
        try
        {
            return await action();
        }
        catch (OrderConflictException e)
        {
            return Results.Problem(statusCode: 409, title: "Conflict", detail: e.Message);
        }
        catch (PayoutConflictException e)
        {
            return Results.Problem(statusCode: 409, title: "Conflict", detail: e.Message);
        }
        catch (RefundValidationException e)
        {
            return TypedResults.ValidationProblem(e.Errors.ToDictionary(x => x.Key, x => new[] { x.Value }));
        }
        catch (NotFoundException)
        {
            return NotFound(notFound);
        }
        catch (DomainException e)
        {
            return Results.Problem(statusCode: 400, title: "Bad request", detail: e.Message);
        }
    }

    private static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static IResult TooLarge() =>
        Results.Problem(statusCode: 413, title: "Payload too large", detail: $"A body is at most {MaxBodyBytes / 1024} KB.");

    private static IResult NotFound(string detail) => Results.Problem(statusCode: 404, title: "Not found", detail: detail);

    /// <summary>An opaque keyset position: the last refund's change number and id.</summary>
    private static class RefundCursor
    {
        public static string Write(long change, int id) =>
            WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"c{change}:{id}")));

        public static (long Change, int Id)? TryRead(string cursor)
        {
            try
            {
                var parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor)).Split(':');
                if (parts.Length == 2 && parts[0].StartsWith('c')
                    && long.TryParse(parts[0].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var change)
                    && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                    return (change, id);
            }
            catch (FormatException) { }
            return null;
        }
    }
}
