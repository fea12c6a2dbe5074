using Microsoft.EntityFrameworkCore;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Shared;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.OrderFactory;

namespace RefundPortal.Tests.Features.Refunds;

/// <summary>Refunds are read for the signed-in user only; the seller's list is sorted, filtered, searched and paged on the server.</summary>
public abstract class RefundQueriesTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TestApp
{
    private RefundQueries Queries => app.Get<RefundQueries>();

    [Fact]
    public async Task DetailsAreShownToTheRequestsBuyerAndSellerOnly()
    {
        var (buyer, seller) = (await app.UserAsync(BuyerEmail), await app.UserAsync(SellerEmail));
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.ApplyReturnAsync(buyer, order);

        var asBuyer = await Queries.DetailsAsync(buyer, id);
        var asSeller = await Queries.DetailsAsync(seller, id);

        Assert.NotNull(asBuyer);
        Assert.Equal(ActorRole.Buyer, asBuyer.ActingAs);
        Assert.True(asBuyer.Can(RefundMove.Withdraw));
        Assert.False(asBuyer.Can(RefundMove.Agree));
        Assert.NotNull(asSeller);
        Assert.Equal(ActorRole.Seller, asSeller.ActingAs);
        Assert.True(asSeller.Can(RefundMove.Agree));
        Assert.False(asSeller.Can(RefundMove.Withdraw));
        Assert.Null(await Queries.DetailsAsync(await app.UserAsync(Buyer2Email), id));
        Assert.Null(await Queries.DetailsAsync(await app.UserAsync(Seller2Email), id));
        Assert.Null(await Queries.DetailsAsync(await app.UserAsync(ArbiterEmail), id));
        Assert.Null(await Queries.DetailsAsync(buyer, int.MaxValue));
    }

    [Fact]
    public async Task ARoleTheUserDoesNotHoldDoesNotOpenTheDetails()
    {
        var (buyer, seller) = (await app.UserAsync(BuyerEmail), await app.UserAsync(SellerEmail));
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
        var id = await app.ApplyRefundOnlyAsync(buyer, order);

        // The right id but without the buyer role (e.g. the role was removed): nothing.
        Assert.Null(await Queries.DetailsAsync(buyer with { Roles = new HashSet<string> { Roles.Seller } }, id));
        Assert.Null(await Queries.DetailsAsync(seller with { Roles = new HashSet<string> { Roles.Buyer } }, id));
    }

    [Fact]
    public async Task DetailsCarryTheTermsEvidenceAndTheTimelineWithNames()
    {
        var (buyer, seller) = (await app.UserAsync(BuyerEmail), await app.UserAsync(SellerEmail));
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.AwaitingReturnAsync(buyer, seller, order);

        var view = await Queries.DetailsAsync(buyer, id);

        Assert.NotNull(view);
        Assert.Equal((order.Id, order.Number), (view.OrderId, view.OrderNumber));
        Assert.Equal(RefundStatus.AwaitingReturn, view.Status);
        Assert.Equal(("Bella Buyer", BuyerEmail, "Sunrise Outdoor Co."), (view.Parties.BuyerName, view.Parties.BuyerEmail, view.Parties.SellerName));
        Assert.Equal(new Money(2499, "USD"), view.Amount);
        var line = Assert.Single(view.Lines);
        Assert.Equal(("Camping Lantern", "LT-200", 1), (line.ProductName, line.Sku, line.Quantity));
        var evidence = Assert.Single(view.Evidence);
        Assert.Equal(("photo.png", "image/png", ActorRole.Buyer), (evidence.FileName, evidence.ContentType, evidence.UploadedBy));
        Assert.Equal($"evidence/{evidence.Id}", evidence.Url);
        Assert.Equal(Warehouse, view.ReturnAddress);
        Assert.True(view.Can(RefundMove.SubmitReturn));
        Assert.Equal(await app.VersionAsync(id), view.Version);
        Assert.Equal([("Bella Buyer", TimelineEventKind.Applied), ("Sunrise Outdoor Co.", TimelineEventKind.Agreed)],
            view.Timeline.Select(e => (e.Who, e.Kind)));
    }

    [Fact]
    public async Task ArbitersSeeARequestOnlyOnceItWentToPlatformIntervention()
    {
        var (buyer, seller, arbiter) = (await app.UserAsync(BuyerEmail), await app.UserAsync(SellerEmail), await app.UserAsync(ArbiterEmail));
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.ApplyReturnAsync(buyer, order);
        await app.Refunds().RefuseAsync(seller, id, await app.VersionAsync(id), "No defect found.", []);
        Assert.Null(await Queries.DetailsAsync(arbiter, id));

        await app.EscalateAsync(buyer, id);

        var view = await Queries.DetailsAsync(arbiter, id);
        Assert.NotNull(view);
        Assert.Equal(ActorRole.Arbiter, view.ActingAs);
        Assert.Equal(RefundStatus.PlatformIntervention, view.Status);
        Assert.False(view.Can(RefundMove.Agree) || view.Can(RefundMove.Withdraw) || view.Can(RefundMove.ConfirmReceipt));
        Assert.Null(await Queries.DetailsAsync(await app.UserAsync(Buyer2Email), id));
        Assert.Null(await Queries.DetailsAsync(await app.UserAsync(Seller2Email), id));
    }

