using Microsoft.EntityFrameworkCore;
using RefundPortal.Domain;
using RefundPortal.Features.Refunds;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.OrderFactory;

namespace RefundPortal.Tests.Features.Refunds;

/// <summary>The buyer changes the application or withdraws it through <see cref="RefundService"/>.</summary>
public abstract class RefundServiceModifyAndWithdrawTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TestApp
{
    [Fact]
    public async Task ModifyingTheApplicationReplacesTheTermsAndGoesBackToTheSeller()
    {
        var (buyer, seller) = (await app.BuyerAsync(), await app.SellerAsync());
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.ShippedLongAgo);
        var id = await app.ApplyRefundOnlyAsync(buyer, order);
        var before = await app.LoadAsync(id);

        var form = new RefundForm([new LineChoice(order.Lines[0].Id, 2), new LineChoice(order.Lines[1].Id, 1)], false, RefundKind.RefundOnly,
            150.99m, true, RefundReason.NotReceived, "Tracking has not moved for ten days.");
        await app.Refunds().ModifyAsync(buyer, id, before.Version, form, []);

        var saved = await app.LoadAsync(id);
        Assert.Equal(RefundStatus.AwaitingSeller, saved.Status);
        Assert.NotEqual(before.Version, saved.Version);
        Assert.Equal(15099, saved.AmountMinor);
        Assert.True(saved.IncludesShipping);
        Assert.Equal(15099, saved.LimitMinor);
        Assert.Equal(RefundReason.NotReceived, saved.Reason);
        Assert.Equal("Tracking has not moved for ten days.", saved.Description);
        Assert.Equal([(order.Lines[0].Id, 2), (order.Lines[1].Id, 1)], saved.Lines.OrderBy(l => l.OrderLineId).Select(l => (l.OrderLineId, l.Quantity)));
        Assert.Equal(app.Now() + app.Policy().SellerResponse, saved.DeadlineAt);
        await using (var db = app.NewDb())
            Assert.Equal(2, await db.Set<RefundLine>().CountAsync(l => l.RefundRequestId == id));

        var timeline = await app.TimelineAsync(id);
        Assert.Equal([TimelineEventKind.Applied, TimelineEventKind.Modified], timeline.Select(e => e.Kind));
        Assert.Equal((RefundStatus?)RefundStatus.AwaitingSeller, timeline[1].FromStatus);
        Assert.Equal(ActorRole.Buyer, timeline[1].ActorRole);
    }

    [Fact]
    public async Task ModifyingToFewerLinesRemovesTheDroppedLineFromTheRequest()
    {
        var (buyer, seller) = (await app.BuyerAsync(), await app.SellerAsync());
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
        var id = await app.Refunds().ApplyAsync(buyer, order.Id, new RefundForm(
            [new LineChoice(order.Lines[0].Id, 1), new LineChoice(order.Lines[1].Id, 1)], false, RefundKind.RefundOnly, 83.99m, false,
            RefundReason.NoLongerNeeded, null), []);

        await app.Refunds().ModifyAsync(buyer, id, await app.VersionAsync(id), RefundOnly(order, quantity: 1), []);

        await using var db = app.NewDb();
        var lines = await db.Set<RefundLine>().Where(l => l.RefundRequestId == id).ToListAsync();
        var line = Assert.Single(lines);
        Assert.Equal((order.Lines[0].Id, 1), (line.OrderLineId, line.Quantity));
        Assert.Equal(5900, (await app.LoadAsync(id)).AmountMinor);
        // The dropped lantern is free again for a request of its own.
        var lantern = await app.Refunds().ApplyAsync(buyer, order.Id, new RefundForm([new LineChoice(order.Lines[1].Id, 1)], false,
            RefundKind.RefundOnly, 24.99m, false, RefundReason.NoLongerNeeded, null), []);
        Assert.NotEqual(id, lantern);
    }

    [Fact]
    public async Task ModifyingAfterARefusalClearsTheRefusalAndGoesBackToTheSeller()
    {
        var (buyer, seller) = (await app.BuyerAsync(), await app.SellerAsync());
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
        var id = await app.ApplyRefundOnlyAsync(buyer, order);
        await app.Refunds().RefuseAsync(seller, id, await app.VersionAsync(id), "The backpack was already packed.", []);

        await app.Refunds().ModifyAsync(buyer, id, await app.VersionAsync(id), RefundOnly(order, amount: 30m), []);

        var saved = await app.LoadAsync(id);
        Assert.Equal(RefundStatus.AwaitingSeller, saved.Status);
        Assert.Null(saved.RefusalReason);
        Assert.Equal(3000, saved.AmountMinor);
        var modified = (await app.TimelineAsync(id)).Last();
        Assert.Equal(TimelineEventKind.Modified, modified.Kind);
        Assert.Equal((RefundStatus?)RefundStatus.SellerRefused, modified.FromStatus);
        Assert.Equal(RefundStatus.AwaitingSeller, modified.ToStatus);
    }

    [Fact]
    public async Task WithdrawingClosesTheRequestAndFreesTheLineForANewApplication()
    {
        var (buyer, seller) = (await app.BuyerAsync(), await app.SellerAsync());
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
        var id = await app.ApplyRefundOnlyAsync(buyer, order);

        await app.Refunds().WithdrawAsync(buyer, id, await app.VersionAsync(id));

        var saved = await app.LoadAsync(id);
        Assert.Equal(RefundStatus.Closed, saved.Status);
        Assert.Equal(CloseReason.Withdrawn, saved.CloseReason);
        Assert.Null(saved.DeadlineAt);
        Assert.Null(saved.Payout);
        var withdrawn = (await app.TimelineAsync(id)).Last();
        Assert.Equal(TimelineEventKind.Withdrawn, withdrawn.Kind);
        Assert.Equal((RefundStatus?)RefundStatus.AwaitingSeller, withdrawn.FromStatus);
        Assert.Equal(RefundStatus.Closed, withdrawn.ToStatus);
        Assert.Equal(buyer.Id, withdrawn.ActorId);

        var again = await app.ApplyRefundOnlyAsync(buyer, order);
        Assert.NotEqual(id, again);
    }
}

/// <summary>On SQLite, the embedded default.</summary>
public sealed class RefundServiceModifyAndWithdrawTestsOnSqlite(TestApp app) : RefundServiceModifyAndWithdrawTests<TestApp>(app);

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class RefundServiceModifyAndWithdrawTestsOnPostgreSql(PostgresTestApp app) : RefundServiceModifyAndWithdrawTests<PostgresTestApp>(app);
