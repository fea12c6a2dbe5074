using RefundPortal.Domain;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.DomainWorld;

namespace RefundPortal.Tests.Domain;

public sealed class RefundRequestPostMessage
{
    private readonly DomainWorld world = new();

    [Fact]
    public void RefusesAttachmentsBeyondTheRequestsCap()
    {
        var request = world.RequestIn(RefundStatus.AwaitingSeller);
        for (var i = 0; i < RefundRequest.MaxMessageAttachments / RefundRequest.MaxEvidenceFiles; i++)
            request.PostMessage(Buyer, $"Photos {i}", [.. Enumerable.Range(0, RefundRequest.MaxEvidenceFiles).Select(_ => Photo())], world.Now);

        var error = Assert.Throws<RefundValidationException>(() => request.PostMessage(Seller, "One more", [Photo()], world.Now));

        Assert.Equal($"Messages on a refund carry at most {RefundRequest.MaxMessageAttachments} files in all: no more can be attached.",
            error.Errors[Fields.Evidence]);
        Assert.Equal(RefundRequest.MaxMessageAttachments, request.Evidence.Count(e => e.IsMessageAttachment));
        Assert.Equal(RefundRequest.MaxMessageAttachments / RefundRequest.MaxEvidenceFiles, request.Messages.Count);
        request.PostMessage(Seller, "Words still go through.", [], world.Now);
    }

    [Fact]
    public void SaysHowManyAttachmentsAreLeft()
    {
        var request = world.RequestIn(RefundStatus.AwaitingSeller);
        var used = RefundRequest.MaxMessageAttachments - 2;
        while (request.Evidence.Count(e => e.IsMessageAttachment) < used)
        {
            var batch = Math.Min(RefundRequest.MaxEvidenceFiles, used - request.Evidence.Count(e => e.IsMessageAttachment));
            request.PostMessage(Buyer, "Photos", [.. Enumerable.Range(0, batch).Select(_ => Photo())], world.Now);
        }

        var error = Assert.Throws<RefundValidationException>(() => request.PostMessage(Buyer, "Three more", [Photo(), Photo(), Photo()], world.Now));

        Assert.Equal($"Messages on a refund carry at most {RefundRequest.MaxMessageAttachments} files in all: 2 more can be attached.",
            error.Errors[Fields.Evidence]);
        request.PostMessage(Buyer, "Two more", [Photo(), Photo()], world.Now);
    }

    [Fact]
    public void RefusesMessagesBeyondTheRefundsCap()
    {
        var request = world.RequestIn(RefundStatus.AwaitingSeller);
        for (var i = 0; i < RefundRequest.MaxMessages; i++)
            request.PostMessage(i % 2 == 0 ? Buyer : Seller, $"Message {i}", [], world.Now);

        var error = Assert.Throws<RefundValidationException>(() => request.PostMessage(Buyer, "One more", [], world.Now));

        Assert.Equal($"This refund has reached {RefundRequest.MaxMessages} messages: no more can be added.", error.Errors[Fields.Message]);
        Assert.Equal(RefundRequest.MaxMessages, request.Messages.Count);
    }
}