    [Fact]
    public async Task APageOrFilterChangeReadsThePageWithoutRecountingTheChips()
    {
        var world = await SellerWorldAsync();

        var needs = await Queries.ListForSellerAsync(world.Seller, new RefundListQuery(NeedsMyAction: true, WithCounts: false));

        Assert.Equal([world.AwaitingSellerUnshipped, world.AwaitingSellerDelivered, world.ReturnInTransit], needs.Page.Items.Select(r => r.Id));
        Assert.Equal(3, needs.Page.TotalCount);
        Assert.Empty(needs.CountsByStatus);
    }

    [Fact]
    public async Task TheSellersListPutsWhatNeedsTheSellersActionFirst()
    {
        var world = await SellerWorldAsync();

        var list = await Queries.ListForSellerAsync(world.Seller, new RefundListQuery());

        Assert.Equal(
            [world.AwaitingSellerUnshipped, world.AwaitingSellerDelivered, world.ReturnInTransit, world.SellerRefused, world.AwaitingReturn,
             world.Closed, world.Refunded],
            list.Page.Items.Select(r => r.Id));
        Assert.Equal([true, true, true, false, false, false, false], list.Page.Items.Select(r => r.NeedsMyAction));
        Assert.Equal(7, list.Page.TotalCount);
        Assert.Equal(new BoundedCount(3, false), list.NeedsMyAction);
        var counts = list.CountsByStatus;
        Assert.Equal(2, counts[RefundStatus.AwaitingSeller].Value);
        Assert.Equal(1, counts[RefundStatus.SellerRefused].Value);
        Assert.Equal(1, counts[RefundStatus.AwaitingReturn].Value);
        Assert.Equal(1, counts[RefundStatus.ReturnInTransit].Value);
        Assert.Equal(1, counts[RefundStatus.Refunded].Value);
        Assert.Equal(1, counts[RefundStatus.Closed].Value);
        Assert.False(counts.ContainsKey(RefundStatus.PlatformIntervention));

        var row = list.Page.Items.Single(r => r.Id == world.ReturnInTransit);
        Assert.Equal(RefundStatus.ReturnInTransit, row.Status);
        Assert.Equal((world.BuyerB.Email, new Money(2499, "USD"), "Camping Lantern"), (row.CounterpartEmail, row.Amount, row.Products));
        Assert.Equal(app.Now() + app.Policy().SellerReceipt, row.DeadlineAt);
    }

    [Fact]
    public async Task TheSellersListFiltersByStatusAndByNeedsMyActionWhileCountingEveryStatus()
    {
        var world = await SellerWorldAsync();

        var refused = await Queries.ListForSellerAsync(world.Seller, new RefundListQuery(Status: RefundStatus.SellerRefused));
        Assert.Equal([world.SellerRefused], refused.Page.Items.Select(r => r.Id));
        Assert.Equal(1, refused.Page.TotalCount);
        Assert.Equal(new BoundedCount(7, false), refused.All);

        var waiting = await Queries.ListForSellerAsync(world.Seller, new RefundListQuery(Status: RefundStatus.AwaitingSeller));
        Assert.Equal([world.AwaitingSellerUnshipped, world.AwaitingSellerDelivered], waiting.Page.Items.Select(r => r.Id));

        var mine = await Queries.ListForSellerAsync(world.Seller, new RefundListQuery(NeedsMyAction: true));
        Assert.Equal([world.AwaitingSellerUnshipped, world.AwaitingSellerDelivered, world.ReturnInTransit], mine.Page.Items.Select(r => r.Id));
        Assert.All(mine.Page.Items, r => Assert.True(r.NeedsMyAction));

        var none = await Queries.ListForSellerAsync(world.Seller, new RefundListQuery(Status: RefundStatus.PlatformIntervention));
        Assert.Empty(none.Page.Items);
        Assert.Equal(0, none.Page.TotalCount);
    }

