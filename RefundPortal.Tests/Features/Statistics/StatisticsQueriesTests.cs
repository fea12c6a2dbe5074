using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Disputes;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Statistics;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.OrderFactory;

namespace RefundPortal.Tests.Features.Statistics;

/// <summary>Places orders and drives refunds and disputes through the portal's own services, for the statistics tests.</summary>
internal static class StatisticsWorld
{
    /// <summary>A paid, unshipped order placed at <paramref name="placedAt"/> (refund only is open at once, however old).</summary>
    public static async Task<Order> OrderPlacedAsync(this TestApp app, CurrentUser buyer, CurrentUser seller, DateTime placedAt)
    {
        var order = Order.Place(NewOrderNumber(), buyer.Id, seller.Id, "USD", ShippingFeeMinor,
            StandardLines.Select(l => (l.Name, l.Sku, l.Price, l.Quantity)), placedAt);
        await using var db = app.NewDb();
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        return order;
    }

    public static Task<int> ApplyAsync(this TestApp app, CurrentUser buyer, Order order, RefundReason reason) =>
        app.Refunds().ApplyAsync(buyer, order.Id, RefundOnly(order, reason: reason, description: reason == RefundReason.Other ? "Other." : null), []);

    public static async Task AgreeAsync(this TestApp app, CurrentUser seller, int id) =>
        await app.Refunds().AgreeAsync(seller, id, await app.VersionAsync(id), null);

    public static async Task RefuseAsync(this TestApp app, CurrentUser seller, int id) =>
        await app.Refunds().RefuseAsync(seller, id, await app.VersionAsync(id), "Not our fault.", []);

    /// <summary>A new escalated refund-only request (USD 59.00) of this buyer and seller, taken by the arbiter and ruled.</summary>
    public static async Task<int> RuledAsync(this TestApp app, CurrentUser buyer, CurrentUser seller, CurrentUser arbiter, RulingOutcome outcome,
        decimal? partial = null)
    {
        var id = await app.EscalatedAsync(buyer, seller);
        await app.TakeAsync(id, arbiter);
        await app.Get<DisputeService>().RuleAsync(arbiter, id, await app.VersionAsync(id), outcome, partial, false, "Weighed the evidence.");
        return id;
    }

    /// <summary>A new escalated request that ends with the buyer accepting the seller's plan.</summary>
    public static async Task<int> SettledByPlanAsync(this TestApp app, CurrentUser buyer, CurrentUser seller)
    {
        var id = await app.EscalatedAsync(buyer, seller);
        var disputes = app.Get<DisputeService>();
        await disputes.ProposePlanAsync(seller, ActorRole.Seller, id, await app.VersionAsync(id), RefundKind.RefundOnly, 30m, null);
        await disputes.AcceptPlanAsync(buyer, ActorRole.Buyer, id, await app.VersionAsync(id), ActorRole.Seller);
        return id;
    }
}

/// <summary>
/// The seller's statistics on a constructed world with known counts: each figure is exact, counted in the database,
/// and only the signed-in seller's own refunds ever count.
/// </summary>
public abstract class SellerStatisticsTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TestApp
{
    private StatisticsQueries Queries => app.Get<StatisticsQueries>();

    [Fact]
    public async Task RatesReasonsResponseTimesAndOpenRequestsAreCountedPerWindow()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var other = await app.NewUserAsync("seller", Roles.Seller);
        var t0 = app.Now();
        // Placed 20 days before t0; 61 days old once the clock has moved on below (in 90 days, not in 30).
        var older = new[]
        {
            await app.OrderPlacedAsync(buyer, seller, t0.AddDays(-20)), await app.OrderPlacedAsync(buyer, seller, t0.AddDays(-20)),
            await app.OrderPlacedAsync(buyer, seller, t0.AddDays(-20)),
        };
        var ancient = await app.OrderPlacedAsync(buyer, seller, t0.AddDays(-80));
        var olderRequest = await app.ApplyAsync(buyer, older[0], RefundReason.WrongItem);
        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.AgreeAsync(seller, olderRequest);

