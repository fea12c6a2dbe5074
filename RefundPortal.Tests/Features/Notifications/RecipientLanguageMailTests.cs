using Microsoft.EntityFrameworkCore;
using MimeKit;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Languages;
using RefundPortal.Features.Notifications.Email;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Notifications;

/// <summary>
/// Issue 15's mail test: mail goes out in the recipient's language, never the actor's, through a real SMTP server on
/// 127.0.0.1, read back as MIME (MimeKit decodes the encoded subject and the UTF-8 bodies).
/// </summary>
public sealed class RecipientLanguageMailTests(MailTestApp app) : IClassFixture<MailTestApp>
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public async Task AnEnglishBuyersRequestMailsTheChineseSellerInChineseAndTheSellersAnswerReachesTheBuyerInEnglish()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        await app.Get<LanguagePreference>().SetAsync(seller, Languages.Chinese);
        await app.Get<TimeZonePreference>().SetAsync(seller, "Asia/Shanghai");
        await app.Get<LanguagePreference>().SetAsync(buyer, Languages.English);
        var order = await app.PlaceOrderAsync(buyer, seller);
        var sender = app.Get<OutboxSender>();
        await sender.SendDueAsync(CancellationToken.None);
        var before = app.Smtp.Messages().Count;

        // The buyer applies from an English browser.
        int id;
        using (ActorCulture.Of("en-US")) id = await app.ApplyReturnAsync(buyer, order);
        await sender.SendDueAsync(CancellationToken.None);

        var toSeller = Assert.Single(app.Smtp.Messages().Skip(before), m => m.To.Mailboxes.Any(b => b.Address == seller.Email));
        Assert.Equal($"[RefundPortal] 订单 {order.Number} 有新的退款申请", toSeller.Subject);
        var deadline = await DeadlineAsync(id);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(deadline, DateTimeKind.Utc), Shanghai);
        var chineseDeadline = $"{local.Year}年{local.Month}月{local.Day}日 {local:HH\\:mm} UTC+08:00";
        Assert.Contains($"买家申请退款 USD 24.99（需要退货；质量问题）。请在 {chineseDeadline} 前同意或拒绝。", toSeller.TextBody);
        Assert.Contains("，您好：", toSeller.TextBody);
        Assert.Contains($"打开 RefundPortal：", toSeller.TextBody);
        Assert.Contains("您可以在账户设置中关闭这些邮件。", toSeller.HtmlBody);
        Assert.Contains("<html lang=\"zh-CN\">", toSeller.HtmlBody);
        Assert.Contains("质量问题", toSeller.HtmlBody);
        Assert.DoesNotContain("Agree or refuse", toSeller.TextBody);
        Assert.DoesNotContain("Hello", toSeller.TextBody);
        // Nothing goes to the buyer for their own application.
        Assert.DoesNotContain(app.Smtp.Messages().Skip(before), m => m.To.Mailboxes.Any(b => b.Address == buyer.Email));

        // The Chinese seller agrees from a Chinese browser; the buyer, who chose English, reads English.
        var afterApply = app.Smtp.Messages().Count;
        using (ActorCulture.Of("zh-CN")) await app.Refunds().AgreeAsync(seller, id, await app.VersionAsync(id), OrderFactory.Warehouse);
        await sender.SendDueAsync(CancellationToken.None);

        var toBuyer = Assert.Single(app.Smtp.Messages().Skip(afterApply), m => m.To.Mailboxes.Any(b => b.Address == buyer.Email));
        Assert.Equal($"[RefundPortal] Seller agreed: return the goods for order {order.Number}", toBuyer.Subject);
        Assert.StartsWith("Hello ", toBuyer.TextBody);
        Assert.Contains($"The seller agreed to refund USD 24.99. Send the goods back to: {OrderFactory.Warehouse}.", toBuyer.TextBody);
        Assert.Contains(" UTC.", toBuyer.TextBody);
        Assert.Contains("<html lang=\"en\">", toBuyer.HtmlBody);
        Assert.DoesNotContain("年", toBuyer.TextBody);
        Assert.DoesNotContain("卖家", toBuyer.TextBody);
    }

    private async Task<DateTime> DeadlineAsync(int id)
    {
        await using var db = app.NewDb();
        return (await db.RefundRequests.SingleAsync(r => r.Id == id)).DeadlineAt!.Value;
    }
}
