using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RefundPortal.Domain;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Shared;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.OrderFactory;

namespace RefundPortal.Tests.Features.Refunds;

/// <summary>A refund is paid exactly once, however often the same action arrives; the database refuses a second payment too.</summary>
public abstract class RefundServiceExactlyOnceTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TestApp
{
    [Fact]
    public async Task AgreeingTwiceWithTheSameVersionPaysOnce()
    {
        var (buyer, seller) = (await app.BuyerAsync(), await app.SellerAsync());
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
        var id = await app.ApplyRefundOnlyAsync(buyer, order);
        var version = await app.VersionAsync(id);
        await app.Refunds().AgreeAsync(seller, id, version, null);
        var after = await app.SnapshotAsync(id);

        var again = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => app.Refunds().AgreeAsync(seller, id, version, null));

        Assert.Equal(RefundService.ChangedBySomeoneElse, again.Message);
        Assert.Equal(after, await app.SnapshotAsync(id));
        Assert.Equal(1, after.Payments);
        Assert.Equal(5900, after.OrderRefundedMinor);
    }

    [Fact]
    public async Task ConfirmingReceiptTwicePaysOnce()
    {
        var (buyer, seller) = (await app.BuyerAsync(), await app.SellerAsync());
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.ReturnInTransitAsync(buyer, seller, order);
        var shown = await app.VersionAsync(id);
        await app.Refunds().ConfirmReceiptAsync(seller, id, shown);
        var after = await app.SnapshotAsync(id);

        // The same page pressed again, and a page reloaded after the refund.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => app.Refunds().ConfirmReceiptAsync(seller, id, shown));
        await Assert.ThrowsAsync<DomainException>(() => app.Refunds().ConfirmReceiptAsync(seller, id, after.Version));

        Assert.Equal(after, await app.SnapshotAsync(id));
        Assert.Equal(1, await app.PaymentCountAsync(id));
        Assert.Equal(2499, after.OrderRefundedMinor);
        Assert.Equal("0,1", after.OrderRefundedQuantities);
    }

    [Fact]
    public async Task TheDatabaseRefusesASecondPaymentForTheSameRequest()
    {
        var (buyer, seller) = (await app.BuyerAsync(), await app.SellerAsync());
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
        var id = await app.ApplyRefundOnlyAsync(buyer, order);
        await app.Refunds().AgreeAsync(seller, id, await app.VersionAsync(id), null);

        await using (var db = app.NewDb())
        {
            var refused = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"Payouts\" (\"Id\", \"RefundRequestId\", \"OrderId\", \"BuyerId\", \"AmountMinor\", \"Currency\", \"RequestedAt\", \"Status\") " +
                "VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, 'Requested')",
                Guid.NewGuid(), id, order.Id, buyer.Id, 5900L, "USD", app.Now()));
            // SQLITE_CONSTRAINT on SQLite, unique_violation on PostgreSQL.
            Assert.True(refused is SqliteException { SqliteErrorCode: 19 } or Npgsql.PostgresException { SqlState: "23505" }, refused.ToString());
        }

        // Through EF as well: a second payment row for the request cannot be saved.
        await using (var db = app.NewDb())
        {
            var request = await db.RefundRequests.AsNoTracking().SingleAsync(r => r.Id == id);
            var second = new Payout(request, app.Now());
            db.Payouts.Add(second);
            db.Entry(second).Property(p => p.RefundRequestId).CurrentValue = id;
            var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.True(RefundPortal.Data.Database.IsUniqueViolation(refused), refused.ToString());
        }

        Assert.Equal(1, await app.PaymentCountAsync(id));
    }
}

/// <summary>On SQLite, the embedded default.</summary>
public sealed class RefundServiceExactlyOnceTestsOnSqlite(TestApp app) : RefundServiceExactlyOnceTests<TestApp>(app);

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class RefundServiceExactlyOnceTestsOnPostgreSql(PostgresTestApp app) : RefundServiceExactlyOnceTests<PostgresTestApp>(app);
