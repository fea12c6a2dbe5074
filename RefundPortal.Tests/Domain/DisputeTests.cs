using RefundPortal.Domain;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.DomainWorld;

namespace RefundPortal.Tests.Domain;

public sealed class DisputeTests
{
    private readonly DomainWorld world = new();

    [Fact]
    public void EscalationNeedsAStatementAndSetsTheArbiterDeadline()
    {
        var request = world.RequestIn(RefundStatus.SellerRefused);
        Assert.Throws<RefundValidationException>(() => request.Escalate(Buyer, "", [], world.Policy, world.Now));
        Assert.Throws<DomainException>(() => request.Escalate(Seller, "Me too", [], world.Policy, world.Now));

        request.Escalate(Buyer, "It arrived broken.", [Photo()], world.Policy, world.Now);

        Assert.Equal(RefundStatus.PlatformIntervention, request.Status);
        Assert.Equal(world.Now, request.EscalatedAt);
        Assert.Equal(world.Now + world.Policy.ArbiterIntervention, request.DeadlineAt);
    }

    [Fact]
    public void OneArbiterPerCase()
    {
        var request = world.RequestIn(RefundStatus.PlatformIntervention);
        request.TakeCase(Arbiter, world.Now);
        var error = Assert.Throws<DomainException>(() => request.TakeCase(Actor.Arbiter("arbiter-2"), world.Now));
        Assert.Equal("This case was taken by another arbiter.", error.Message);
        Assert.Equal(ArbiterId, request.ArbiterId);
    }

    [Fact]
    public void EachPartyHoldsOnePlanAndReplacedOnesStayAsHistory()
    {
        var request = world.RequestIn(RefundStatus.PlatformIntervention);
        request.ProposePlan(Buyer, RefundKind.RefundOnly, 1000, "Full refund", world.Now);
        request.ProposePlan(Buyer, RefundKind.RefundOnly, 800, "Meet halfway", world.Now);
        request.ProposePlan(Seller, RefundKind.RefundOnly, 300, null, world.Now);

        Assert.Equal(800, request.CurrentPlanOf(ActorRole.Buyer)!.AmountMinor);
        Assert.Equal(3, request.Plans.Count);
        Assert.Equal("Replaced", request.Plans[0].EndedAs);

        request.DeletePlan(Seller, world.Now);
        Assert.Null(request.CurrentPlanOf(ActorRole.Seller));
        Assert.Throws<DomainException>(() => request.DeletePlan(Seller, world.Now));
    }

    [Fact]
    public void APlanAboveTheLimitIsRefused()
    {
        var request = world.RequestIn(RefundStatus.PlatformIntervention);
        var error = Assert.Throws<RefundValidationException>(() => request.ProposePlan(Buyer, RefundKind.RefundOnly, 1001, null, world.Now));
        Assert.Equal("The amount cannot be more than USD 10.00.", error.Errors["Amount"]);
        Assert.Empty(request.Plans);
    }

    [Fact]
    public void AcceptingOnesOwnPlanIsRefused()
    {
        var request = world.RequestIn(RefundStatus.PlatformIntervention);
        request.ProposePlan(Buyer, RefundKind.RefundOnly, 900, null, world.Now);
        var error = Assert.Throws<DomainException>(() => request.AcceptPlan(Buyer, ActorRole.Buyer, Address, world.Policy, world.Now));
        Assert.Equal("You cannot accept your own plan.", error.Message);
        Assert.Equal(RefundStatus.PlatformIntervention, request.Status);
    }

    [Fact]
    public void AcceptingTheOtherPartysPlanExecutesIt()
    {
        var request = world.RequestIn(RefundStatus.PlatformIntervention);
        request.ProposePlan(Seller, RefundKind.RefundOnly, 600, "Keep it, 6.00 back", world.Now);

        request.AcceptPlan(Buyer, ActorRole.Seller, Address, world.Policy, world.Now);

        Assert.Equal(RefundStatus.Refunded, request.Status);
        Assert.Equal(600, request.Payout!.AmountMinor);
        Assert.Equal("Accepted", request.Plans.Single().EndedAs);
    }

    [Fact]
    public void AcceptingThePlatformsReturnPlanWaitsForTheReturn()
    {
        var request = world.RequestIn(RefundStatus.PlatformIntervention);
        request.TakeCase(Arbiter, world.Now);
        request.ProposePlan(Arbiter, RefundKind.ReturnAndRefund, 1000, null, world.Now);

        request.AcceptPlan(Seller, ActorRole.Arbiter, Address, world.Policy, world.Now);

        Assert.Equal(RefundStatus.AwaitingReturn, request.Status);
        Assert.Equal(Address, request.ReturnAddress);
        Assert.Null(request.Payout);
    }

