using Microsoft.EntityFrameworkCore;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;

namespace RefundPortal.Features.Statistics;

/// <summary>The windows the statistics are counted over, back from now.</summary>
public enum StatisticsWindow
{
    Last30Days = 30,
    Last90Days = 90,
}

/// <summary>
/// Refund rate: of the seller's orders placed in the window, the share on which the buyer applied for at least one
/// refund (the seller's own immediate refunds do not count). Orders placed late in the window had less time to get one.
/// </summary>
public sealed record RefundRate(int Days, int Orders, int OrdersWithRequest)
{
    public double? Share => Orders == 0 ? null : (double)OrdersWithRequest / Orders;
}

public sealed record ReasonCount(RefundReason Reason, int Count);

/// <summary>How disputes ended in a window: each ruling by its outcome, and those settled by accepting a plan.</summary>
public sealed record RulingCounts(int FullRefund, int PartialRefund, int Rejected, int SettledByPlan)
{
    public int Ruled => FullRefund + PartialRefund + Rejected;
}

/// <summary>The seller's refund statistics ("Refund Statistics"), every figure of the signed-in seller's own refunds.</summary>
/// <param name="Requests">Refund requests buyers applied for in the window.</param>
/// <param name="Answered">Of those, the ones the seller answered (agreed or refused) themselves.</param>
/// <param name="AverageResponse">From the application to the seller's first answer, averaged over the answered ones.</param>
/// <param name="Open">Requests not finished yet, whoever must act (now, not windowed).</param>
/// <param name="Overdue">Open requests past their deadline (now).</param>
public sealed record SellerStatistics(
    StatisticsWindow Window,
    RefundRate Rate30,
    RefundRate Rate90,
    IReadOnlyList<ReasonCount> Reasons,
    int Requests,
    int Answered,
    TimeSpan? AverageResponse,
    int Open,
    int Overdue,
    RulingCounts Disputes);

/// <summary>Open cases by how long ago they were escalated.</summary>
public sealed record CaseAges(int UnderOneDay, int OneToThreeDays, int ThreeToSevenDays, int OverSevenDays)
{
    public int Total => UnderOneDay + OneToThreeDays + ThreeToSevenDays + OverSevenDays;
}

/// <summary>The arbiters' board: the open cases by age, the overdue ones, and the rulings of the window.</summary>
public sealed record DisputeBoardFigures(StatisticsWindow Window, CaseAges Ages, int Overdue, RulingCounts Rulings);

