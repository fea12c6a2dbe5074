using RefundPortal.Domain;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.DomainWorld;

namespace RefundPortal.Tests.Domain;

/// <summary>Every move in every status: the legal ones land where DESIGN.md section 4 says, the others change nothing.</summary>
public sealed class RefundStatusMachineTests
{
    internal static readonly Dictionary<string, (RefundStatus[] Allowed, Action<DomainWorld, RefundRequest> Move)> Moves = new()
    {
        ["Agree"] = ([RefundStatus.AwaitingSeller], (w, r) => r.Agree(Seller, Address, w.Policy, w.Now)),
        ["Refuse"] = ([RefundStatus.AwaitingSeller], (w, r) => r.Refuse(Seller, "No.", [], w.Policy, w.Now)),
        ["Modify"] = ([RefundStatus.AwaitingSeller, RefundStatus.SellerRefused],
            (w, r) => r.Modify(Buyer, Terms(r.Order, amount: 900), w.Policy, w.Now)),
        ["Withdraw"] = ([RefundStatus.AwaitingSeller, RefundStatus.SellerRefused], (w, r) => r.Withdraw(Buyer, w.Now)),
        ["SubmitReturn"] = ([RefundStatus.AwaitingReturn], (w, r) => r.SubmitReturn(Buyer, "DHL", "JD1", "Box", w.Policy, w.Now)),
        ["ConfirmReceipt"] = ([RefundStatus.ReturnInTransit], (w, r) => r.ConfirmReceipt(Seller, w.Now)),
        ["RefuseReceipt"] = ([RefundStatus.ReturnInTransit], (w, r) => r.RefuseReceipt(Seller, "Empty box.", [], w.Policy, w.Now)),
        ["Escalate"] = ([RefundStatus.SellerRefused], (w, r) => r.Escalate(Buyer, "Please help.", [], w.Policy, w.Now)),
        ["TakeCase"] = ([RefundStatus.PlatformIntervention], (w, r) => r.TakeCase(Arbiter, w.Now)),
        ["ProposePlan"] = ([RefundStatus.PlatformIntervention], (w, r) => r.ProposePlan(Buyer, RefundKind.RefundOnly, 800, null, w.Now)),
        ["ChangeReturnAddress"] = ([RefundStatus.AwaitingReturn], (w, r) => r.ChangeReturnAddress(Seller, Address with { City = "Ningbo" }, w.Now)),
        ["Expire"] = ([RefundStatus.AwaitingSeller, RefundStatus.SellerRefused, RefundStatus.AwaitingReturn, RefundStatus.ReturnInTransit],
            (w, r) =>
            {
                w.Clock.Advance(TimeSpan.FromDays(30));
                r.Expire(Address, w.Policy, w.Now);
            }),
    };

    public static TheoryData<string, RefundStatus> IllegalMoves()
    {
        var data = new TheoryData<string, RefundStatus>();
        foreach (var (name, (allowed, _)) in Moves)
        foreach (var status in Enum.GetValues<RefundStatus>().Except(allowed))
            data.Add(name, status);
        return data;
    }

    public static TheoryData<string, RefundStatus, RefundStatus> LegalMoves() => new()
    {
        { "Agree", RefundStatus.AwaitingSeller, RefundStatus.AwaitingReturn },
        { "Refuse", RefundStatus.AwaitingSeller, RefundStatus.SellerRefused },
        { "Modify", RefundStatus.AwaitingSeller, RefundStatus.AwaitingSeller },
        { "Modify", RefundStatus.SellerRefused, RefundStatus.AwaitingSeller },
        { "Withdraw", RefundStatus.AwaitingSeller, RefundStatus.Closed },
        { "Withdraw", RefundStatus.SellerRefused, RefundStatus.Closed },
        { "SubmitReturn", RefundStatus.AwaitingReturn, RefundStatus.ReturnInTransit },
        { "ConfirmReceipt", RefundStatus.ReturnInTransit, RefundStatus.Refunded },
        { "RefuseReceipt", RefundStatus.ReturnInTransit, RefundStatus.SellerRefused },
        { "Escalate", RefundStatus.SellerRefused, RefundStatus.PlatformIntervention },
        { "TakeCase", RefundStatus.PlatformIntervention, RefundStatus.PlatformIntervention },
        { "ProposePlan", RefundStatus.PlatformIntervention, RefundStatus.PlatformIntervention },
        { "ChangeReturnAddress", RefundStatus.AwaitingReturn, RefundStatus.AwaitingReturn },
        { "Expire", RefundStatus.AwaitingSeller, RefundStatus.AwaitingReturn },
        { "Expire", RefundStatus.SellerRefused, RefundStatus.Closed },
        { "Expire", RefundStatus.AwaitingReturn, RefundStatus.Closed },
        { "Expire", RefundStatus.ReturnInTransit, RefundStatus.Refunded },
    };

    [Theory]
    [MemberData(nameof(IllegalMoves))]
    public void IllegalMoveIsRefusedAndChangesNothing(string move, RefundStatus status)
    {
        var world = new DomainWorld();
        var request = world.RequestIn(status);
        var version = request.Version;
        var events = request.Timeline.Count;

        Assert.ThrowsAny<DomainException>(() => Moves[move].Move(world, request));

        Assert.Equal(status, request.Status);
        Assert.Equal(version, request.Version);
        Assert.Equal(events, request.Timeline.Count);
    }

    [Theory]
    [MemberData(nameof(LegalMoves))]
    public void LegalMoveLandsInTheDesignedStatusAndIsOnTheTimeline(string move, RefundStatus from, RefundStatus to)
    {
        var world = new DomainWorld();
        var request = world.RequestIn(from);
        var version = request.Version;
        var events = request.Timeline.Count;

        Moves[move].Move(world, request);

        Assert.Equal(to, request.Status);
        Assert.NotEqual(version, request.Version);
        Assert.True(request.Timeline.Count > events);
        Assert.Equal(to, request.Timeline[^1].ToStatus);
    }

    [Fact]
    public void EveryWaitingStatusHasItsDeadlineAndTerminalOnesHaveNone()
    {
        var world = new DomainWorld();
        var policy = world.Policy;
        Assert.Equal(world.Now + policy.SellerResponse, world.RequestIn(RefundStatus.AwaitingSeller).DeadlineAt);
        Assert.Equal(world.Now + policy.BuyerResponseAfterRefusal, world.RequestIn(RefundStatus.SellerRefused).DeadlineAt);
        Assert.Equal(world.Now + policy.BuyerReturn, world.RequestIn(RefundStatus.AwaitingReturn).DeadlineAt);
        Assert.Equal(world.Now + policy.SellerReceipt, world.RequestIn(RefundStatus.ReturnInTransit).DeadlineAt);
        Assert.Equal(world.Now + policy.ArbiterIntervention, world.RequestIn(RefundStatus.PlatformIntervention).DeadlineAt);
        Assert.Null(world.RequestIn(RefundStatus.Refunded).DeadlineAt);
        Assert.Null(world.RequestIn(RefundStatus.Closed).DeadlineAt);
    }
}
