using Bunit;
using RefundPortal.Domain;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Refunds.Details;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Components;

/// <summary>The refund page's stepper: applied → seller → (return →) refund, from the request's status and timeline.</summary>
public sealed class RefundProgressTests(TestApp app) : IClassFixture<TestApp>
{
    private static RefundView View(RefundKind kind, RefundStatus status, params TimelineEventKind[] events) =>
        SampleRefundView.For(status, kind) with
        {
            Timeline = [.. events.Select(e => new TimelineView(e, "Someone", ActorRole.Seller, null, status, null, null, SampleRefundView.At))],
        };

    private async Task<List<(string Text, string State)>> StepsAsync(RefundView view, bool chinese = false)
    {
        await using var context = MudTestContext.Create(app, await app.UserAsync("buyer@example.com"));
        var progress = chinese
            ? context.RenderInChinese<RefundProgress>(p => p.Add(x => x.Refund, view))
            : context.Render<RefundProgress>(p => p.Add(x => x.Refund, view));
        return progress.FindAll("[data-testid=refund-progress] li").Select(li =>
            (li.Children[1].TextContent.Trim(), li.ClassList.Single(c => c.StartsWith("wizard-steps-", StringComparison.Ordinal) && c != "wizard-steps-item")["wizard-steps-".Length..])).ToList();
    }

    [Fact]
    public async Task AReturnUnderWayShowsTheReturnAsTheCurrentStep()
    {
        var steps = await StepsAsync(View(RefundKind.ReturnAndRefund, RefundStatus.AwaitingReturn, TimelineEventKind.Applied, TimelineEventKind.Agreed));
        Assert.Equal([("Applied", "done"), ("Seller agreed", "done"), ("Return the goods", "current"), ("Refund", "next")], steps);
    }

    [Fact]
    public async Task ARefundOnlyRequestHasNoReturnStepAndEndsRefunded()
    {
        var steps = await StepsAsync(View(RefundKind.RefundOnly, RefundStatus.Refunded, TimelineEventKind.Applied, TimelineEventKind.Agreed, TimelineEventKind.Refunded));
        Assert.Equal([("Applied", "done"), ("Seller agreed", "done"), ("Refund Successful", "done")], steps);
    }

    [Fact]
    public async Task ARefusedRequestThatWasWithdrawnEndsClosed()
    {
        var steps = await StepsAsync(View(RefundKind.RefundOnly, RefundStatus.Closed, TimelineEventKind.Applied, TimelineEventKind.Refused, TimelineEventKind.Withdrawn));
        Assert.Equal([("Applied", "done"), ("Seller Refused", "done"), ("Refund Closed", "closed")], steps);
    }

    [Fact]
    public async Task InChineseTheStepsAreNamedInChinese()
    {
        var steps = await StepsAsync(View(RefundKind.ReturnAndRefund, RefundStatus.AwaitingReturn, TimelineEventKind.Applied, TimelineEventKind.Agreed), chinese: true);
        Assert.Equal([("买家申请退款", "done"), ("卖家已同意", "done"), ("买家退货", "current"), ("退款", "next")], steps);

        var closed = await StepsAsync(View(RefundKind.RefundOnly, RefundStatus.Closed, TimelineEventKind.Applied, TimelineEventKind.Refused), chinese: true);
        Assert.Equal([("买家申请退款", "done"), ("卖家已拒绝", "done"), ("退款关闭", "closed")], closed);
    }
}