    [Fact]
    public async Task TheSellersListSearchesByOrderNumberAndByBuyer()
    {
        var world = await SellerWorldAsync();
        string number;
        await using (var db = app.NewDb())
            number = await db.RefundRequests.Where(r => r.Id == world.SellerRefused).Select(r => r.Order.Number).SingleAsync();

        var byNumber = await Queries.ListForSellerAsync(world.Seller, new RefundListQuery(Search: number));
        Assert.Equal([world.SellerRefused], byNumber.Page.Items.Select(r => r.Id));
        var byPartOfNumber = await Queries.ListForSellerAsync(world.Seller, new RefundListQuery(Search: $"  {number[^8..].ToLowerInvariant()} "));
        Assert.Equal([world.SellerRefused], byPartOfNumber.Page.Items.Select(r => r.Id));

        var byEmail = await Queries.ListForSellerAsync(world.Seller, new RefundListQuery(Search: world.BuyerB.Email));
        Assert.Equal([world.ReturnInTransit, world.Closed], byEmail.Page.Items.Select(r => r.Id));
        Assert.All(byEmail.Page.Items, r => Assert.Equal(world.BuyerB.Email, r.CounterpartEmail));

        var byEmailAndStatus = await Queries.ListForSellerAsync(world.Seller, new RefundListQuery(Search: world.BuyerB.Email, Status: RefundStatus.Closed));
        Assert.Equal([world.Closed], byEmailAndStatus.Page.Items.Select(r => r.Id));

        var byName = await Queries.ListForSellerAsync(world.Seller, new RefundListQuery(Search: world.BuyerBName));
        Assert.Equal(2, byName.Page.TotalCount);

        // Wildcards are searched for literally; the seller's own email or another seller's buyers find nothing.
        Assert.Equal(0, (await Queries.ListForSellerAsync(world.Seller, new RefundListQuery(Search: "%"))).Page.TotalCount);
        Assert.Equal(0, (await Queries.ListForSellerAsync(world.Seller, new RefundListQuery(Search: "_"))).Page.TotalCount);
        Assert.Equal(0, (await Queries.ListForSellerAsync(world.Seller, new RefundListQuery(Search: world.Seller.Email))).Page.TotalCount);
        Assert.Equal(0, (await Queries.ListForSellerAsync(world.Seller, new RefundListQuery(Search: BuyerEmail))).Page.TotalCount);
    }

    [Fact]
    public async Task TheSellersListIsPagedOnTheServer()
    {
        var seller = await app.NewUserAsync("pager", Roles.Seller);
        var buyer = await app.NewUserAsync("payer", Roles.Buyer);
        var ids = new List<int>();
        for (var i = 0; i < 23; i++)
            ids.Add(await app.ApplyRefundOnlyAsync(buyer, await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped)));

        var first = await Queries.ListForSellerAsync(seller, new RefundListQuery());
        var second = await Queries.ListForSellerAsync(seller, new RefundListQuery(Page: 2));

        Assert.Equal((23, 1, Paging.DefaultPageSize, 2), (first.Page.TotalCount, first.Page.PageNumber, first.Page.PageSize, first.Page.PageCount));
        Assert.Equal(Paging.DefaultPageSize, first.Page.Items.Count);
        Assert.Equal(3, second.Page.Items.Count);
        Assert.Equal(2, second.Page.PageNumber);
        Assert.Equal(ids.Order(), first.Page.Items.Concat(second.Page.Items).Select(r => r.Id).Order());
        // Equal deadlines and update times: the newest request comes first, the same way on every page.
        Assert.Equal(Enumerable.Reverse(ids), first.Page.Items.Concat(second.Page.Items).Select(r => r.Id));

        var small = new List<int>();
        for (var page = 1; page <= 5; page++)
        {
            var items = (await Queries.ListForSellerAsync(seller, new RefundListQuery(Page: page, PageSize: 5))).Page.Items;
            Assert.Equal(page < 5 ? 5 : 3, items.Count);
            small.AddRange(items.Select(r => r.Id));
        }
        Assert.Equal(Enumerable.Reverse(ids), small);

        var beyond = await Queries.ListForSellerAsync(seller, new RefundListQuery(Page: 9));
        Assert.Empty(beyond.Page.Items);
        Assert.Equal(23, beyond.Page.TotalCount);
        Assert.Equal(23, beyond.CountsByStatus[RefundStatus.AwaitingSeller].Value);

