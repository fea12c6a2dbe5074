using Microsoft.EntityFrameworkCore;
using RefundPortal.Domain;
using RefundPortal.Features.Disputes;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.OrderFactory;

namespace RefundPortal.Tests.Features.Security;

/// <summary>
/// A person's writes through the refund services, limited per user, on a real SQLite database. The limit is shrunk to
/// three per hour-long window: the rate limiters keep their own clock (they cannot run on a <see cref="TimeProvider"/>),
/// so the tests never wait for a window to pass, only fill one.
/// </summary>
public sealed class WriteLimiterTests(WriteLimiterTests.ThreeWritesApp app) : IClassFixture<WriteLimiterTests.ThreeWritesApp>
{
    private const string TooOften = "You are doing that too often. Wait a minute and try again.";

    public sealed class ThreeWritesApp : TestApp
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("RateLimits:WritesPerWindow", "3"),
            new("RateLimits:Window", "01:00:00"),
        ];
    }

    [Fact]
    public async Task TheApplicationBeyondTheLimitIsRefusedAndSavesNothing()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var orders = new List<Order>();
        for (var i = 0; i < 4; i++) orders.Add(await app.PlaceOrderAsync(buyer, seller));
        for (var i = 0; i < 3; i++) await app.ApplyReturnAsync(buyer, orders[i]);
        var filesBefore = app.EvidenceFilesOnDisk().Length;

        var refused = await Assert.ThrowsAsync<DomainException>(() => app.ApplyReturnAsync(buyer, orders[3]));

        Assert.Equal(TooOften, refused.Message);
        await using var db = app.NewDb();
        Assert.Equal(3, await db.RefundRequests.CountAsync(r => r.BuyerId == buyer.Id));
        Assert.False(await db.RefundRequests.AnyAsync(r => r.OrderId == orders[3].Id));
        Assert.Equal(filesBefore, app.EvidenceFilesOnDisk().Length);
    }

    [Fact]
    public async Task MessagesEvidenceAndModificationsCountTowardsTheSameLimit()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var id = await app.ApplyReturnAsync(buyer, await app.PlaceOrderAsync(buyer, seller));
        var disputes = app.Get<DisputeService>();
        await disputes.PostMessageAsync(buyer, ActorRole.Buyer, id, "Any news?", []);
        await disputes.AddEvidenceAsync(buyer, ActorRole.Buyer, id, [Photo("second.png")]);
        var before = await app.SnapshotAsync(id);

        var message = await Assert.ThrowsAsync<DomainException>(() => disputes.PostMessageAsync(buyer, ActorRole.Buyer, id, "Hello?", [Photo()]));
        var evidence = await Assert.ThrowsAsync<DomainException>(() => disputes.AddEvidenceAsync(buyer, ActorRole.Buyer, id, [Photo()]));
        var modify = await Assert.ThrowsAsync<DomainException>(async () =>
            await app.Refunds().ModifyAsync(buyer, id, await app.VersionAsync(id), ReturnAndRefund((await app.LoadAsync(id)).Order), []));

        Assert.All([message, evidence, modify], e => Assert.Equal(TooOften, e.Message));
        Assert.Equal(before, await app.SnapshotAsync(id));
    }

    [Fact]
    public async Task EachPersonHasALimitOfTheirOwn()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var otherBuyer = await app.NewUserAsync("buyer", RefundPortal.Features.Accounts.Roles.Buyer);
        var ids = new List<int>();
        for (var i = 0; i < 3; i++) ids.Add(await app.ApplyRefundOnlyAsync(buyer, await app.PlaceOrderAsync(buyer, seller)));
        await Assert.ThrowsAsync<DomainException>(async () => await app.ApplyRefundOnlyAsync(buyer, await app.PlaceOrderAsync(buyer, seller)));

        // The seller answers the buyer's requests, and another buyer applies, on limits of their own.
        await app.Refunds().AgreeAsync(seller, ids[0], await app.VersionAsync(ids[0]), null);
        var other = await app.ApplyRefundOnlyAsync(otherBuyer, await app.PlaceOrderAsync(otherBuyer, seller));

        Assert.Equal(RefundStatus.Refunded, (await app.LoadAsync(ids[0])).Status);
        Assert.Equal(RefundStatus.AwaitingSeller, (await app.LoadAsync(other)).Status);
    }
}