/// <summary>
/// Statistics computed by the database: every figure is one aggregate (COUNT, AVG) over one user's rows in one time
/// window, read through an index; no row is loaded into memory to be counted.
/// </summary>
public sealed class StatisticsQueries(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<SellerStatistics> ForSellerAsync(CurrentUser user, StatisticsWindow window, CancellationToken ct = default)
    {
        user.As(ActorRole.Seller);
        var me = user.Id;
        var now = clock.GetUtcNow().UtcDateTime;
        var from = Start(window, now);
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // Scalar aggregates on the big sets: a GROUP BY over a constant would first sort every row. A request comes
        // after its order, so those on orders placed in the window were all applied for in it: the (seller, created)
        // index bounds that count, not all of the seller's orders.
        var (from30, from90) = (now.AddDays(-30), now.AddDays(-90));
        var placed = db.Orders.Where(o => o.SellerId == me && o.PlacedAt >= from90);
        var requested = db.RefundRequests.Where(r => r.SellerId == me && !r.InitiatedBySeller && r.CreatedAt >= from90 && r.Order.PlacedAt >= from90);
        var rate30 = new RefundRate(30, await placed.CountAsync(o => o.PlacedAt >= from30, ct),
            await requested.Where(r => r.CreatedAt >= from30 && r.Order.PlacedAt >= from30).Select(r => r.OrderId).Distinct().CountAsync(ct));
        var rate90 = new RefundRate(90, await placed.CountAsync(ct), await requested.Select(r => r.OrderId).Distinct().CountAsync(ct));

        var applied = db.RefundRequests.Where(r => r.SellerId == me && r.CreatedAt >= from && !r.InitiatedBySeller);
        var reasons = await applied.GroupBy(r => r.Reason).Select(g => new ReasonCount(g.Key, g.Count())).ToListAsync(ct);

        // "Respond" is the seller's own first answer to the request: "Agree to Refund Agreement" or "Refuse Refund"
        // (both recorded on the timeline; a deadline the seller let pass is no answer).
        var answers = db.TimelineEvents.Where(e => e.Kind == TimelineEventKind.Agreed || e.Kind == TimelineEventKind.Refused);
        var answered = await applied.CountAsync(r => answers.Any(e => e.RefundRequestId == r.Id), ct);
        // AVG skips the requests with no answer (NULL).
        var averageDays = await applied
            .Select(r => answers.Where(e => e.RefundRequestId == r.Id).Min(e => (double?)SqlTime.Days(e.At)) - SqlTime.Days(r.CreatedAt))
            .AverageAsync(ct);

        var active = RefundStatusRules.WaitingFor(ActorRole.Buyer).Concat(RefundStatusRules.WaitingFor(ActorRole.Seller))
            .Concat(RefundStatusRules.WaitingFor(ActorRole.Arbiter)).ToArray();
        var open = await db.RefundRequests.Where(r => r.SellerId == me && active.Contains(r.Status))
            .GroupBy(_ => 1)
            .Select(g => new { All = g.Count(), Overdue = g.Count(r => r.DeadlineAt < now) })
            .SingleOrDefaultAsync(ct);

        return new SellerStatistics(
            window, rate30, rate90,
            [.. reasons.OrderByDescending(r => r.Count).ThenBy(r => r.Reason)],
            reasons.Sum(r => r.Count),
            answered,
            averageDays is { } days ? TimeSpan.FromDays(days) : null,
            open?.All ?? 0,
            open?.Overdue ?? 0,
            await RulingsAsync(db, from, me, ct));
    }

    public async Task<DisputeBoardFigures> BoardAsync(CurrentUser user, StatisticsWindow window, CancellationToken ct = default)
    {
        user.As(ActorRole.Arbiter);
        var me = user.Id;
        var now = clock.GetUtcNow().UtcDateTime;
        var (dayAgo, threeDaysAgo, weekAgo) = (now.AddDays(-1), now.AddDays(-3), now.AddDays(-7));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The Dispute Center's cases: a case in which the arbiter is a party is never theirs.
        var ages = await db.RefundRequests
            .Where(r => r.Status == RefundStatus.PlatformIntervention && r.BuyerId != me && r.SellerId != me)
            .GroupBy(_ => 1)
            .Select(g => new
            {
                UnderOneDay = g.Count(r => r.EscalatedAt > dayAgo),
                OneToThree = g.Count(r => r.EscalatedAt <= dayAgo && r.EscalatedAt > threeDaysAgo),
                ThreeToSeven = g.Count(r => r.EscalatedAt <= threeDaysAgo && r.EscalatedAt > weekAgo),
                OverSeven = g.Count(r => r.EscalatedAt <= weekAgo),
                Overdue = g.Count(r => r.DeadlineAt < now),
            })
            .SingleOrDefaultAsync(ct);
        return new DisputeBoardFigures(window,
            new CaseAges(ages?.UnderOneDay ?? 0, ages?.OneToThree ?? 0, ages?.ThreeToSeven ?? 0, ages?.OverSeven ?? 0),
            ages?.Overdue ?? 0,
            await RulingsAsync(db, Start(window, now), sellerId: null, ct));
    }

    private static DateTime Start(StatisticsWindow window, DateTime now) => window switch
    {
        StatisticsWindow.Last30Days or StatisticsWindow.Last90Days => now.AddDays(-(int)window),
        _ => throw new ArgumentOutOfRangeException(nameof(window), window, "Choose 30 or 90 days."),
    };

    /// <summary>
    /// Rulings and accepted plans since <paramref name="from"/>, of one seller's refunds or all. A ruling that closed the
    /// request rejected the claim; otherwise it set the amount, which is the whole limit for a full refund and less for a
    /// partial one (RefundRequest.Rule).
    /// </summary>
    private static async Task<RulingCounts> RulingsAsync(AppDbContext db, DateTime from, string? sellerId, CancellationToken ct)
    {
        var ends = db.TimelineEvents
            .Where(e => (e.Kind == TimelineEventKind.Ruled || e.Kind == TimelineEventKind.PlanAccepted) && e.At >= from)
            .Join(db.RefundRequests, e => e.RefundRequestId, r => r.Id,
                (e, r) => new { e.Kind, e.ToStatus, r.AmountMinor, r.LimitMinor, r.SellerId });
        if (sellerId is not null) ends = ends.Where(x => x.SellerId == sellerId);
        var counts = await ends
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Full = g.Count(x => x.Kind == TimelineEventKind.Ruled && x.ToStatus != RefundStatus.Closed && x.AmountMinor >= x.LimitMinor),
                Partial = g.Count(x => x.Kind == TimelineEventKind.Ruled && x.ToStatus != RefundStatus.Closed && x.AmountMinor < x.LimitMinor),
                Rejected = g.Count(x => x.Kind == TimelineEventKind.Ruled && x.ToStatus == RefundStatus.Closed),
                Settled = g.Count(x => x.Kind == TimelineEventKind.PlanAccepted),
            })
            .SingleOrDefaultAsync(ct);
        return new RulingCounts(counts?.Full ?? 0, counts?.Partial ?? 0, counts?.Rejected ?? 0, counts?.Settled ?? 0);
    }
}
