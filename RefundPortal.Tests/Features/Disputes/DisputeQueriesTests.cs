using Microsoft.EntityFrameworkCore;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Disputes;
using RefundPortal.Features.Refunds;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.OrderFactory;

namespace RefundPortal.Tests.Features.Disputes;

/// <summary>
/// One world for the whole class, built once and only read by the tests: disputes escalated at three moments, some taken
/// by "me" (a fresh arbiter) or by Ada, one ruled on, one refused but never escalated. Counts are compared with the
/// baseline taken before any of them existed, so the demo world may hold disputes of its own.
/// </summary>
public sealed class DisputeWorld : TestApp
{
    public CurrentUser Me { get; private set; } = null!;
    public CurrentUser Ada { get; private set; } = null!;
    public CurrentUser Buyer { get; private set; } = null!;
    public DisputeQueue Baseline { get; private set; } = null!;
    /// <summary>The display name <see cref="TestAppExtensions.NewUserAsync"/> gives "me".</summary>
    public string MyName => $"arb {Me.Email[..^12]}";

    /// <summary>Escalated first, now overdue: unassigned, mine, Ada's.</summary>
    public int OldUnassigned, OldMine, OldAdas;
    /// <summary>Escalated later, still within the 7 days: three unassigned (the last two at the same moment) and one of mine.</summary>
    public int NewUnassigned1, NewUnassigned2, NewUnassigned3, NewMine;
    /// <summary>Mine but ruled on (closed); refused and never escalated.</summary>
    public int Ruled, NotEscalated;
    public DateTime OldEscalatedAt, NewEscalatedAt;

    public int[] AllMine => [OldUnassigned, OldMine, OldAdas, NewUnassigned1, NewUnassigned2, NewUnassigned3, NewMine, Ruled, NotEscalated];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Buyer = await UserAsync(BuyerEmail);
        var seller = await UserAsync(SellerEmail);
        Ada = await UserAsync(ArbiterEmail);
        Me = await this.NewUserAsync("arb", Roles.Arbiter);

        // Anything the demo world escalated is overdue from here on, so the baseline stays true after the clock moves.
        Clock.Advance(TimeSpan.FromDays(8));
        Baseline = await this.Queries().QueueAsync(Me, DisputeQueueKind.Unassigned, 1);

        OldEscalatedAt = this.Now();
        OldMine = await this.EscalatedAsync(Buyer, seller);
        Clock.Advance(TimeSpan.FromMinutes(5));
        OldUnassigned = await this.EscalatedAsync(Buyer, seller);
        Clock.Advance(TimeSpan.FromMinutes(5));
        OldAdas = await this.EscalatedAsync(Buyer, seller);
        await this.TakeAsync(OldMine, Me);
        await this.TakeAsync(OldAdas, Ada);

        Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromHours(1));
        NewEscalatedAt = this.Now();
        NewUnassigned1 = await this.EscalatedAsync(Buyer, seller);
        Ruled = await this.EscalatedAsync(Buyer, seller);
        await this.TakeAsync(Ruled, Me);
        await this.RejectAsync(Ruled, Me);
        Clock.Advance(TimeSpan.FromMinutes(5));
        NewMine = await this.EscalatedAsync(Buyer, seller);
        await this.TakeAsync(NewMine, Me);
        Clock.Advance(TimeSpan.FromMinutes(5));
        NewUnassigned2 = await this.EscalatedAsync(Buyer, seller);
        NewUnassigned3 = await this.EscalatedAsync(Buyer, seller);
        var order = await this.PlaceOrderAsync(Buyer, seller, OrderStage.NotShipped);
        NotEscalated = await this.ApplyRefundOnlyAsync(Buyer, order);
        await this.Refunds().RefuseAsync(seller, NotEscalated, await this.VersionAsync(NotEscalated), "No.", []);

        Clock.Advance(TimeSpan.FromHours(1));
    }
}