        app.Clock.Advance(TimeSpan.FromDays(40));
        var recent = new List<Order>();
        for (var i = 0; i < 4; i++) recent.Add(await app.OrderPlacedAsync(buyer, seller, app.Now().AddDays(-10)));
        var refused = await app.ApplyAsync(buyer, recent[0], RefundReason.NotReceived);
        await app.ApplyAsync(buyer, recent[1], RefundReason.WrongItem);
        // The seller's own immediate refund is no request by the buyer: neither in the rate nor in the reasons.
        await app.Refunds().IssueImmediateRefundAsync(seller, recent[2].Id, new ImmediateRefundForm([new LineChoice(recent[2].Lines[1].Id, 1)], 5m, false, null));
        // A request on an order placed before both windows: in the reasons, not in the rate.
        await app.ApplyAsync(buyer, ancient, RefundReason.QualityProblem);
        // Another seller's order and request, at the same times: never counted.
        var theirs = await app.OrderPlacedAsync(buyer, other, app.Now().AddDays(-10));
        await app.ApplyAsync(buyer, theirs, RefundReason.WrongItem);
        app.Clock.Advance(TimeSpan.FromHours(4));
        await app.RefuseAsync(seller, refused);
        await app.RefuseAsync(other, await app.ApplyAsync(buyer, await app.OrderPlacedAsync(buyer, other, app.Now()), RefundReason.Other));
        // Past the 24-hour deadline of the two unanswered requests (on goods not shipped); the refusal's 5 days still run.
        app.Clock.Advance(TimeSpan.FromHours(25));

        var month = await Queries.ForSellerAsync(seller, StatisticsWindow.Last30Days);
        var quarter = await Queries.ForSellerAsync(seller, StatisticsWindow.Last90Days);

        Assert.Equal(new RefundRate(30, 4, 2), month.Rate30);
        Assert.Equal(0.5, month.Rate30.Share);
        Assert.Equal(new RefundRate(90, 7, 3), month.Rate90);
        Assert.Equal(month.Rate90, quarter.Rate90);
        Assert.Equal([new(RefundReason.NotReceived, 1), new(RefundReason.QualityProblem, 1), new(RefundReason.WrongItem, 1)], month.Reasons);
        Assert.Equal([new(RefundReason.WrongItem, 2), new(RefundReason.NotReceived, 1), new(RefundReason.QualityProblem, 1)], quarter.Reasons);
        Assert.Equal((3, 1), (month.Requests, month.Answered));
        Assert.Equal(TimeSpan.FromHours(4), Rounded(month.AverageResponse));
        Assert.Equal((4, 2), (quarter.Requests, quarter.Answered));
        Assert.Equal(TimeSpan.FromHours(3), Rounded(quarter.AverageResponse));
        Assert.Equal((3, 2), (month.Open, month.Overdue));
        Assert.Equal(new RulingCounts(0, 0, 0, 0), month.Disputes);
    }

    [Fact]
    public async Task DisputesAreWonLostPartlyLostOrSettledWithinTheWindow()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var other = await app.NewUserAsync("seller", Roles.Seller);
        var arbiter = await app.NewUserAsync("arb", Roles.Arbiter);
        await app.RuledAsync(buyer, seller, arbiter, RulingOutcome.Reject);
        app.Clock.Advance(TimeSpan.FromDays(45));
        await app.RuledAsync(buyer, seller, arbiter, RulingOutcome.Reject);
        await app.RuledAsync(buyer, seller, arbiter, RulingOutcome.FullRefund);
        await app.RuledAsync(buyer, seller, arbiter, RulingOutcome.FullRefund);
        await app.RuledAsync(buyer, seller, arbiter, RulingOutcome.PartialRefund, 20m);
        await app.SettledByPlanAsync(buyer, seller);
        await app.RuledAsync(buyer, other, arbiter, RulingOutcome.FullRefund);

        var month = await Queries.ForSellerAsync(seller, StatisticsWindow.Last30Days);
        var quarter = await Queries.ForSellerAsync(seller, StatisticsWindow.Last90Days);

        Assert.Equal(new RulingCounts(FullRefund: 2, PartialRefund: 1, Rejected: 1, SettledByPlan: 1), month.Disputes);
        Assert.Equal(new RulingCounts(FullRefund: 2, PartialRefund: 1, Rejected: 2, SettledByPlan: 1), quarter.Disputes);
        // Every one was refused at once, the moment it was applied for.
        Assert.Equal((5, 5, TimeSpan.Zero), (month.Requests, month.Answered, Rounded(month.AverageResponse)));
    }

    [Fact]
    public async Task OnlySellersGetStatisticsAndOnlyTheirOwn()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var arbiter = await app.NewUserAsync("arb", Roles.Arbiter);
        await app.ApplyAsync(buyer, await app.OrderPlacedAsync(buyer, await app.NewUserAsync("seller", Roles.Seller), app.Now()), RefundReason.WrongItem);

        await Assert.ThrowsAsync<ForbiddenException>(() => Queries.ForSellerAsync(buyer, StatisticsWindow.Last30Days));
        await Assert.ThrowsAsync<ForbiddenException>(() => Queries.ForSellerAsync(arbiter, StatisticsWindow.Last30Days));
        await Assert.ThrowsAsync<ForbiddenException>(() => Queries.BoardAsync(seller, StatisticsWindow.Last30Days));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Queries.ForSellerAsync(seller, (StatisticsWindow)7));
        var mine = await Queries.ForSellerAsync(seller, StatisticsWindow.Last90Days);
        Assert.Equal((0, 0, 0, 0), (mine.Rate90.Orders, mine.Requests, mine.Open, mine.Answered));
        Assert.Null(mine.Rate90.Share);
        Assert.Null(mine.AverageResponse);
        Assert.Empty(mine.Reasons);
    }

    /// <summary>To the second: julianday's double carries about a millisecond.</summary>
    private static TimeSpan? Rounded(TimeSpan? value) => value is { } v ? TimeSpan.FromSeconds(Math.Round(v.TotalSeconds)) : null;
}

