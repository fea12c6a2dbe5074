using System.Globalization;
using RefundPortal.Domain;

using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Domain;

/// <summary>The domain's words and dates in the reader's language, without ASP.NET.</summary>
public sealed class DomainTextTests
{
    private static readonly DateTime December3 = new(2026, 12, 3, 13, 5, 0, DateTimeKind.Utc);

    private static T In<T>(string culture, Func<T> read) => ActorCulture.In(culture, read);

    [Fact]
    public void StatusesReasonsAndDurationsAreChineseInChinese()
    {
        Assert.Equal("等待卖家确认", In("zh-CN", () => RefundStatus.AwaitingSeller.Label()));
        Assert.Equal("平台介入中", In("zh-CN", () => RefundStatus.PlatformIntervention.Label()));
        Assert.Equal("未发货", In("zh-CN", () => ProductStatus.NotShipped.Label()));
        Assert.Equal("质量问题", In("zh-CN", () => RefundReason.QualityProblem.Label()));
        Assert.Equal("需要退货", In("zh-CN", () => RefundKind.ReturnAndRefund.Label()));
        Assert.Equal("4天23小时", In("zh-CN", () => Labels.Duration(new TimeSpan(4, 23, 10, 0))));
    }

    [Fact]
    public void EnglishStaysAsDesignWritesIt()
    {
        Assert.Equal("Waiting for Seller's Confirmation", In("en", () => RefundStatus.AwaitingSeller.Label()));
        Assert.Equal("4 days 23 hours", In("en-US", () => Labels.Duration(new TimeSpan(4, 23, 10, 0))));
        Assert.Equal("1 minute 1 second", In("en", () => Labels.Duration(TimeSpan.FromSeconds(61))));
        Assert.Equal("Refund only, no return", In("en", () => RefundKind.RefundOnly.Label()));
    }

    [Fact]
    public void TimelineEntriesPayoutsRolesAndPlansAreChineseInChinese()
    {
        Assert.Equal("申请退款", In("zh-CN", () => TimelineEventKind.Applied.Label()));
        Assert.Equal("申请平台介入", In("zh-CN", () => TimelineEventKind.Escalated.Label()));
        Assert.Equal("系统自动处理：已超过处理期限", In("zh-CN", () => TimelineEventKind.DeadlinePassed.Label()));
        Assert.Equal("打款中", In("zh-CN", () => PayoutStatus.Requested.Describe(null, null)));
        Assert.Equal("已于 2026年12月3日 到账，流水号 TX-1",
            In("zh-CN", () => PayoutStatus.Paid.Describe(LocalTimes.Utc.Day(December3), "TX-1")));
        Assert.Equal("平台仲裁员", In("zh-CN", () => ActorRole.Arbiter.Label()));
        Assert.Equal("已被替换", In("zh-CN", () => Labels.PlanEnded("Replaced")));
    }

    [Fact]
    public void TimelineEntriesPayoutsRolesAndPlansKeepTheirEnglish()
    {
        Assert.Equal("Applied for a refund", In("en", () => TimelineEventKind.Applied.Label()));
        Assert.Equal("Done by the system: the deadline passed", In("en", () => TimelineEventKind.DeadlinePassed.Label()));
        Assert.Equal("Closed", In("en", () => TimelineEventKind.Closed.Label()));
        Assert.Equal("Paid on 3 Dec 2026, reference TX-1", In("en", () => PayoutStatus.Paid.Describe(LocalTimes.Utc.Day(December3), "TX-1")));
        Assert.Equal("Payout failed, the platform is looking into it", In("en", () => PayoutStatus.Failed.Describe(null, null)));
        Assert.Equal("Buyer", In("en", () => ActorRole.Buyer.Label()));
        Assert.Equal("Superseded", In("en", () => Labels.PlanEnded("Superseded")));
        // A word the domain does not know (data from before a new ending) is shown as stored, not as a resource key.
        Assert.Equal("Expired", In("zh-CN", () => Labels.PlanEnded("Expired")));
    }

