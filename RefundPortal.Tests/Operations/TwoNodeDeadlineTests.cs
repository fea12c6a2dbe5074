using Microsoft.EntityFrameworkCore;
using RefundPortal.Domain;
using RefundPortal.Features.Notifications;
using RefundPortal.Tests.Support;
using Xunit.Abstractions;

namespace RefundPortal.Tests.Operations;

/// <summary>A PostgreSQL database with deadlines shrunk to seconds, arranged through the services on the real clock.</summary>
public sealed class ShortDeadlinesOnPostgreSql : TestApp
{
    private string connectionString = "";

    /// <summary>The one SMTP server both nodes send to.</summary>
    public SmtpServer Smtp { get; private set; } = null!;

    public Dictionary<string, string> Shared => new()
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = Smtp.Port.ToString(),
        ["Email:Smtp:Security"] = "None",
        ["Email:PollInterval"] = "00:00:01",
        ["Database:Provider"] = "PostgreSql",
        ["ConnectionStrings:RefundPortal"] = connectionString,
        ["Refunds:Deadlines:SellerResponseUnshipped"] = "00:00:30",
        ["Refunds:Deadlines:Reminder"] = "00:00:20",
        ["Refunds:DeadlineCheckInterval"] = "00:00:01",
    };

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => Shared.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value));

    public override async Task InitializeAsync()
    {
        connectionString = await (await PostgresServer.GetAsync()).NewDatabaseAsync();
        Smtp = await SmtpServer.StartAsync();
        Clock.SetUtcNow(DateTimeOffset.UtcNow);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>
/// Two app nodes run the deadline worker on the same PostgreSQL database: each of 50 missed deadlines is executed once,
/// each reminder goes once, whichever node gets there first, and both nodes' email senders deliver each email once.
/// </summary>
[Collection(HeavyCollection.Name)]
public sealed class TwoNodeDeadlineTests(ShortDeadlinesOnPostgreSql app, ITestOutputHelper output) : IClassFixture<ShortDeadlinesOnPostgreSql>
{
    private const int Requests = 50;

    [Fact]
    public async Task FiftyDueRequestsAreEachExecutedOnceAndRemindedOnce()
    {
        var (a, b) = (AppServer.StartAsync(app.Shared), AppServer.StartAsync(app.Shared));
        await using var nodeA = await a;
        await using var nodeB = await b;
        // The nodes run on the real clock and are already watching: each request gets its whole 30 s, and its
        // reminder window (the last 20 s) opens while both nodes look.
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var ids = new List<int>();
        for (var i = 0; i < Requests; i++)
        {
            app.Clock.SetUtcNow(DateTimeOffset.UtcNow);
            ids.Add(await app.ApplyRefundOnlyAsync(buyer, await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped)));
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            await using var db = app.NewDb();
            var open = await db.RefundRequests.CountAsync(r => ids.Contains(r.Id) && r.Status == RefundStatus.AwaitingSeller);
            if (open == 0) break;
            Assert.True(DateTime.UtcNow < deadline, $"{open} requests still wait for the seller after 90 s.");
            await Task.Delay(500);
        }

        await using var check = app.NewDb();
        var executions = await check.TimelineEvents.Where(e => ids.Contains(e.RefundRequestId) && e.Kind == TimelineEventKind.DeadlinePassed)
            .GroupBy(e => e.RefundRequestId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var reminders = await check.Notifications.Where(n => ids.Contains(n.RefundRequestId!.Value) && n.Kind == RefundNotifier.ReminderKind)
            .GroupBy(n => n.RefundRequestId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var payouts = await check.Payouts.Where(p => ids.Contains(p.RefundRequestId)).GroupBy(p => p.RefundRequestId)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        // Both nodes' senders poll the same outbox every second: every email reaches the SMTP server once.
        var mailDeadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        List<OutboxEmail> outbox;
        while (true)
        {
            await using var db = app.NewDb();
            outbox = await db.OutboxEmails.AsNoTracking().ToListAsync();
            if (outbox.All(e => e.Status == OutboxStatus.Sent) || DateTime.UtcNow > mailDeadline) break;
            await Task.Delay(500);
        }
        var received = app.Smtp.Messages().Select(m => m.MessageId).ToList();

        var report = $"two nodes, {Requests} due requests: {executions.Count} executed ({executions.Sum(e => e.Count)} system entries), " +
                     $"{reminders.Sum(r => r.Count)} reminders, {payouts.Sum(p => p.Count)} payouts, {outbox.Count} emails, " +
                     $"{received.Count} received by the SMTP server ({received.Count - received.Distinct().Count()} duplicates).";
        output.WriteLine(report);
        Console.WriteLine(report);
        Assert.Equal(Requests, executions.Count);
        Assert.All(executions, e => Assert.Equal(1, e.Count));
        Assert.Equal(Requests, reminders.Count);
        Assert.All(reminders, r => Assert.Equal(1, r.Count));
        Assert.Equal(Requests, payouts.Count);
        Assert.All(payouts, p => Assert.Equal(1, p.Count));
        Assert.True(outbox.Count >= 3 * Requests, report); // at least the request, the reminder and the refund per request
        Assert.All(outbox, e => Assert.Equal(OutboxStatus.Sent, e.Status));
        Assert.Equal(outbox.Select(e => e.MessageId).Order(), received.Order());
    }
}