    [Fact]
    public void RulingNeedsTheCaseAndAReason()
    {
        var request = world.RequestIn(RefundStatus.PlatformIntervention);
        Assert.Equal("Take the case before ruling on it.", Assert.Throws<DomainException>(() =>
            request.Rule(Arbiter, RulingOutcome.FullRefund, null, false, "Broken", Address, world.Policy, world.Now)).Message);
        request.TakeCase(Arbiter, world.Now);
        var error = Assert.Throws<RefundValidationException>(() =>
            request.Rule(Arbiter, RulingOutcome.FullRefund, null, false, "", Address, world.Policy, world.Now));
        Assert.Equal("Write the reason for the ruling.", error.Errors["Reason"]);
        Assert.Equal(RefundStatus.PlatformIntervention, request.Status);
    }

    [Fact]
    public void PartialRulingRefundsThatAmountOnce()
    {
        var request = world.RequestIn(RefundStatus.PlatformIntervention);
        request.TakeCase(Arbiter, world.Now);

        request.Rule(Arbiter, RulingOutcome.PartialRefund, 450, false, "Minor defect.", Address, world.Policy, world.Now);

        Assert.Equal(RefundStatus.Refunded, request.Status);
        Assert.Equal(450, request.Payout!.AmountMinor);
        Assert.Throws<DomainException>(() =>
            request.Rule(Arbiter, RulingOutcome.FullRefund, null, false, "Again", Address, world.Policy, world.Now));
        Assert.Equal(450, request.Order.RefundedTotalMinor);
    }

    [Fact]
    public void RejectingClosesAndReturnRequiredWaitsForTheReturn()
    {
        var rejected = world.RequestIn(RefundStatus.PlatformIntervention);
        rejected.TakeCase(Arbiter, world.Now);
        rejected.Rule(Arbiter, RulingOutcome.Reject, null, false, "No evidence of damage.", Address, world.Policy, world.Now);
        Assert.Equal(RefundStatus.Closed, rejected.Status);
        Assert.Equal(CloseReason.RuledAgainst, rejected.CloseReason);

        var returning = world.RequestIn(RefundStatus.PlatformIntervention);
        returning.TakeCase(Arbiter, world.Now);
        returning.Rule(Arbiter, RulingOutcome.FullRefund, null, true, "Return it for a full refund.", Address, world.Policy, world.Now);
        Assert.Equal(RefundStatus.AwaitingReturn, returning.Status);
        Assert.Equal(1000, returning.AmountMinor);
    }

    [Fact]
    public void AnArbiterWhoIsAPartyToTheRefundCanNeitherBringInNorTakeTheCase()
    {
        var buyerAsArbiter = Actor.Arbiter(BuyerId);
        var sellerAsArbiter = Actor.Arbiter(SellerId);
        var refused = world.RequestIn(RefundStatus.SellerRefused);
        var escalated = world.RequestIn(RefundStatus.PlatformIntervention);

        var bringIn = Assert.Throws<DomainException>(() => refused.Escalate(sellerAsArbiter, "I'll judge this", [], world.Policy, world.Now));
        var take = Assert.Throws<DomainException>(() => escalated.TakeCase(buyerAsArbiter, world.Now));

        Assert.Equal("You are a party to this refund: another arbiter must handle it.", bringIn.Message);
        Assert.Equal(bringIn.Message, take.Message);
        Assert.Equal(RefundStatus.SellerRefused, refused.Status);
        Assert.Null(refused.ArbiterId);
        Assert.Null(escalated.ArbiterId);
    }

    [Fact]
    public void OnlyTheArbiterHoldingTheCaseWritesOnIt()
    {
        var request = world.RequestIn(RefundStatus.PlatformIntervention);
        var bystander = Actor.Arbiter("arbiter-2");
        Assert.Throws<DomainException>(() => request.PostMessage(Arbiter, "Before taking it", [], world.Now));

        request.TakeCase(Arbiter, world.Now);
        var error = Assert.Throws<DomainException>(() => request.PostMessage(bystander, "Me too", [], world.Now));
        request.PostMessage(Arbiter, "Please send photos.", [], world.Now);

        Assert.Equal("Only the buyer, the seller or the arbiter holding the case can write a message.", error.Message);
        Assert.Equal(["Please send photos."], request.Messages.Select(m => m.Text));
    }
}