/// <summary>The Dispute Center's queues: arbiters only, "Platform Intervention" only, oldest first, paged on the server.</summary>
public sealed class DisputeQueriesTests(DisputeWorld world) : IClassFixture<DisputeWorld>
{
    private DisputeQueries Queries => world.Queries();

    private async Task<List<DisputeRow>> AllAsync(DisputeQueueKind queue) =>
        (await Queries.QueueAsync(world.Me, queue, 1, 100)).Page.Items.ToList();

    private List<int> Ours(IEnumerable<DisputeRow> rows) => rows.Select(r => r.Id).Where(world.AllMine.Contains).ToList();

    [Fact]
    public async Task OnlyArbitersReadTheQueues()
    {
        var buyer = await world.UserAsync(BuyerEmail);
        var seller = await world.UserAsync(SellerEmail);

        await Assert.ThrowsAsync<ForbiddenException>(() => Queries.QueueAsync(buyer, DisputeQueueKind.Unassigned, 1));
        await Assert.ThrowsAsync<ForbiddenException>(() => Queries.QueueAsync(seller, DisputeQueueKind.Overdue, 1));
        // The arbiter's id without the role (e.g. the role was removed) is refused too.
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Queries.QueueAsync(world.Me with { Roles = new HashSet<string> { Roles.Buyer } }, DisputeQueueKind.Mine, 1));
    }

    [Fact]
    public async Task EveryQueueCarriesTheCountsOfAllThree()
    {
        foreach (var queue in Enum.GetValues<DisputeQueueKind>())
        {
            var result = await Queries.QueueAsync(world.Me, queue, 1);

            Assert.Equal(world.Baseline.Unassigned + 4, result.Unassigned);
            Assert.Equal(2, result.Mine);
            Assert.Equal(world.Baseline.Overdue + 3, result.Overdue);
            Assert.Equal(queue switch
            {
                DisputeQueueKind.Unassigned => result.Unassigned,
                DisputeQueueKind.Mine => result.Mine,
                _ => result.Overdue,
            }, result.Page.TotalCount);
        }
        var ada = await Queries.QueueAsync(world.Ada, DisputeQueueKind.Mine, 1, 100);
        Assert.Equal(ada.Page.TotalCount, ada.Mine);
        Assert.Contains(world.OldAdas, ada.Page.Items.Select(r => r.Id));
        Assert.All(ada.Page.Items, r => Assert.True(r.IsMine));
    }

    [Fact]
    public async Task UnassignedHoldsTheUntakenCasesOldestFirstWithTiesByNumber()
    {
        var rows = await AllAsync(DisputeQueueKind.Unassigned);

        Assert.Equal([world.OldUnassigned, world.NewUnassigned1, world.NewUnassigned2, world.NewUnassigned3], Ours(rows));
        Assert.All(rows, r => Assert.Null(r.ArbiterName));
        Assert.All(rows, r => Assert.False(r.IsMine));
        Assert.Equal(rows.OrderBy(r => r.EscalatedAt).ThenBy(r => r.Id).Select(r => r.Id), rows.Select(r => r.Id));
    }

    [Fact]
    public async Task ARowCarriesTheOrderPartiesAmountAndDates()
    {
        var rows = await AllAsync(DisputeQueueKind.Unassigned);
        await using var db = world.NewDb();
        var number = await db.RefundRequests.Where(r => r.Id == world.NewUnassigned1).Select(r => r.Order.Number).SingleAsync();

        var row = rows.Single(r => r.Id == world.NewUnassigned1);
        Assert.Equal(number, row.OrderNumber);
        Assert.Equal("Bella Buyer", row.BuyerName);
        Assert.Equal("Sunrise Outdoor Co.", row.SellerName);
        Assert.Equal(new Money(5900, "USD"), row.Amount);
        Assert.Equal(RefundKind.RefundOnly, row.Kind);
        Assert.Equal(world.NewEscalatedAt, row.EscalatedAt);
        Assert.Equal(world.NewEscalatedAt.AddDays(7), row.DueAt);
        Assert.False(row.IsOverdue);
        Assert.True(rows.Single(r => r.Id == world.OldUnassigned).IsOverdue);
    }

    [Fact]
    public async Task MineHoldsTheCasesTheArbiterTookAndStillOpen()
    {
        var result = await Queries.QueueAsync(world.Me, DisputeQueueKind.Mine, 1);

        Assert.Equal([world.OldMine, world.NewMine], result.Page.Items.Select(r => r.Id));
        Assert.All(result.Page.Items, r => Assert.True(r.IsMine));
        Assert.All(result.Page.Items, r => Assert.Equal(world.MyName, r.ArbiterName));
        Assert.Equal([true, false], result.Page.Items.Select(r => r.IsOverdue));
    }

    [Fact]
    public async Task OverdueHoldsTheLateCasesOfAnyArbiter()
    {
        var rows = await AllAsync(DisputeQueueKind.Overdue);

        Assert.Equal([world.OldMine, world.OldUnassigned, world.OldAdas], Ours(rows));
        Assert.All(rows, r => Assert.True(r.IsOverdue));
        Assert.All(rows, r => Assert.True(r.DueAt < world.Now()));
        var adas = rows.Single(r => r.Id == world.OldAdas);
        Assert.Equal("Ada Arbiter", adas.ArbiterName);
        Assert.False(adas.IsMine);
        Assert.Equal(world.OldEscalatedAt.AddDays(7).AddMinutes(10), adas.DueAt);
        Assert.True(rows.Single(r => r.Id == world.OldMine).IsMine);
    }

    [Fact]
    public async Task ClosedAndNeverEscalatedRequestsAreInNoQueue()
    {
        foreach (var queue in Enum.GetValues<DisputeQueueKind>())
        {
            var ids = (await AllAsync(queue)).Select(r => r.Id).ToList();
            Assert.DoesNotContain(world.Ruled, ids);
            Assert.DoesNotContain(world.NotEscalated, ids);
        }
    }

    [Fact]
    public async Task QueuesArePagedOnTheServer()
    {
        var all = (await AllAsync(DisputeQueueKind.Unassigned)).Select(r => r.Id).ToList();
        var first = await Queries.QueueAsync(world.Me, DisputeQueueKind.Unassigned, 1, pageSize: 2);
        Assert.Equal(2, first.Page.Items.Count);
        Assert.Equal(all.Count, first.Page.TotalCount);
        Assert.Equal((all.Count + 1) / 2, first.Page.PageCount);
        Assert.Equal((1, 2), (first.Page.PageNumber, first.Page.PageSize));

        var paged = new List<int>();
        for (var page = 1; page <= first.Page.PageCount; page++)
        {
            var result = await Queries.QueueAsync(world.Me, DisputeQueueKind.Unassigned, page, pageSize: 2);
            Assert.Equal(page, result.Page.PageNumber);
            Assert.InRange(result.Page.Items.Count, 1, 2);
            paged.AddRange(result.Page.Items.Select(r => r.Id));
        }
        Assert.Equal(all, paged);

        var mine2 = await Queries.QueueAsync(world.Me, DisputeQueueKind.Mine, 2, pageSize: 1);
        Assert.Equal([world.NewMine], mine2.Page.Items.Select(r => r.Id));
        Assert.Equal(2, mine2.Page.PageCount);
        var beyond = await Queries.QueueAsync(world.Me, DisputeQueueKind.Mine, 3, pageSize: 2);
        Assert.Empty(beyond.Page.Items);
        Assert.Equal(2, beyond.Page.TotalCount);
        var zero = await Queries.QueueAsync(world.Me, DisputeQueueKind.Mine, 0, pageSize: 2);
        Assert.Equal(1, zero.Page.PageNumber);
        Assert.Equal([world.OldMine, world.NewMine], zero.Page.Items.Select(r => r.Id));
    }
}
