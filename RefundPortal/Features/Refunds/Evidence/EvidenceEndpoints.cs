using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using RefundPortal.Data;
using RefundPortal.Features.Accounts;

namespace RefundPortal.Features.Refunds.Evidence;

public static class EvidenceEndpoints
{
    /// <summary>
    /// `GET /evidence/{id}`: the file for the request's buyer and seller, and for arbiters once it was escalated;
    /// 404 to anyone else, and when the file is no longer on disk. Always an attachment with nosniff, so an upload can
    /// never run as a page of this site.
    /// </summary>
    public static IEndpointRouteBuilder MapEvidence(this IEndpointRouteBuilder app)
    {
        app.MapGet("/evidence/{id:int}", async (int id, ClaimsPrincipal principal, IDbContextFactory<AppDbContext> dbFactory,
            EvidenceStore store, HttpContext http, ILoggerFactory logs, CancellationToken ct) =>
        {
            var user = CurrentUser.From(principal);
            if (user is null) return Results.NotFound();
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var file = await db.EvidenceFiles.AsNoTracking()
                .Where(e => e.Id == id)
                .Join(db.RefundRequests, e => e.RefundRequestId, r => r.Id, (e, r) => new { File = e, Request = r })
                .Where(x => (x.Request.BuyerId == user.Id && user.IsBuyer)
                            || (x.Request.SellerId == user.Id && user.IsSeller)
                            || (user.IsArbiter && x.Request.EscalatedAt != null))
                .Select(x => x.File)
                .SingleOrDefaultAsync(ct);
            if (file is null) return Results.NotFound();
            if (store.TryOpen(file) is not { } content)
            {
                logs.CreateLogger(typeof(EvidenceEndpoints)).LogWarning("Evidence {EvidenceId} has no file {StoredName} on disk.", file.Id, file.StoredName);
                return Results.NotFound();
            }
            http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            http.Response.Headers[HeaderNames.CacheControl] = "private, no-store";
            return Results.File(content, file.ContentType, file.FileName);
        }).RequireAuthorization();
        return app;
    }
}
