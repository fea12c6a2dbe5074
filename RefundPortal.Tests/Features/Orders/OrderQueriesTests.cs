using Microsoft.EntityFrameworkCore;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Orders;
using RefundPortal.Features.Shared;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Orders;

public abstract class OrderQueriesTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TestApp
{
    private OrderQueries Queries => app.Get<OrderQueries>();

    [Fact]
    public async Task AnotherBuyerAskingForAnOrderByIdGetsNothing()
    {
        var buyer = await app.UserAsync("buyer@example.com");
        var buyer2 = await app.UserAsync("buyer2@example.com");
        await using var db = app.NewDb();
        var buyersOrderId = await db.Orders.Where(o => o.BuyerId == buyer.Id).Select(o => o.Id).FirstAsync();

        Assert.NotNull(await Queries.DetailsAsync(buyer, buyersOrderId));
        Assert.Null(await Queries.DetailsAsync(buyer2, buyersOrderId));
        var page = await Queries.ListAsync(buyer2, ActorRole.Buyer, new OrderListQuery(Page: 1, PageSize: 100));
        Assert.DoesNotContain(page.Items, o => o.Id == buyersOrderId);
        Assert.All(page.Items, o => Assert.Equal(buyer2.Id, o.BuyerId));
    }

    [Fact]
    public async Task TheSellerSeesTheirSaleAndAnotherSellerDoesNot()
    {
        var seller = await app.UserAsync("seller@example.com");
        var seller2 = await app.UserAsync("seller2@example.com");
        await using var db = app.NewDb();
        var saleId = await db.Orders.Where(o => o.SellerId == seller.Id).Select(o => o.Id).FirstAsync();

        Assert.NotNull(await Queries.DetailsAsync(seller, saleId));
        Assert.Null(await Queries.DetailsAsync(seller2, saleId));
    }

    [Fact]
    public async Task PurchasedItemsNeedTheBuyerRole()
    {
        var seller = await app.UserAsync("seller@example.com");
        await Assert.ThrowsAsync<ForbiddenException>(() => Queries.ListAsync(seller, ActorRole.Buyer, new OrderListQuery()));
    }

    [Fact]
    public async Task PagesAreTwentyNewestFirstAndCoverEveryOrderOnce()
    {
        var buyer = await app.UserAsync("buyer@example.com");
        await using var db = app.NewDb();
        var expected = await db.Orders.Where(o => o.BuyerId == buyer.Id).CountAsync();

        var first = await Queries.ListAsync(buyer, ActorRole.Buyer, new OrderListQuery());
        Assert.Equal(expected, first.TotalCount);
        Assert.True(first.PageCount > 1, "The demo world gives the buyer more than one page.");
        Assert.Equal(Paging.DefaultPageSize, first.Items.Count);
        var all = first.Items.ToList();
        for (var page = 2; page <= first.PageCount; page++)
            all.AddRange((await Queries.ListAsync(buyer, ActorRole.Buyer, new OrderListQuery(Page: page))).Items);
        Assert.Equal(expected - Paging.DefaultPageSize * (first.PageCount - 1),
            (await Queries.ListAsync(buyer, ActorRole.Buyer, new OrderListQuery(Page: first.PageCount))).Items.Count);
        Assert.Equal(expected, all.Select(o => o.Id).Distinct().Count());
        Assert.Equal(all.OrderByDescending(o => o.PlacedAt).Select(o => o.Id), all.Select(o => o.Id));
    }

    [Fact]
    public async Task SearchFindsByOrderNumberAndByProductName()
    {
        var buyer = await app.UserAsync("buyer@example.com");
        await using var db = app.NewDb();
        var order = await db.Orders.Include(o => o.Lines).Where(o => o.BuyerId == buyer.Id).OrderBy(o => o.Id).FirstAsync();

        var byNumber = await Queries.ListAsync(buyer, ActorRole.Buyer, new OrderListQuery(Search: order.Number[^4..]));
        Assert.Contains(byNumber.Items, o => o.Id == order.Id);
        Assert.All(byNumber.Items, o => Assert.Contains(order.Number[^4..], o.Number));

        var byProduct = await Queries.ListAsync(buyer, ActorRole.Buyer, new OrderListQuery(Search: "lantern", PageSize: 100));
        Assert.NotEmpty(byProduct.Items);
        Assert.All(byProduct.Items, o => Assert.Contains(o.Lines, l => l.ProductName.Contains("Lantern")));
        var lanternOrders = await db.Orders.Where(o => o.BuyerId == buyer.Id && o.Lines.Any(l => l.ProductName == "Camping Lantern")).CountAsync();
        Assert.Equal(lanternOrders, byProduct.TotalCount);

        var none = await Queries.ListAsync(buyer, ActorRole.Buyer, new OrderListQuery(Search: "100%_no_such"));
        Assert.Equal(0, none.TotalCount);
    }

