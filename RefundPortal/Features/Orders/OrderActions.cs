using Microsoft.EntityFrameworkCore;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Shared;

namespace RefundPortal.Features.Orders;

/// <summary>What a party does to an order itself (refunds live in their own feature).</summary>
public sealed class OrderActions(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>"Confirm Receipt": the order completes and the funds go to the seller.</summary>
    public async Task ConfirmReceiptAsync(CurrentUser user, int orderId, CancellationToken ct = default)
    {
        var buyer = user.As(ActorRole.Buyer);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await db.Orders.Include(o => o.Refunds)
                        .SingleOrDefaultAsync(o => o.Id == orderId && o.BuyerId == buyer.UserId, ct)
                    ?? throw new NotFoundException();
        order.ConfirmReceipt(user.Id, clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(OrderWords.Get("OrderChanged"));
        }
    }
}
