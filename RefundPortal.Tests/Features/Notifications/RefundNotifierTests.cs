using Microsoft.EntityFrameworkCore;
using MimeKit;
using RefundPortal.Domain;
using RefundPortal.Features.Notifications;
using RefundPortal.Features.Notifications.Email;
using RefundPortal.Features.Refunds;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Notifications;

/// <summary>Who is told what, in-app and by email, written with the change itself (no SMTP host: the pickup folder).</summary>
public sealed class RefundNotifierTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<List<Notification>> NotificationsAsync(int requestId)
    {
        await using var db = app.NewDb();
        return await db.Notifications.Where(n => n.RefundRequestId == requestId).OrderBy(n => n.Id).ToListAsync();
    }

    [Fact]
    public async Task ANewRequestTellsTheSellerWithOrderAmountAndWhatToDo()
    {
        var (id, _, sellerId) = await app.ApplyOnDemoOrderAsync("buyer@example.com", RefundKind.ReturnAndRefund);

        var n = Assert.Single(await NotificationsAsync(id));
        Assert.Equal(sellerId, n.UserId);
        Assert.StartsWith("New refund request on order RP-", n.Title);
        Assert.Contains("Agree or refuse by", n.Body);
        Assert.Equal($"refunds/{id}", n.Link);
        await using var db = app.NewDb();
        var seller = await db.Users.SingleAsync(u => u.Id == sellerId);
        Assert.Contains(await db.OutboxEmails.ToListAsync(), e => e.ToAddress == seller.Email && e.Subject.Contains(n.Title));
    }

    [Fact]
    public async Task AnOutcomeTellsBothPartiesAndTheEmailLandsInThePickupFolder()
    {
        var (id, buyerId, sellerId) = await app.ApplyOnDemoOrderAsync("buyer2@example.com", RefundKind.RefundOnly);
        string sellerEmail;
        await using (var db0 = app.NewDb()) sellerEmail = (await db0.Users.SingleAsync(u => u.Id == sellerId)).Email!;
        var seller = await app.UserAsync(sellerEmail);
        var version = (await app.Get<RefundQueries>().DetailsAsync(seller, id))!.Version;

        await app.Refunds().AgreeAsync(seller, id, version, null);
        await app.Get<OutboxSender>().SendDueAsync(CancellationToken.None);

        var refunded = (await NotificationsAsync(id)).Where(n => n.Kind == nameof(TimelineEventKind.Refunded)).ToList();
        Assert.Equal(new[] { buyerId, sellerId }.Order(), refunded.Select(n => n.UserId).Order());
        var files = Directory.GetFiles(app.PickupFolder, "*.eml").Select(f => MimeMessage.Load(f)).ToList();
        Assert.Contains(files, m => m.Subject!.Contains("Refund successful") && m.To.Mailboxes.Any(b => b.Address == "buyer2@example.com"));
        await using var db = app.NewDb();
        Assert.Equal(0, await db.OutboxEmails.CountAsync(e => e.Status == OutboxStatus.Pending));
    }

    [Fact]
    public async Task AnOptOutStopsTheEmailButKeepsTheInAppNotification()
    {
        var seller = await app.UserAsync("seller2@example.com");
        await app.Get<NotificationService>().SetEmailAsync(seller, nameof(TimelineEventKind.Applied), enabled: false);
        await using var before = app.NewDb();
        var emailsBefore = await before.OutboxEmails.CountAsync(e => e.ToAddress == "seller2@example.com");

        var buyer = await app.UserAsync("buyer@example.com");
        await using var db = app.NewDb();
        var order = await db.Orders.Include(o => o.Lines).Include(o => o.Refunds)
            .Where(o => o.BuyerId == buyer.Id && o.SellerId == seller.Id && o.Status == OrderStatus.AwaitingShipment && !o.Refunds.Any())
            .FirstAsync();
        var id = await app.Refunds().ApplyAsync(buyer, order.Id,
            new RefundForm([new LineChoice(order.Lines[0].Id, 1)], false, RefundKind.RefundOnly, 1m, false, RefundReason.NoLongerNeeded, null), []);

        Assert.Equal(seller.Id, Assert.Single(await NotificationsAsync(id)).UserId);
        await using var after = app.NewDb();
        Assert.Equal(emailsBefore, await after.OutboxEmails.CountAsync(e => e.ToAddress == "seller2@example.com"));
        Assert.Contains(nameof(TimelineEventKind.Applied), await app.Get<NotificationService>().EmailOptOutsAsync(seller));
    }

    [Fact]
    public async Task AnAddressMailKitCannotParseKeepsTheInAppNotificationAndQueuesNoEmail()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        // As an attacker who went around the account pages would have stored it.
        await using (var db = app.NewDb())
            await db.Users.Where(u => u.Id == seller.Id).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.Email, "a(b@example.com").SetProperty(u => u.NormalizedEmail, "A(B@EXAMPLE.COM"));

        var id = await app.ApplyReturnAsync(buyer, await app.PlaceOrderAsync(buyer, seller));

        Assert.Equal(seller.Id, Assert.Single(await NotificationsAsync(id)).UserId);
        await using var after = app.NewDb();
        Assert.Equal(0, await after.OutboxEmails.CountAsync(e => e.ToAddress == "a(b@example.com"));
    }

    [Fact]
    public async Task AMultiLineOrHugeNameIsAddressedOnOneShortLine()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var name = "Eve\r\nBcc: victim@example.com\r\n\r\nYour account is suspended, sign in at http://evil.example " + new string('x', 100_000);
        await using (var db = app.NewDb())
            await db.Users.Where(u => u.Id == seller.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, name));

        await app.ApplyReturnAsync(buyer, await app.PlaceOrderAsync(buyer, seller));

        await using var after = app.NewDb();
        var email = await after.OutboxEmails.SingleAsync(e => e.ToAddress == seller.Email);
        Assert.StartsWith("Eve Bcc: victim@example.com Your account is suspended", email.ToName);
        Assert.True(email.ToName.Length <= EmailAddresses.MaxNameLength, $"{email.ToName.Length} characters");
        Assert.StartsWith($"Hello {email.ToName},\n\n", email.TextBody);
        Assert.True(email.TextBody.Length < 5_000 && email.HtmlBody.Length < 5_000, "the name is not repeated in full");
    }
}