public sealed class SellerStatisticsTestsOnSqlite(TestApp app) : SellerStatisticsTests<TestApp>(app);

public sealed class SellerStatisticsTestsOnPostgreSql(PostgresTestApp app) : SellerStatisticsTests<PostgresTestApp>(app);

/// <summary>
/// The arbiters' board, on a database of its own (the board counts every case of the platform): open cases by age,
/// the overdue ones, rulings by outcome per window.
/// </summary>
public abstract class DisputeBoardTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TestApp
{
    [Fact]
    public async Task CountsOpenCasesByAgeTheOverdueOnesAndRulingsPerWindow()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var arbiter = await app.NewUserAsync("arb", Roles.Arbiter);
        await app.RuledAsync(buyer, seller, arbiter, RulingOutcome.PartialRefund, 10m);
        app.Clock.Advance(TimeSpan.FromDays(50));
        var eightDays = await app.EscalatedAsync(buyer, seller);
        app.Clock.Advance(TimeSpan.FromDays(4));
        await app.EscalatedAsync(buyer, seller);
        app.Clock.Advance(TimeSpan.FromDays(2));
        await app.EscalatedAsync(buyer, seller);
        await app.EscalatedAsync(buyer, seller);
        app.Clock.Advance(TimeSpan.FromDays(1.5));
        await app.EscalatedAsync(buyer, seller);
        await app.RuledAsync(buyer, seller, arbiter, RulingOutcome.Reject);
        await app.RuledAsync(buyer, seller, arbiter, RulingOutcome.FullRefund);
        await app.SettledByPlanAsync(buyer, seller);
        // A case the arbiter is a party to is not theirs to see.
        await app.EscalatedAsync(buyer, arbiter with { Roles = new HashSet<string> { Roles.Seller, Roles.Arbiter } });
        app.Clock.Advance(TimeSpan.FromHours(12));

        var month = await app.Get<StatisticsQueries>().BoardAsync(arbiter, StatisticsWindow.Last30Days);
        var quarter = await app.Get<StatisticsQueries>().BoardAsync(arbiter, StatisticsWindow.Last90Days);

        Assert.Equal(new CaseAges(UnderOneDay: 1, OneToThreeDays: 2, ThreeToSevenDays: 1, OverSevenDays: 1), month.Ages);
        Assert.Equal(1, month.Overdue);
        var overdue = await app.Queries().QueueAsync(arbiter, DisputeQueueKind.Overdue, 1, 5);
        Assert.Equal([eightDays], overdue.Page.Items.Select(r => r.Id));
        Assert.Equal(new RulingCounts(FullRefund: 1, PartialRefund: 0, Rejected: 1, SettledByPlan: 1), month.Rulings);
        Assert.Equal(new RulingCounts(FullRefund: 1, PartialRefund: 1, Rejected: 1, SettledByPlan: 1), quarter.Rulings);
        await Assert.ThrowsAsync<ForbiddenException>(() => app.Get<StatisticsQueries>().BoardAsync(buyer, StatisticsWindow.Last30Days));
    }
}

public sealed class DisputeBoardTestsOnSqlite(TestApp app) : DisputeBoardTests<TestApp>(app);

public sealed class DisputeBoardTestsOnPostgreSql(PostgresTestApp app) : DisputeBoardTests<PostgresTestApp>(app);
