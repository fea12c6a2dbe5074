using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Shared;

namespace RefundPortal.Features.Disputes;

/// <summary>The Dispute Center's queues (DESIGN.md section 5).</summary>
public enum DisputeQueueKind
{
    /// <summary>No arbiter holds the case yet.</summary>
    Unassigned,
    /// <summary>Held by the signed-in arbiter.</summary>
    Mine,
    /// <summary>Past the arbiter's deadline, whoever holds it.</summary>
    Overdue,
}

public sealed record DisputeRow(
    int Id,
    string OrderNumber,
    string BuyerName,
    string SellerName,
    Money Amount,
    RefundKind Kind,
    DateTime EscalatedAt,
    DateTime? DueAt,
    bool IsOverdue,
    string? ArbiterName,
    bool IsMine);

/// <summary>A payout the marketplace's payment system reported failed: the platform follows it up.</summary>
public sealed record FailedPayoutRow(int RefundId, string OrderNumber, string BuyerName, string SellerName, Money Amount, string? Reference,
    DateTime FailedAt, bool Escalated);

/// <summary>One page of a queue, with the counts of all three queues for the chips.</summary>
public sealed record DisputeQueue(Page<DisputeRow> Page, int Unassigned, int Mine, int Overdue);

/// <summary>Reads the requests in "Platform Intervention" for arbiters: oldest first, paged on the server.</summary>
public sealed class DisputeQueries(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, IStringLocalizer<DisputeText> text)
{
    public async Task<DisputeQueue> QueueAsync(CurrentUser user, DisputeQueueKind queue, int page, int pageSize = Paging.DefaultPageSize,
        CancellationToken ct = default)
    {
        user.As(ActorRole.Arbiter);
        var now = clock.GetUtcNow().UtcDateTime;
        var me = user.Id;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A case in which the arbiter is the buyer or the seller is never theirs to take (the domain refuses it too).
        var disputes = db.RefundRequests.Where(r => r.Status == RefundStatus.PlatformIntervention && r.BuyerId != me && r.SellerId != me);

        var counts = await disputes
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Unassigned = g.Count(r => r.ArbiterId == null),
                Mine = g.Count(r => r.ArbiterId == me),
                Overdue = g.Count(r => r.DeadlineAt < now),
            })
            .SingleOrDefaultAsync(ct);

        Expression<Func<RefundRequest, bool>> inQueue = queue switch
        {
            DisputeQueueKind.Unassigned => r => r.ArbiterId == null,
            DisputeQueueKind.Mine => r => r.ArbiterId == me,
            DisputeQueueKind.Overdue => r => r.DeadlineAt < now,
            _ => throw new ArgumentOutOfRangeException(nameof(queue), queue, null),
        };
        var filtered = disputes.Where(inQueue);
        var total = queue switch
        {
            DisputeQueueKind.Unassigned => counts?.Unassigned ?? 0,
            DisputeQueueKind.Mine => counts?.Mine ?? 0,
            _ => counts?.Overdue ?? 0,
        };
        var (skip, take, number, size) = Paging.Window(page, pageSize);
        var rows = await filtered
            .OrderBy(r => r.EscalatedAt)
            .ThenBy(r => r.Id)
            .Skip(skip).Take(take)
            .Select(r => new
            {
                r.Id, r.Order.Number, r.BuyerId, r.SellerId, r.ArbiterId, r.AmountMinor, r.Currency, r.Kind, r.EscalatedAt, r.DeadlineAt,
            })
            .ToListAsync(ct);

        var names = await People.LoadAsync(db, rows.SelectMany(r => new[] { r.BuyerId, r.SellerId, r.ArbiterId }), ct);
        var items = rows.Select(r => new DisputeRow(
            r.Id, r.Number, Name(names, r.BuyerId), Name(names, r.SellerId), new Money(r.AmountMinor, r.Currency), r.Kind,
            r.EscalatedAt ?? default, r.DeadlineAt, r.DeadlineAt < now,
            r.ArbiterId is null ? null : Name(names, r.ArbiterId), r.ArbiterId == me)).ToList();
        return new DisputeQueue(new Page<DisputeRow>(items, total, number, size),
            counts?.Unassigned ?? 0, counts?.Mine ?? 0, counts?.Overdue ?? 0);
    }

    /// <summary>Failed payouts, oldest failure first: visible to every arbiter, whether or not the refund was ever disputed.</summary>
    public async Task<Page<FailedPayoutRow>> FailedPayoutsAsync(CurrentUser user, int page, int pageSize = Paging.DefaultPageSize,
        CancellationToken ct = default)
    {
        user.As(ActorRole.Arbiter);
        var (skip, take, number, size) = Paging.Window(page, pageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var failed = db.Payouts.Where(p => p.Status == PayoutStatus.Failed);
        var total = await failed.CountAsync(ct);
        var rows = await failed
            .OrderBy(p => p.SettledAt).ThenBy(p => p.RefundRequestId)
            .Skip(skip).Take(take)
            .Join(db.RefundRequests, p => p.RefundRequestId, r => r.Id, (p, r) => new
            {
                p.RefundRequestId, r.Order.Number, r.BuyerId, r.SellerId, p.AmountMinor, p.Currency, p.Reference, p.SettledAt, r.EscalatedAt,
            })
            .ToListAsync(ct);
        var names = await People.LoadAsync(db, rows.SelectMany(r => new[] { r.BuyerId, r.SellerId }), ct);
        var items = rows.Select(r => new FailedPayoutRow(r.RefundRequestId, r.Number, Name(names, r.BuyerId), Name(names, r.SellerId),
            new Money(r.AmountMinor, r.Currency), r.Reference, r.SettledAt ?? default, r.EscalatedAt is not null)).ToList();
        return new Page<FailedPayoutRow>(items, total, number, size);
    }

    private string Name(Dictionary<string, Person> names, string id) => names.TryGetValue(id, out var p) ? p.Name : text["UnknownUser"];
}
