using RefundPortal.Domain;

namespace RefundPortal.Tests.Domain;

/// <summary>The one table of who moves when (<see cref="RefundMoves"/>, <see cref="RefundStatusRules"/>) against DESIGN.md section 4.</summary>
public sealed class RefundMovesTests
{
    private static readonly RefundMove[] AnyTimeMoves = [RefundMove.AddEvidence, RefundMove.PostMessage];

    [Theory]
    [InlineData(RefundStatus.AwaitingSeller, ActorRole.Seller)]
    [InlineData(RefundStatus.SellerRefused, ActorRole.Buyer)]
    [InlineData(RefundStatus.AwaitingReturn, ActorRole.Buyer)]
    [InlineData(RefundStatus.ReturnInTransit, ActorRole.Seller)]
    [InlineData(RefundStatus.PlatformIntervention, ActorRole.Arbiter)]
    public void AWaitingStatusWaitsForThePartyWhoHasAMoveInIt(RefundStatus status, ActorRole party)
    {
        Assert.Equal(party, status.WaitsFor());
        Assert.True(status.IsActive());
        Assert.Contains(Enum.GetValues<RefundMove>().Except(AnyTimeMoves), m => m.Allows(party, status, holdsCase: true));
    }

    [Theory]
    [InlineData(RefundStatus.Refunded)]
    [InlineData(RefundStatus.Closed)]
    public void AFinishedRequestWaitsForNobodyAndOffersNoMove(RefundStatus status)
    {
        Assert.Null(status.WaitsFor());
        Assert.False(status.IsActive());
        Assert.False(status.ExpiresAutomatically());
        foreach (var role in new[] { ActorRole.Buyer, ActorRole.Seller, ActorRole.Arbiter })
            Assert.DoesNotContain(Enum.GetValues<RefundMove>(), m => m.Allows(role, status, holdsCase: true));
    }

    [Fact]
    public void OnlyASilentBuyerOrSellerTriggersTheDefaultAction()
    {
        Assert.Equal([RefundStatus.AwaitingSeller, RefundStatus.SellerRefused, RefundStatus.AwaitingReturn, RefundStatus.ReturnInTransit],
            RefundStatusRules.ExpiringAutomatically);
        Assert.Equal([RefundStatus.AwaitingSeller, RefundStatus.ReturnInTransit], RefundStatusRules.WaitingFor(ActorRole.Seller));
        Assert.Equal([RefundStatus.SellerRefused, RefundStatus.AwaitingReturn], RefundStatusRules.WaitingFor(ActorRole.Buyer));
    }

    /// <summary>The statuses the table opens a move in are exactly those where the domain method succeeds (the state machine tests' spec).</summary>
    [Theory]
    [InlineData(RefundMove.Agree)]
    [InlineData(RefundMove.Refuse)]
    [InlineData(RefundMove.Modify)]
    [InlineData(RefundMove.Withdraw)]
    [InlineData(RefundMove.SubmitReturn)]
    [InlineData(RefundMove.ConfirmReceipt)]
    [InlineData(RefundMove.RefuseReceipt)]
    [InlineData(RefundMove.Escalate)]
    [InlineData(RefundMove.TakeCase)]
    [InlineData(RefundMove.ProposePlan)]
    [InlineData(RefundMove.ChangeReturnAddress)]
    public void TheTableOpensAMoveInTheStatusesTheStateMachineAllows(RefundMove move)
    {
        var allowed = RefundStatusMachineTests.Moves[move.ToString()].Allowed;
        Assert.Equal(allowed.Order(), Enum.GetValues<RefundStatus>().Where(s => move.IsOpenIn(s)).Order());
    }

    [Fact]
    public void AnArbiterNeedsTheCaseForPlansAndRulingsButNotToTakeIt()
    {
        var dispute = RefundStatus.PlatformIntervention;
        Assert.True(RefundMove.TakeCase.Allows(ActorRole.Arbiter, dispute, holdsCase: false));
        Assert.False(RefundMove.ProposePlan.Allows(ActorRole.Arbiter, dispute, holdsCase: false));
        Assert.True(RefundMove.ProposePlan.Allows(ActorRole.Arbiter, dispute, holdsCase: true));
        Assert.False(RefundMove.Rule.Allows(ActorRole.Arbiter, dispute, holdsCase: false));
        Assert.True(RefundMove.ProposePlan.Allows(ActorRole.Buyer, dispute, holdsCase: false));
        Assert.False(RefundMove.AcceptPlan.Allows(ActorRole.Arbiter, dispute, holdsCase: true));
    }

    [Theory]
    [InlineData(RefundMove.Agree, ActorRole.Buyer, "Only the seller can agree to the refund.")]
    [InlineData(RefundMove.Withdraw, ActorRole.Seller, "Only the buyer can withdraw the application.")]
    [InlineData(RefundMove.Escalate, ActorRole.Seller, "Only the buyer or an arbiter can apply for platform intervention.")]
    [InlineData(RefundMove.ProposePlan, ActorRole.Arbiter, "Only the buyer, the seller or the arbiter holding the case can propose a plan.")]
    [InlineData(RefundMove.AcceptPlan, ActorRole.Arbiter, "Only the buyer or the seller can accept a plan.")]
    [InlineData(RefundMove.Rule, ActorRole.Arbiter, "Take the case before ruling on it.")]
    [InlineData(RefundMove.Rule, ActorRole.Buyer, "Only the arbiter holding the case can issue a ruling.")]
    public void ARefusedActorIsToldWhoMayMakeTheMove(RefundMove move, ActorRole role, string message) =>
        Assert.Equal(message, move.OnlyWho(role));
}
