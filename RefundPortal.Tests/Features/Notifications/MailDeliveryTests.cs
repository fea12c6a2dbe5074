using Microsoft.EntityFrameworkCore;
using RefundPortal.Domain;
using RefundPortal.Features.Notifications;
using RefundPortal.Features.Notifications.Email;
using RefundPortal.Features.Refunds;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Notifications;

/// <summary>The portal's services sending to a real SMTP server on 127.0.0.1.</summary>
public class MailTestApp : TestApp
{
    public SmtpServer Smtp { get; private set; } = null!;

    /// <summary>Mail settings a derived fixture adds (for example a login).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> SmtpSettings => [];

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Email:Smtp:Host", "127.0.0.1"),
        new("Email:Smtp:Port", Smtp.Port.ToString()),
        new("Email:Smtp:Security", "None"),
        new("Email:Smtp:Timeout", "00:00:05"),
        new("Email:RetryBaseDelay", "00:01:00"),
        .. SmtpSettings,
    ];

    public override async Task InitializeAsync()
    {
        Smtp = await SmtpServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>One class, run in order: the tests share one SMTP server and count what it received.</summary>
public sealed class MailDeliveryTests(MailTestApp app) : IClassFixture<MailTestApp>
{
    private OutboxSender Sender => app.Get<OutboxSender>();

    private async Task<int> PendingCountAsync()
    {
        await using var db = app.NewDb();
        return await db.OutboxEmails.CountAsync(e => e.Status == OutboxStatus.Pending);
    }

    [Fact]
    public async Task MailFlowsOnceThroughOutagesAndPermanentRejectionsEndInDeadLetter()
    {
        // An agreed return delivers one email to the buyer with the return address in it.
        await Sender.SendDueAsync(CancellationToken.None);
        var before = app.Smtp.Messages().Count;
        var (requestId, _, _) = await app.ApplyOnDemoOrderAsync("buyer@example.com", RefundKind.ReturnAndRefund);
        var seller = await app.UserAsync("seller@example.com");
        var refunds = app.Get<RefundQueries>();
        var view = (await refunds.DetailsAsync(seller, requestId))!;
        var address = new AddressSnapshot("Returns Desk", "+86 571 1", "969 Wenyi West Road, Building 3", "Hangzhou", "Zhejiang", "311121", "China");
        await app.Refunds().AgreeAsync(seller, requestId, view.Version, address);

        await Sender.SendDueAsync(CancellationToken.None);

        var delivered = app.Smtp.Messages().Skip(before).ToList();
        var toBuyer = Assert.Single(delivered, m => m.To.Mailboxes.Any(b => b.Address == "buyer@example.com"));
        Assert.Contains("969 Wenyi West Road, Building 3", toBuyer.TextBody);
        Assert.Contains("969 Wenyi West Road, Building 3", toBuyer.HtmlBody);
        Assert.Contains($"/refunds/{requestId}", toBuyer.TextBody);
        Assert.Equal("Bella Buyer", toBuyer.To.Mailboxes.Single().Name);
        Assert.Single(delivered, m => m.To.Mailboxes.Any(b => b.Address == "seller@example.com"));
        await using (var db = app.NewDb())
        {
            var sent = await db.OutboxEmails.Where(e => e.ToAddress == "buyer@example.com" && e.Status == OutboxStatus.Sent).ToListAsync();
            Assert.Contains(sent, e => toBuyer.MessageId == e.MessageId);
        }

        // With the server stopped the email stays queued; once it is back it goes out, exactly once.
        await app.Smtp.StopAsync();
        var countBeforeOutage = app.Smtp.Messages().Count;
        await app.ApplyOnDemoOrderAsync("buyer2@example.com", RefundKind.ReturnAndRefund);
        await Sender.SendDueAsync(CancellationToken.None);
        Assert.Equal(1, await PendingCountAsync());
        await using (var db = app.NewDb())
        {
            var queued = await db.OutboxEmails.SingleAsync(e => e.Status == OutboxStatus.Pending);
            Assert.Equal(1, queued.Attempts);
            Assert.NotNull(queued.LastError);
            Assert.Equal(app.Now().AddMinutes(1), queued.NextAttemptAt);
        }
        await app.Smtp.StartAgainAsync();
        await Sender.SendDueAsync(CancellationToken.None);
        Assert.Equal(countBeforeOutage, app.Smtp.Messages().Count);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Sender.SendDueAsync(CancellationToken.None);
        await Sender.SendDueAsync(CancellationToken.None);
        Assert.Equal(countBeforeOutage + 1, app.Smtp.Messages().Count);
        Assert.Equal(0, await PendingCountAsync());

        // A 5xx rejection ends in dead letter with the error kept; a 4xx is retried later.
        await using (var db = app.NewDb())
        {
            db.OutboxEmails.AddRange(
                new OutboxEmail { ToAddress = "nobody@reject.example", ToName = "Nobody", Subject = "s", TextBody = "t", HtmlBody = "<p>t</p>",
                    CreatedAt = app.Now(), NextAttemptAt = app.Now() },
                new OutboxEmail { ToAddress = "busy@later.example", ToName = "Busy", Subject = "s", TextBody = "t", HtmlBody = "<p>t</p>",
                    CreatedAt = app.Now(), NextAttemptAt = app.Now() });
            await db.SaveChangesAsync();
        }
        await Sender.SendDueAsync(CancellationToken.None);
        await using (var db = app.NewDb())
        {
            var dead = await db.OutboxEmails.SingleAsync(e => e.ToAddress == "nobody@reject.example");
            Assert.Equal(OutboxStatus.DeadLetter, dead.Status);
            Assert.StartsWith("550", dead.LastError);
            var later = await db.OutboxEmails.SingleAsync(e => e.ToAddress == "busy@later.example");
            Assert.Equal(OutboxStatus.Pending, later.Status);
            Assert.StartsWith("451", later.LastError);
        }
    }

    private async Task<OutboxEmail> ReloadAsync(OutboxEmail email)
    {
        await using var db = app.NewDb();
        return await db.OutboxEmails.AsNoTracking().SingleAsync(e => e.Id == email.Id);
    }

    private static OutboxEmail Queued(string to, DateTime at) => new()
    {
        ToAddress = to, ToName = "Someone", Subject = "[RefundPortal] s", TextBody = "t", HtmlBody = "<p>t</p>",
        CreatedAt = at, NextAttemptAt = at,
    };

    [Fact]
    public async Task AnEmailThatCannotBeBuiltIsDeadLetteredWithTheReasonAndTheMailBehindItGoesOut()
    {
        // As a row written before addresses were checked on the way in: an address MimeKit cannot parse, first in line.
        var bad = Queued("a(b@example.com", app.Now().AddHours(-2));
        var good = Queued("behind@example.com", app.Now().AddHours(-2).AddTicks(1));
        await using (var db = app.NewDb())
        {
            db.OutboxEmails.AddRange(bad, good);
            await db.SaveChangesAsync();
        }

        await Sender.SendDueAsync(CancellationToken.None);
        await Sender.SendDueAsync(CancellationToken.None);

        await using (var db = app.NewDb())
        {
            var dead = await db.OutboxEmails.SingleAsync(e => e.Id == bad.Id);
            Assert.Equal(OutboxStatus.DeadLetter, dead.Status);
            Assert.Equal(1, dead.Attempts);
            Assert.Contains("a(b@example.com", dead.LastError);
            Assert.Null(dead.LockedUntil);
            Assert.Equal(OutboxStatus.Sent, (await db.OutboxEmails.SingleAsync(e => e.Id == good.Id)).Status);
        }
        Assert.Single(app.Smtp.Messages(), m => m.MessageId == good.MessageId);
        Assert.DoesNotContain(app.Smtp.Messages(), m => m.MessageId == bad.MessageId);
    }

    [Fact]
    public async Task AnEmailTheServerAcceptedCountsAsSentEvenWhenTheGoodbyeIsNeverAnswered()
    {
        var email = Queued("late-bye@slowquit.example", app.Now().AddHours(-1));
        await using (var db = app.NewDb())
        {
            db.OutboxEmails.Add(email);
            await db.SaveChangesAsync();
        }

        await Sender.SendDueAsync(CancellationToken.None);

        var sent = await ReloadAsync(email);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(1, sent.Attempts);
        Assert.Single(app.Smtp.Messages(), m => m.MessageId == email.MessageId);
    }
}
