using System.Globalization;
using RefundPortal.Domain;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.DomainWorld;

namespace RefundPortal.Tests.Domain;

/// <summary>
/// The sentences the system writes into the timeline are kept as words to look up, not as text in the language of
/// whoever acted: a Chinese seller's move reads in English to an English buyer, and the other way round.
/// </summary>
public sealed class TimelineNoteTests
{
    private readonly DomainWorld world = new();

    private static T In<T>(string culture, Func<T> read) => ActorCulture.In(culture, read);

    private static void In(string culture, Action act) => In(culture, () => { act(); return 0; });

    [Fact]
    public void ARefundDoneByAChineseSellerReadsInEachReadersLanguage()
    {
        var request = world.RequestIn(RefundStatus.AwaitingSeller, RefundKind.RefundOnly);
        In("zh-CN", () => request.Agree(Seller, null, world.Policy, world.Now));

        var refunded = request.Timeline.Single(e => e.Kind == TimelineEventKind.Refunded);
        var amount = Money.Format(request.AmountMinor, request.Currency);
        Assert.Equal($"{amount} refunded to the buyer", In("en", () => refunded.NoteText));
        Assert.Equal($"已退款 {amount} 给买家", In("zh-CN", () => refunded.NoteText));
        Assert.Equal(amount, refunded.Note);
    }

    [Fact]
    public void TheSystemsDeadlineSentenceAndTheReturnAddressFollowTheReader()
    {
        var request = world.RequestIn(RefundStatus.AwaitingSeller, RefundKind.ReturnAndRefund);
        world.Clock.Advance(world.Policy.SellerResponse);
        In("zh-CN", () => request.Expire(Address, world.Policy, world.Now));

        var passed = request.Timeline.Single(e => e.Kind == TimelineEventKind.DeadlinePassed);
        Assert.Equal($"The seller did not respond in time; the buyer's request executes. Return to: {Address}", In("en", () => passed.NoteText));
        Assert.Equal($"卖家未在规定时间内处理，按买家的申请执行。退货地址：{Address}", In("zh-CN", () => passed.NoteText));
    }

    [Fact]
    public void AWithdrawalsReasonIsTheReadersWordsAndAPersonsNoteStaysAsWritten()
    {
        var withdrawn = world.RequestIn(RefundStatus.AwaitingSeller);
        In("zh-CN", () => withdrawn.Withdraw(Buyer, world.Now));
        var closed = withdrawn.Timeline.Single(e => e.Kind == TimelineEventKind.Withdrawn);
        Assert.Equal(In("en", () => CloseReason.Withdrawn.Label()), In("en", () => closed.NoteText));
        Assert.Equal(In("zh-CN", () => CloseReason.Withdrawn.Label()), In("zh-CN", () => closed.NoteText));

        var refused = world.RequestIn(RefundStatus.AwaitingSeller);
        refused.Refuse(Seller, "商品没有问题", [], world.Policy, world.Now);
        var note = refused.Timeline.Single(e => e.Kind == TimelineEventKind.Refused);
        Assert.Equal("商品没有问题", In("en", () => note.NoteText));
        Assert.Null(note.NoteKey);
    }
}