    [Fact]
    public void TheCountdownSpeaksChineseToThePartyItWaitsForAndToTheOther()
    {
        var left = new TimeSpan(4, 23, 10, 0);
        Assert.Equal("如您在 4天23小时内未处理，退款申请将关闭。您现在可以：修改申请、申请平台介入或撤销申请。",
            In("zh-CN", () => Labels.Consequence(RefundStatus.SellerRefused, RefundKind.RefundOnly, left, ActorRole.Buyer)));
        Assert.Equal("如卖家在 4天23小时内未处理，系统将自动同意退款申请。",
            In("zh-CN", () => Labels.Consequence(RefundStatus.AwaitingSeller, RefundKind.ReturnAndRefund, left, ActorRole.Buyer)));
        Assert.Equal("如您在 4天23小时内未确认收货，系统将自动退款。您现在可以：确认收到退回的货品。",
            In("zh-CN", () => Labels.Consequence(RefundStatus.ReturnInTransit, RefundKind.ReturnAndRefund, left, ActorRole.Seller)));
        Assert.Equal("平台将在 4天23小时内作出裁决。",
            In("zh-CN", () => Labels.Consequence(RefundStatus.PlatformIntervention, RefundKind.RefundOnly, left, ActorRole.Buyer)));
        Assert.Equal("If the buyer does not submit the return within 4 days 23 hours, the request will be closed.",
            In("en", () => Labels.Consequence(RefundStatus.AwaitingReturn, RefundKind.ReturnAndRefund, left, ActorRole.Seller)));
        Assert.Equal("", In("zh-CN", () => Labels.Consequence(RefundStatus.Refunded, RefundKind.RefundOnly, left, ActorRole.Buyer)));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public void EveryTimelineEntryAndEveryCountdownHasItsWords(string culture)
    {
        // A resource key on the page ("Timeline_Closed") is how a missing entry would show: none may.
        foreach (var kind in Enum.GetValues<TimelineEventKind>())
            Assert.DoesNotContain("_", In(culture, () => kind.Label()));
        foreach (var status in RefundStatusRules.ExpiringAutomatically.Append(RefundStatus.PlatformIntervention))
            foreach (var refundKind in Enum.GetValues<RefundKind>())
                foreach (var reader in new ActorRole?[] { ActorRole.Buyer, ActorRole.Seller, ActorRole.Arbiter, null })
                {
                    var text = In(culture, () => Labels.Consequence(status, refundKind, TimeSpan.FromHours(30), reader));
                    Assert.NotEmpty(text);
                    Assert.DoesNotContain("_", text);
                    Assert.Contains(culture == "en" ? "1 day 6 hours" : "1天6小时", text);
                }
    }

    [Fact]
    public void DatesFollowTheLanguageAndKeepTheZone()
    {
        var shanghai = new LocalTimes(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Assert.Equal("2026年12月3日", In("zh-CN", () => shanghai.Day(December3)));
        Assert.Equal("2026年12月3日 21:05 UTC+08:00", In("zh-CN", () => shanghai.Moment(December3)));
        Assert.Equal("3 Dec 2026", In("en", () => shanghai.Day(December3)));
        Assert.Equal("3 Dec 2026 21:05 UTC+08:00", In("en", () => shanghai.Moment(December3)));
    }

    [Fact]
    public void AProcessInAnotherCultureStillWritesEnglish()
    {
        // A background worker under LANG=de_DE: English words with English month names, never "3 Dez 2026".
        Assert.Equal("3 Dec 2026", In("de-DE", () => LocalTimes.Utc.Day(December3)));
        Assert.Equal("Seller Refused", In("de-DE", () => RefundStatus.SellerRefused.Label()));
        Assert.Equal("3 Dec 2026", In("", () => LocalTimes.Utc.Day(December3)));
    }

    [Fact]
    public void MoneyKeepsItsCodeMinorUnitsAndInvariantDigitsInEveryLanguage()
    {
        Assert.Equal("USD 1,234.50", In("zh-CN", () => new Money(123450, "USD").ToString()));
        Assert.Equal("JPY 4,800", In("zh-CN", () => new Money(4800, "JPY").ToString()));
        Assert.Equal("USD 1,234.50", In("de-DE", () => new Money(123450, "USD").ToString()));
    }
}
