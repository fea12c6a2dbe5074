using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Languages;
using RefundPortal.Features.Notifications;
using RefundPortal.Features.Notifications.Pages;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Components;

/// <summary>The notifications page and the email settings in Chinese: the page's words from the resources, the time in the culture.</summary>
public sealed class NotificationPagesLocalizedTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task TheNotificationsPageInChineseShowsChineseLabelsAndAChineseTime()
    {
        var user = await app.NewUserAsync("zh-page", Roles.Seller);
        await using (var db = app.NewDb())
        {
            // A stored notification is shown as it was written for its reader.
            db.Notifications.Add(new Notification
            {
                UserId = user.Id, Kind = "Applied", Title = "订单 RP-1 有新的退款申请", Body = "买家申请退款 USD 10.00。", Link = "my-refunds",
                CreatedAt = app.Now().AddMinutes(-5),
            });
            await db.SaveChangesAsync();
        }
        await using var context = MudTestContext.Create(app, user);
        context.Services.GetRequiredService<PortalLanguage>().Use(Languages.Chinese);

        var page = context.Render<LanguageScope>(p => p.AddChildContent<NotificationsPage>());

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=notification]")), TimeSpan.FromSeconds(5));
        Assert.Equal("消息通知", page.Find("h1").TextContent.Trim());
        var buttons = page.FindAll("a, button").Select(b => b.TextContent.Trim()).ToList();
        Assert.Contains("全部标为已读", buttons);
        Assert.Contains("邮件设置", buttons);
        Assert.Equal("未读", page.Find("[data-testid=unread-dot]").GetAttribute("aria-label"));
        // "M月d日 HH:mm" in the reader's zone (UTC for a person who chose none), this year's date without its year.
        var written = app.Now().AddMinutes(-5);
        Assert.Contains($"{written.Month}月{written.Day}日 {written:HH:mm} UTC", page.Find("[data-testid=notification]").TextContent);
    }

    [Fact]
    public async Task AnEmptyListSaysSoInChinese()
    {
        var user = await app.NewUserAsync("zh-empty", Roles.Buyer);
        await using var context = MudTestContext.Create(app, user);
        context.Services.GetRequiredService<PortalLanguage>().Use(Languages.Chinese);

        var page = context.Render<LanguageScope>(p => p.AddChildContent<NotificationsPage>());

        page.WaitForAssertion(() => Assert.Equal("暂无消息通知。", page.Find(".mud-alert").TextContent.Trim()), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task TheEmailSettingsNameEachKindInTheLanguageAndFollowASwitch()
    {
        var user = await app.NewUserAsync("zh-settings", Roles.Seller);
        await using var context = MudTestContext.Create(app, user);
        var language = context.Services.GetRequiredService<PortalLanguage>();
        language.Use(Languages.Chinese);

        var page = context.Render<LanguageScope>(p => p.AddChildContent<EmailSettings>());

        page.WaitForAssertion(() => Assert.Equal(RefundNotifier.EmailKinds.Count, page.FindAll("[data-testid^=email-]").Count), TimeSpan.FromSeconds(5));
        Assert.Equal("邮件设置", page.Find("h1").TextContent.Trim());
        var labels = page.FindAll(".mud-switch label, label.mud-switch").Select(l => l.TextContent.Trim()).ToList();
        Assert.Contains(labels, l => l.Contains("新的退款申请"));
        Assert.Contains(labels, l => l.Contains("即将超时提醒"));
        Assert.Contains("站内消息通知始终开启", page.Markup);

        await page.InvokeAsync(() => language.Switch(Languages.English));

        page.WaitForAssertion(() => Assert.Equal("Email settings", page.Find("h1").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Contains("A new refund request", page.Markup);
        Assert.Contains("A deadline is near", page.Markup);
        Assert.DoesNotContain("新的退款申请", page.Markup);
    }
}