        var clamped = await Queries.ListForSellerAsync(seller, new RefundListQuery(PageSize: 10_000));
        Assert.Equal(Paging.MaxPageSize, clamped.Page.PageSize);
        Assert.Equal(23, clamped.Page.Items.Count);
    }

    [Fact]
    public async Task TheSellersListNeedsTheSellerRoleAndShowsOnlyTheirOwnRequests()
    {
        var world = await SellerWorldAsync();
        var seller2 = await app.UserAsync(Seller2Email);

        await Assert.ThrowsAsync<ForbiddenException>(() => Queries.ListForSellerAsync(world.BuyerA, new RefundListQuery()));
        var others = await Queries.ListForSellerAsync(seller2, new RefundListQuery(PageSize: Paging.MaxPageSize));
        Assert.DoesNotContain(others.Page.Items, r => world.All.Contains(r.Id));
        await using var db = app.NewDb();
        Assert.Equal(await db.RefundRequests.CountAsync(r => r.SellerId == seller2.Id), others.Page.TotalCount);
    }

    [Fact]
    public async Task TheBuyersListShowsTheirOwnRequestsWithWhatWaitsForThemFirst()
    {
        var world = await SellerWorldAsync();

        var list = await Queries.ListForBuyerAsync(world.BuyerA, new RefundListQuery());

        Assert.Equal(world.All.Except([world.ReturnInTransit, world.Closed]).Order(), list.Page.Items.Select(r => r.Id).Order());
        Assert.Equal([world.SellerRefused, world.AwaitingReturn], list.Page.Items.Take(2).Select(r => r.Id));
        Assert.Equal(new BoundedCount(2, false), list.NeedsMyAction);
        Assert.All(list.Page.Items, r => Assert.Equal(world.Seller.Email, r.CounterpartEmail));
        await Assert.ThrowsAsync<ForbiddenException>(() => Queries.ListForBuyerAsync(world.Seller, new RefundListQuery()));

        // The buyer searches by the seller (email or name), not by other buyers.
        Assert.Equal(5, (await Queries.ListForBuyerAsync(world.BuyerA, new RefundListQuery(Search: world.Seller.Email))).Page.TotalCount);
        Assert.Equal(0, (await Queries.ListForBuyerAsync(world.BuyerA, new RefundListQuery(Search: world.BuyerB.Email))).Page.TotalCount);
        Assert.Equal(0, (await Queries.ListForBuyerAsync(world.BuyerA, new RefundListQuery(Search: SellerEmail))).Page.TotalCount);
    }

    /// <summary>A seller of their own with one request in each status, from two buyers of their own.</summary>
    private sealed record SellerWorld(
        CurrentUser Seller, CurrentUser BuyerA, CurrentUser BuyerB, string BuyerBName,
        int AwaitingSellerUnshipped, int AwaitingSellerDelivered, int SellerRefused, int AwaitingReturn, int ReturnInTransit, int Refunded, int Closed)
    {
        public int[] All => [AwaitingSellerUnshipped, AwaitingSellerDelivered, SellerRefused, AwaitingReturn, ReturnInTransit, Refunded, Closed];
    }

    private async Task<SellerWorld> SellerWorldAsync()
    {
        var seller = await app.NewUserAsync("shop", Roles.Seller);
        var buyerA = await app.NewUserAsync("anna", Roles.Buyer);
        var buyerB = await app.NewUserAsync("boris", Roles.Buyer);
        string buyerBName;
        await using (var db = app.NewDb())
            buyerBName = await db.Users.Where(u => u.Id == buyerB.Id).Select(u => u.DisplayName).SingleAsync();

        var refunded = await app.ApplyRefundOnlyAsync(buyerA, await app.PlaceOrderAsync(buyerA, seller, OrderStage.NotShipped));
        await app.Refunds().AgreeAsync(seller, refunded, await app.VersionAsync(refunded), null);

        var closed = await app.ApplyRefundOnlyAsync(buyerB, await app.PlaceOrderAsync(buyerB, seller, OrderStage.NotShipped));
        await app.Refunds().WithdrawAsync(buyerB, closed, await app.VersionAsync(closed));

        var refused = await app.ApplyReturnAsync(buyerA, await app.PlaceOrderAsync(buyerA, seller, OrderStage.Delivered));
        await app.Refunds().RefuseAsync(seller, refused, await app.VersionAsync(refused), "Out of the return window.", []);

        var awaitingReturn = await app.AwaitingReturnAsync(buyerA, seller, await app.PlaceOrderAsync(buyerA, seller, OrderStage.Delivered));
        var inTransit = await app.ReturnInTransitAsync(buyerB, seller, await app.PlaceOrderAsync(buyerB, seller, OrderStage.Delivered));
        var delivered = await app.ApplyReturnAsync(buyerA, await app.PlaceOrderAsync(buyerA, seller, OrderStage.Delivered));
        var unshipped = await app.ApplyRefundOnlyAsync(buyerA, await app.PlaceOrderAsync(buyerA, seller, OrderStage.NotShipped));

        return new SellerWorld(seller, buyerA, buyerB, buyerBName, unshipped, delivered, refused, awaitingReturn, inTransit, refunded, closed);
    }
}

/// <summary>On SQLite, the embedded default.</summary>
public sealed class RefundQueriesTestsOnSqlite(TestApp app) : RefundQueriesTests<TestApp>(app);

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class RefundQueriesTestsOnPostgreSql(PostgresTestApp app) : RefundQueriesTests<PostgresTestApp>(app);
