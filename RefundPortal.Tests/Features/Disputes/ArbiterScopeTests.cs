using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Disputes;
using RefundPortal.Features.Refunds;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.OrderFactory;

namespace RefundPortal.Tests.Features.Disputes;

/// <summary>What an arbiter sees and may do (DESIGN.md section 1: arbiters see only refunds that went to platform intervention).</summary>
public sealed class ArbiterScopeTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task AnArbiterSeesOnlyTheOrdersOtherDisputesNotWhatThePartiesSettledThemselves()
    {
        var buyer = await app.NewUserAsync("buyer", Roles.Buyer);
        var seller = await app.NewUserAsync("seller", Roles.Seller);
        var arbiter = await app.NewUserAsync("arbiter", Roles.Arbiter);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
        var settled = await app.Get<RefundService>().ApplyAsync(buyer, order.Id,
            new RefundForm([new LineChoice(order.Lines[1].Id, 1)], false, RefundKind.RefundOnly, 24.99m, false, RefundReason.NoLongerNeeded, null), []);
        await app.Get<RefundService>().WithdrawAsync(buyer, settled, await app.VersionAsync(settled));
        var disputed = await app.ApplyRefundOnlyAsync(buyer, order);
        await app.Get<RefundService>().RefuseAsync(seller, disputed, await app.VersionAsync(disputed), "Already shipped.", []);
        await app.Get<DisputeService>().EscalateAsync(buyer, disputed, await app.VersionAsync(disputed), "Please step in.", []);

        var asArbiter = await app.Get<RefundQueries>().DetailsAsync(arbiter, disputed);
        var asBuyer = await app.Get<RefundQueries>().DetailsAsync(buyer, disputed);

        Assert.Empty(asArbiter!.OtherRefundsOnOrder);
        Assert.Equal([settled], asBuyer!.OtherRefundsOnOrder.Select(r => r.Id));
    }

    [Fact]
    public async Task AnArbiterWhoIsTheBuyerNeverFindsTheCaseInTheQueueNorIsOfferedToTakeIt()
    {
        var buyerAndArbiter = await app.NewUserAsync("both", Roles.Buyer, Roles.Arbiter);
        var seller = await app.NewUserAsync("seller", Roles.Seller);
        var otherArbiter = await app.NewUserAsync("arbiter", Roles.Arbiter);
        var id = await app.EscalatedAsync(buyerAndArbiter, seller);

        var ownQueue = await app.Queries().QueueAsync(buyerAndArbiter, DisputeQueueKind.Unassigned, 1, 100);
        var otherQueue = await app.Queries().QueueAsync(otherArbiter, DisputeQueueKind.Unassigned, 1, 100);
        var view = await app.Get<RefundQueries>().DetailsAsync(buyerAndArbiter, id);
        var refused = await Assert.ThrowsAsync<DomainException>(() => app.Get<DisputeService>().TakeCaseAsync(
            buyerAndArbiter, id, view!.Version));

        Assert.DoesNotContain(id, ownQueue.Page.Items.Select(r => r.Id));
        Assert.Contains(id, otherQueue.Page.Items.Select(r => r.Id));
        Assert.False(view!.Can(RefundMove.TakeCase));
        Assert.Equal("You are a party to this refund: another arbiter must handle it.", refused.Message);
    }
}
