using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Languages;
using RefundPortal.Features.Notifications;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Notifications;

/// <summary>
/// The stored notifications and queued emails are written in each recipient's stored language (English when they
/// chose none), whatever culture the acting person's request runs in.
/// </summary>
public sealed class RecipientLanguageTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<List<Notification>> NotificationsAsync(int requestId, string userId)
    {
        await using var db = app.NewDb();
        return await db.Notifications.Where(n => n.RefundRequestId == requestId && n.UserId == userId).OrderBy(n => n.Id).ToListAsync();
    }

    private async Task<List<OutboxEmail>> EmailsToAsync(string address)
    {
        await using var db = app.NewDb();
        return await db.OutboxEmails.Where(e => e.ToAddress == address).OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task ARefusalReachesTheChineseBuyerInChineseAndTheApplicationReachesTheSellerWithoutAChoiceInEnglish()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        await app.Get<LanguagePreference>().SetAsync(buyer, Languages.Chinese);
        var order = await app.PlaceOrderAsync(buyer, seller);

        // The Chinese buyer acts in Chinese; the seller never chose a language: English, the portal's default.
        int id;
        using (ActorCulture.Of("zh-CN")) id = await app.ApplyRefundOnlyAsync(buyer, order);
        var applied = Assert.Single(await NotificationsAsync(id, seller.Id));
        Assert.Equal($"New refund request on order {order.Number}", applied.Title);
        Assert.StartsWith("The buyer asks for USD 59.00 (Refund only, no return; No longer needed). Agree or refuse by ", applied.Body);
        var sellerEmail = Assert.Single(await EmailsToAsync(seller.Email));
        Assert.Equal($"[RefundPortal] New refund request on order {order.Number}", sellerEmail.Subject);
        Assert.StartsWith("Hello ", sellerEmail.TextBody);

        // The English-speaking seller refuses; the buyer reads it in Chinese, the reason as the seller wrote it.
        using (ActorCulture.Of("en-US")) await app.Refunds().RefuseAsync(seller, id, await app.VersionAsync(id), "Used goods.", []);
        var refused = Assert.Single(await NotificationsAsync(id, buyer.Id));
        Assert.Equal($"卖家拒绝了您在订单 {order.Number} 上的退款申请", refused.Title);
        Assert.StartsWith("拒绝理由：Used goods. 您可以在 ", refused.Body);
        Assert.EndsWith(" UTC 前修改申请、申请平台介入或撤销申请。", refused.Body);
        Assert.Contains("年", refused.Body);
        var buyerEmail = Assert.Single(await EmailsToAsync(buyer.Email));
        Assert.Equal($"[RefundPortal] {refused.Title}", buyerEmail.Subject);
        Assert.Contains("，您好：", buyerEmail.TextBody);
        Assert.Contains(refused.Body, buyerEmail.TextBody);
        Assert.Contains("打开 RefundPortal", buyerEmail.HtmlBody);
    }

    [Fact]
    public async Task OneOutcomeIsToldToEachPartyInTheirOwnLanguage()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        await app.Get<LanguagePreference>().SetAsync(buyer, Languages.Chinese);
        await app.Get<LanguagePreference>().SetAsync(seller, Languages.English);
        var order = await app.PlaceOrderAsync(buyer, seller);
        var id = await app.ApplyRefundOnlyAsync(buyer, order);

        using (ActorCulture.Of("zh-CN")) await app.Refunds().AgreeAsync(seller, id, await app.VersionAsync(id), null);

        var toBuyer = Assert.Single(await NotificationsAsync(id, buyer.Id), n => n.Kind == nameof(TimelineEventKind.Refunded));
        Assert.Equal($"退款成功：订单 {order.Number} 退款 USD 59.00", toBuyer.Title);
        Assert.Equal("USD 59.00 已退还给您。", toBuyer.Body);
        var toSeller = Assert.Single(await NotificationsAsync(id, seller.Id), n => n.Kind == nameof(TimelineEventKind.Refunded));
        Assert.Equal($"Refund successful: USD 59.00 for order {order.Number}", toSeller.Title);
        Assert.Equal("USD 59.00 was refunded to the buyer.", toSeller.Body);
    }

    [Fact]
    public async Task TheEmailSettingsKindsAndTheRefusalOfAnUnknownKindFollowTheCulture()
    {
        var user = await app.NewUserAsync("settings", "Buyer");
        var notifications = app.Get<NotificationService>();
        using (ActorCulture.Of("zh-CN"))
        {
            var e = await Assert.ThrowsAsync<DomainException>(() => notifications.SetEmailAsync(user, "Nonsense", false));
            Assert.Equal("未知的消息通知类型。", e.Message);
        }
        using (ActorCulture.Of("en"))
        {
            var e = await Assert.ThrowsAsync<DomainException>(() => notifications.SetEmailAsync(user, "Nonsense", false));
            Assert.Equal("Unknown kind of notification.", e.Message);
        }
    }

    [Fact]
    public async Task AccountEmailsGoInTheStoredLanguageOrForAnAccountWithoutOneInTheRequestsLanguage()
    {
        var sender = app.Get<IEmailSender<ApplicationUser>>();
        const string link = "http://localhost:5212/Account/ConfirmEmail?code=x";

        // A stored Chinese choice wins over the English request (an admin's, or a browser in English).
        using (ActorCulture.Of("en-US")) await sender.SendConfirmationLinkAsync(new ApplicationUser { DisplayName = "Li", Language = "zh-CN" }, "li@example.com", link);
        var chinese = Assert.Single(await EmailsToAsync("li@example.com"));
        Assert.Equal("[RefundPortal] 请验证您的邮箱", chinese.Subject);
        Assert.Contains("验证您的账户", chinese.HtmlBody);
        Assert.Contains(link, chinese.TextBody);

        // A new account has no choice yet: the language of the request that registered it.
        using (ActorCulture.Of("zh-CN")) await sender.SendPasswordResetCodeAsync(new ApplicationUser { DisplayName = "Wang" }, "wang@example.com", "<123>");
        var code = Assert.Single(await EmailsToAsync("wang@example.com"));
        Assert.Equal("[RefundPortal] 重置密码", code.Subject);
        Assert.Contains("您的密码重置验证码是 &lt;123&gt;", code.HtmlBody);
        Assert.StartsWith("您的密码重置验证码是 <123>", code.TextBody);

        using (ActorCulture.Of("en-US")) await sender.SendPasswordResetLinkAsync(new ApplicationUser { DisplayName = "Ann" }, "ann@example.com", link);
        var english = Assert.Single(await EmailsToAsync("ann@example.com"));
        Assert.Equal("[RefundPortal] Reset your password", english.Subject);
        Assert.EndsWith("— RefundPortal", english.TextBody);
    }
}
