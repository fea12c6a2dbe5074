using Microsoft.EntityFrameworkCore;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Shared;

namespace RefundPortal.Features.Orders;

public sealed record OrderListQuery(string? Search = null, OrderStatus? Status = null, int Page = 1, int PageSize = Paging.DefaultPageSize);

/// <summary>
/// An order line as the pages show it. <see cref="Refundable"/> and <see cref="Available"/> come from the domain
/// (<see cref="OrderLine.RefundableQuantity"/>, <see cref="Order.Available"/>).
/// </summary>
public sealed record OrderLineRow(
    int Id, string ProductName, string Sku, Money UnitPrice, int Quantity, int RefundedQuantity, int Refundable, int Available, int? ActiveRefundId)
{
    public Money Total => new(UnitPrice.Minor * Quantity, UnitPrice.Currency);

    /// <summary>What a request may cover: <see cref="Available"/>, or, for the request holding the line (being modified), every unit not yet refunded.</summary>
    public int AvailableTo(int? requestId) => requestId is not null && ActiveRefundId == requestId ? Refundable : Available;
}

public sealed record OrderRow(
    int Id,
    string Number,
    OrderStatus Status,
    ProductStatus ProductStatus,
    string BuyerId,
    string SellerId,
    string BuyerName,
    string BuyerEmail,
    string SellerName,
    Money ShippingFee,
    Money PaidTotal,
    Money RefundedTotal,
    DateTime PlacedAt,
    DateTime? ShippedAt,
    DateTime? DeliveredAt,
    DateTime? CompletedAt,
    IReadOnlyList<OrderLineRow> Lines,
    RefundEligibility Eligibility,
    bool CanConfirmReceipt,
    bool CanIssueImmediateRefund,
    bool ShippingRefundable)
{
    public Money ItemsTotal => new(Lines.Sum(l => l.Total.Minor), PaidTotal.Currency);
}

/// <summary>Reads orders for the signed-in user only: a buyer's purchases or a seller's sales, paged on the server.</summary>
public sealed class OrderQueries(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, RefundPolicy policy)
{
    /// <summary>"Purchased Items" for <see cref="ActorRole.Buyer"/>, "Sold Items" for <see cref="ActorRole.Seller"/>.</summary>
    public async Task<Page<OrderRow>> ListAsync(CurrentUser user, ActorRole side, OrderListQuery query, CancellationToken ct = default)
    {
        user.As(side);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        IQueryable<Order> Mine(IQueryable<Order> source)
        {
            source = side == ActorRole.Buyer ? source.Where(o => o.BuyerId == user.Id) : source.Where(o => o.SellerId == user.Id);
            return query.Status is { } status ? source.Where(o => o.Status == status) : source;
        }
        var orders = Mine(db.Orders);
        int total;
        bool more;
        if (string.IsNullOrWhiteSpace(query.Search)) (total, more) = await Paging.CountAsync(orders, ct);
        else
        {
            // Counted from the search index's side, which stops at the bound. Then a search with up to the bound's
            // matches sorts just those; one with more walks the user's orders newest first and stops at the page's end.
            var found = Mine(OrderSearch.DrivenBySearch(db, query.Search));
            (total, more) = await Paging.CountAsync(found, ct);
            orders = more ? orders.Matching(db, query.Search) : found;
        }
        var (skip, take, page, size) = Paging.Window(query.Page, query.PageSize);
        var ids = await orders.OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id)
            .Skip(skip).Take(take).Select(o => o.Id).ToListAsync(ct);
        var rows = await LoadRowsAsync(db, ids, ct);
        return new Page<OrderRow>(rows, total, page, size) { CountIsLowerBound = more };
    }

    /// <summary>One order, for its buyer or its seller only; anyone else gets null (the page answers 404).</summary>
    public async Task<OrderRow?> DetailsAsync(CurrentUser user, int orderId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = await db.Orders.AnyAsync(o => o.Id == orderId
            && ((o.BuyerId == user.Id && user.IsBuyer) || (o.SellerId == user.Id && user.IsSeller)), ct);
        if (!visible) return null;
        return (await LoadRowsAsync(db, [orderId], ct)).Single();
    }

    private async Task<List<OrderRow>> LoadRowsAsync(AppDbContext db, List<int> ids, CancellationToken ct)
    {
        // Identity resolution ties each refund line to the order line already loaded, so the domain's
        // "active request per line" answers the same here as it does when the order is tracked.
        var orders = await db.Orders.AsNoTrackingWithIdentityResolution().AsSplitQuery()
            .Include(o => o.Lines)
            .Include(o => o.Refunds).ThenInclude(r => r.Lines)
            .Where(o => ids.Contains(o.Id))
            .ToListAsync(ct);
        var people = await People.LoadAsync(db, orders.SelectMany(o => new[] { o.BuyerId, o.SellerId }), ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return ids.Select(id => orders.Single(o => o.Id == id)).Select(o => new OrderRow(
            o.Id, o.Number, o.Status, o.ProductStatus, o.BuyerId, o.SellerId,
            people[o.BuyerId].Name, people[o.BuyerId].Email, people[o.SellerId].Name,
            o.ShippingFee, o.PaidTotal, o.RefundedTotal, o.PlacedAt, o.ShippedAt, o.DeliveredAt, o.CompletedAt,
            o.Lines.OrderBy(l => l.Id).Select(l => new OrderLineRow(l.Id, l.ProductName, l.Sku, new Money(l.UnitPriceMinor, o.Currency),
                l.Quantity, l.RefundedQuantity, l.RefundableQuantity, o.Available(l), o.ActiveRefundFor(l)?.Id)).ToList(),
            o.EligibilityForRefund(now, policy),
            o.CanConfirmReceipt,
            o.CanIssueImmediateRefund,
            o.ShippingRefundable)).ToList();
    }
}
