using Microsoft.EntityFrameworkCore;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Integration.Api;
using RefundPortal.Features.Shared;

namespace RefundPortal.Features.Integration.Orders;

public sealed record OrderLineResource(string Sku, string Name, int Quantity, long UnitPrice, int RefundedQuantity);

/// <summary>An order as the API returns it.</summary>
public sealed record OrderResource(
    string OrderNumber, PartyResource Buyer, PartyResource Seller, string Currency, long ShippingFee, long PaidTotal, long RefundedTotal,
    string Status, DateTime PlacedAt, DateTime? ShippedAt, DateTime? DeliveredAt, DateTime? CompletedAt, IReadOnlyList<OrderLineResource> Lines);

/// <summary>
/// Orders in from the marketplace: create or revise (idempotent: the same body twice changes nothing the second time),
/// and shipping events. The people are resolved first (<see cref="MarketplaceUsers"/>); the order is then written under
/// its version token, and a concurrent writer of the same order (or a concurrent first write) makes this one look again.
/// </summary>
public sealed class OrderImport(IDbContextFactory<AppDbContext> dbFactory, MarketplaceUsers people, TimeProvider clock)
{
    private const int Attempts = 3;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Creates or revises the order; returns it and whether it was created.</summary>
    public async Task<(OrderResource Order, bool Created)> UpsertAsync(string number, OrderInput input, CancellationToken ct)
    {
        var buyerId = await people.ResolveAsync(Party(input.Buyer!), Roles.Buyer, ct);
        var sellerId = await people.ResolveAsync(Party(input.Seller!), Roles.Seller, ct);
        var facts = new OrderFacts(buyerId, sellerId, input.Currency!, input.ShippingFee!.Value, input.PlacedAt!.Value,
            input.ShippedAt, input.DeliveredAt, input.CompletedAt,
            [.. input.Lines!.Select(l => new OrderLineFacts(l.Sku!.Trim(), l.Name!.Trim(), l.Quantity!.Value, l.UnitPrice!.Value))]);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var order = await LoadAsync(db, number, ct);
            var created = order is null;
            if (order is null) db.Orders.Add(order = Order.FromMarketplace(number, facts));
            else order.Revise(facts, Now);
            try
            {
                await db.SaveChangesAsync(ct);
                return (await ResourceAsync(db, number, ct), created);
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Someone wrote this order (or created it) between our read and our write: read it again and re-apply.
            }
        }
    }

    /// <summary>Records a shipping event; a repeat changes nothing. Null when there is no such order.</summary>
    public async Task<OrderResource?> RecordAsync(string number, OrderEventType type, DateTime at, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var order = await LoadAsync(db, number, ct);
            if (order is null) return null;
            order.Record(type, at, Now);
            try
            {
                await db.SaveChangesAsync(ct);
                return await ResourceAsync(db, number, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
            }
        }
    }

    public async Task<OrderResource?> FindAsync(string number, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Orders.AnyAsync(o => o.Number == number, ct) ? await ResourceAsync(db, number, ct) : null;
    }

    private static Task<Order?> LoadAsync(AppDbContext db, string number, CancellationToken ct) =>
        db.Orders
            .Include(o => o.Lines)
            .Include(o => o.Refunds).ThenInclude(r => r.Lines)
            .AsSplitQuery()
            .SingleOrDefaultAsync(o => o.Number == number, ct);

    private static async Task<OrderResource> ResourceAsync(AppDbContext db, string number, CancellationToken ct)
    {
        var o = await db.Orders.AsNoTracking().Include(x => x.Lines).SingleAsync(x => x.Number == number, ct);
        var parties = await db.Users.AsNoTracking().Where(u => u.Id == o.BuyerId || u.Id == o.SellerId)
            .Select(u => new { u.Id, u.ExternalId, u.Email, u.DisplayName }).ToDictionaryAsync(u => u.Id, ct);
        PartyResource Party(string id) => parties.TryGetValue(id, out var p) ? new PartyResource(p.ExternalId, p.Email ?? "", p.DisplayName) : new(null, "", "");
        return new OrderResource(o.Number, Party(o.BuyerId), Party(o.SellerId), o.Currency, o.ShippingFeeMinor, o.PaidTotalMinor, o.RefundedTotalMinor,
            ApiJson.Name(o.Status), o.PlacedAt, o.ShippedAt, o.DeliveredAt, o.CompletedAt,
            [.. o.Lines.OrderBy(l => l.Id).Select(l => new OrderLineResource(l.Sku, l.ProductName, l.Quantity, l.UnitPriceMinor, l.RefundedQuantity))]);
    }

    private static MarketplaceParty Party(PartyInput p) => new(p.ExternalId!.Trim(), p.Email!.Trim(), p.Name!.Trim());
}
