using System.Globalization;
using RefundPortal.Domain;

namespace RefundPortal.Tests.Domain;

/// <summary>The domain's words and dates in the reader's language, without ASP.NET.</summary>
public sealed class DomainTextTests
{
    private static readonly DateTime December3 = new(2026, 12, 3, 13, 5, 0, DateTimeKind.Utc);

    private static T In<T>(string culture, Func<T> read)
    {
        var (ui, formatting) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formatting);
        }
    }

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
