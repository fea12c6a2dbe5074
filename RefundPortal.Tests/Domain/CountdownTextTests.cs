using RefundPortal.Domain;

namespace RefundPortal.Tests.Domain;

/// <summary>The countdown under a refund speaks to its reader: the party it waits for is told what happens and what they can do.</summary>
public sealed class CountdownTextTests
{
    private static readonly TimeSpan FourDays = TimeSpan.FromDays(4);

    [Fact]
    public void ThePartyTheDeadlineWaitsForIsSpokenToWithWhatTheyCanDoNow()
    {
        Assert.Equal("If you do not respond within 4 days 0 hours, the request will be closed. " +
                     "What you can do now: modify the application, apply for platform intervention or withdraw it.",
            Labels.Consequence(RefundStatus.SellerRefused, RefundKind.RefundOnly, FourDays, ActorRole.Buyer));
        Assert.Equal("If you do not respond within 4 days 0 hours, the refund will be paid automatically. " +
                     "What you can do now: agree to or refuse the request.",
            Labels.Consequence(RefundStatus.AwaitingSeller, RefundKind.RefundOnly, FourDays, ActorRole.Seller));
        Assert.Equal("If you do not confirm receipt within 4 days 0 hours, the refund will be paid automatically. " +
                     "What you can do now: confirm receipt of the returned goods.",
            Labels.Consequence(RefundStatus.ReturnInTransit, RefundKind.ReturnAndRefund, FourDays, ActorRole.Seller));
    }

    [Fact]
    public void TheOtherPartyReadsWhoMustActAndNothingToDo()
    {
        Assert.Equal("If the buyer does not respond within 4 days 0 hours, the request will be closed.",
            Labels.Consequence(RefundStatus.SellerRefused, RefundKind.RefundOnly, FourDays, ActorRole.Seller));
        Assert.Equal("If the seller does not respond within 4 days 0 hours, the refund will be agreed automatically.",
            Labels.Consequence(RefundStatus.AwaitingSeller, RefundKind.ReturnAndRefund, FourDays, ActorRole.Buyer));
        Assert.Equal("The platform rules within 4 days 0 hours.",
            Labels.Consequence(RefundStatus.PlatformIntervention, RefundKind.RefundOnly, FourDays, ActorRole.Buyer));
    }
}