    [Fact]
    public async Task SearchMatchesAnyPartOfAChineseNameAnyCaseAndTakesQuotesAsText()
    {
        var (buyer, seller) = (await app.NewUserAsync("search-buyer", Roles.Buyer), await app.SellerAsync());
        await using (var db = app.NewDb())
        {
            db.Orders.Add(Order.Place("RP-SEARCH-4711", buyer.Id, seller.Id, "CNY", 0,
                [("户外折叠露营灯 LED", "LAMP-CN", 8900, 1), ("USB-C Cable \"Pro\"", "CAB-1", 1200, 2)], app.Now()));
            db.Orders.Add(Order.Place("RP-SEARCH-4712", buyer.Id, seller.Id, "CNY", 0, [("Trail Backpack 40L", "BP-40", 11800, 1)], app.Now()));
            await db.SaveChangesAsync();
        }
        async Task<List<string>> Find(string term) =>
            [.. (await Queries.ListAsync(buyer, ActorRole.Buyer, new OrderListQuery(Search: term))).Items.Select(o => o.Number)];

        Assert.Equal(["RP-SEARCH-4711"], await Find("露营灯"));     // three characters: the trigram index
        Assert.Equal(["RP-SEARCH-4711"], await Find("营灯"));       // two: LIKE within the buyer's orders
        Assert.Equal(["RP-SEARCH-4711"], await Find("usb-c CABLE"));
        Assert.Equal(["RP-SEARCH-4711"], await Find("\"Pro\""));
        Assert.Equal(["RP-SEARCH-4712"], await Find("search-4712"));
        Assert.Equal(2, (await Find("rp-search")).Count);
        Assert.Empty(await Find("\" OR \"led"));                  // query syntax is text, not an operator
        Assert.Empty(await Find("露营灯 Backpack"));
    }

    [Fact]
    public async Task CountsStopAtTheBoundAndThereIsAlwaysANextPage()
    {
        var (buyer, seller) = (await app.NewUserAsync("busy-buyer", Roles.Buyer), await app.SellerAsync());
        await using (var db = app.NewDb())
        {
            for (var i = 0; i < Paging.CountBound + 5; i++)
                db.Orders.Add(Order.Place($"RP-BULK-{i:D5}", buyer.Id, seller.Id, "USD", 0, [("Cable", "C-1", 500, 1)], app.Now().AddMinutes(-i)));
            await db.SaveChangesAsync();
        }

        var first = await Queries.ListAsync(buyer, ActorRole.Buyer, new OrderListQuery());
        Assert.Equal((Paging.CountBound, true, "1,000+"), (first.TotalCount, first.CountIsLowerBound, first.CountText));
        Assert.Equal("RP-BULK-00000", first.Items[0].Number);
        var last = await Queries.ListAsync(buyer, ActorRole.Buyer, new OrderListQuery(Page: 51));
        Assert.Equal(["RP-BULK-01000", "RP-BULK-01001", "RP-BULK-01002", "RP-BULK-01003", "RP-BULK-01004"], last.Items.Select(o => o.Number));
        Assert.True(last.PageCount >= 51);
        var few = await Queries.ListAsync(buyer, ActorRole.Buyer, new OrderListQuery(Search: "RP-BULK-0100"));
        Assert.Equal((5, false, "5"), (few.TotalCount, few.CountIsLowerBound, few.CountText));
    }

    [Fact]
    public async Task StatusFilterReturnsOnlyThatStatus()
    {
        var seller = await app.UserAsync("seller@example.com");
        var shipped = await Queries.ListAsync(seller, ActorRole.Seller, new OrderListQuery(Status: OrderStatus.Shipped));
        Assert.NotEmpty(shipped.Items);
        Assert.All(shipped.Items, o => Assert.Equal(OrderStatus.Shipped, o.Status));
        Assert.All(shipped.Items, o => Assert.Equal(seller.Id, o.SellerId));
    }

    [Fact]
    public async Task RowsCarryTheRefundEligibilityOfEachCase()
    {
        var buyer = await app.UserAsync("buyer@example.com");
        var page = await Queries.ListAsync(buyer, ActorRole.Buyer, new OrderListQuery(PageSize: 100));
        var shippedRecently = page.Items.Single(o => o.Status == OrderStatus.Shipped && o.ShippedAt > app.Now().AddDays(-5));
        Assert.False(shippedRecently.Eligibility.CanApply);
        Assert.Equal($"Available from {shippedRecently.ShippedAt!.Value.AddDays(10).Day()}", shippedRecently.Eligibility.Reason);
        Assert.Contains(page.Items, o => o.Status == OrderStatus.AwaitingShipment && o.Eligibility.CanApply);
        Assert.Contains(page.Items, o => o.Status == OrderStatus.Completed && !o.Eligibility.CanApply);
    }
}

/// <summary>On SQLite, the embedded default.</summary>
public sealed class OrderQueriesTestsOnSqlite(TestApp app) : OrderQueriesTests<TestApp>(app);

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class OrderQueriesTestsOnPostgreSql(PostgresTestApp app) : OrderQueriesTests<PostgresTestApp>(app);
