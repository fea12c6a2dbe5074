using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RefundPortal.Domain;
using RefundPortal.Features.Notifications;
using RefundPortal.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace RefundPortal.Tests.Operations;

/// <summary>The app's data (a <see cref="TestApp"/> arranges it) and a real SMTP server on 127.0.0.1 that outlives the app.</summary>
public sealed class BurstApp : TestApp
{
    private IPlaywright? playwright;

    public SmtpServer Smtp { get; private set; } = null!;
    /// <summary>A browser of its own: this test runs alone (the heavy collection), not with the other browser tests.</summary>
    public IBrowser Browser { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        (playwright, Browser) = await BrowserFixture.LaunchAsync();
        Smtp = await SmtpServer.StartAsync();
        // The app process runs on the real clock: deadlines set here must not have passed for it.
        Clock.SetUtcNow(DateTimeOffset.UtcNow);
        await base.InitializeAsync();
    }

    public IReadOnlyDictionary<string, string> ServerSettings => new Dictionary<string, string>
    {
        ["ConnectionStrings:RefundPortal"] = $"Data Source={DatabasePath}",
        ["Evidence:Directory"] = EvidenceFolder,
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = Smtp.Port.ToString(),
        ["Email:Smtp:Security"] = "None",
        ["Email:Smtp:Timeout"] = "00:00:05",
        ["Email:RetryBaseDelay"] = "00:00:02",
        ["Email:PollInterval"] = "00:00:01",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
    }
}

/// <summary>
/// Reliability figure of issue 10: kill -9 of the app in the middle of a burst of refund actions from four browsers
/// (two sellers agreeing to the same requests from opposite ends, each agreement a payout; two buyer sessions writing
/// messages). After a restart on the same files: the database is intact, every acknowledged action is there, no refund
/// was paid twice, and every email written reaches the SMTP server.
/// </summary>
[Collection(HeavyCollection.Name)]
public sealed class KillDuringBurstTests(BurstApp app, ITestOutputHelper output) : IClassFixture<BurstApp>
{
    private const int Requests = 40; // 40 agreements + 2 × 80 messages = 200 actions
    private const int MessagesPerBuyer = 80;
    private const int KillAfterAcknowledged = 60;
    private static readonly float ActionTimeout = 10_000;

    [Fact]
    public async Task AfterAKillMidBurstAndARestartNothingAcknowledgedIsLostNothingIsPaidTwiceAndNoEmailIsLost()
    {
        var buyer = await app.BuyerAsync();
        var seller = await app.SellerAsync();
        var ids = new List<int>();
        for (var i = 0; i < Requests; i++)
            ids.Add(await app.ApplyRefundOnlyAsync(buyer, await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped)));
        // The conversations: another buyer's requests the sellers leave open (a paid one takes no more messages, and the
        // first buyer's pages fill with "Refund successful" pop-ups that stack over "Send" until issue 14 tames them).
        var talker = await app.Buyer2Async();
        var talks = new List<int>();
        for (var i = 0; i < 4; i++)
            talks.Add(await app.ApplyRefundOnlyAsync(talker, await app.PlaceOrderAsync(talker, seller, OrderStage.NotShipped)));

        var server = await AppServer.StartAsync(app.ServerSettings);
        var agreed = new ConcurrentBag<int>();
        var messages = new ConcurrentBag<(int Refund, string Text)>();
        var attempted = 0;
        var killed = new TaskCompletionSource();
        int Acknowledged() => agreed.Count + messages.Count;

        // Four people signed in before the burst starts.
        var sellerPages = new[] { await PageAsync(server, "seller@example.com"), await PageAsync(server, "seller@example.com") };
        var buyerPages = new[] { await PageAsync(server, "buyer2@example.com"), await PageAsync(server, "buyer2@example.com") };

        async Task SellerAsync(IPage page, IEnumerable<int> order)
        {
            foreach (var id in order)
            {
                if (killed.Task.IsCompleted) return;
                Interlocked.Increment(ref attempted);
                try
                {
                    await page.GotoAsync($"refunds/{id}");
                    var agree = page.GetByRole(AriaRole.Button, new() { Name = "Agree to Refund Agreement" });
                    await Expect(page.GetByTestId("refund-status")).ToBeVisibleAsync(new() { Timeout = ActionTimeout });
                    if (!await agree.IsVisibleAsync()) continue; // the other seller session got there first
                    await agree.ClickAsync();
                    await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Agree and Refund" }).ClickAsync();
                    await Expect(page.GetByTestId("refund-status")).ToHaveTextAsync("Refund Successful", new() { Timeout = ActionTimeout });
                    if (!await page.GetByTestId("action-message").IsVisibleAsync()) agreed.Add(id);
                }
                catch (Exception e) when (e is PlaywrightException or TimeoutException)
                {
                    if (killed.Task.IsCompleted) return;
                }
            }
        }

        async Task BuyerAsync(IPage page, int session)
        {
            for (var n = 0; n < MessagesPerBuyer && !killed.Task.IsCompleted; n++)
            {
                var id = talks[(session * 2 + n / 20) % talks.Count];
                var text = $"session {session} message {n} on refund {id}";
                Interlocked.Increment(ref attempted);
                try
                {
                    if (!page.Url.EndsWith($"/refunds/{id}", StringComparison.Ordinal)) await page.GotoAsync($"refunds/{id}");
                    await page.GetByTestId("message-text").FillAsync(text, new() { Timeout = ActionTimeout });
                    await page.GetByTestId("messages").GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync(new() { Timeout = ActionTimeout });
                    await Expect(page.GetByTestId("message").Filter(new() { HasText = text })).ToBeVisibleAsync(new() { Timeout = ActionTimeout });
                    messages.Add((id, text));
                }
                catch (Exception e) when (e is PlaywrightException or TimeoutException)
                {
                    if (killed.Task.IsCompleted) return;
                }
            }
        }

        var burst = Stopwatch.StartNew();
        var clients = new List<Task>
        {
            Task.Run(() => SellerAsync(sellerPages[0], ids)),
            Task.Run(() => SellerAsync(sellerPages[1], Enumerable.Reverse(ids))),
            Task.Run(() => BuyerAsync(buyerPages[0], 1)),
            Task.Run(() => BuyerAsync(buyerPages[1], 2)),
        };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (Acknowledged() < KillAfterAcknowledged && DateTime.UtcNow < deadline && clients.Any(c => !c.IsCompleted)) await Task.Delay(50);
        var acknowledgedBeforeKill = Acknowledged();
        var killedAt = burst.Elapsed;
        await server.DisposeAsync(); // Process.Kill: SIGKILL, no shutdown of any kind
        killed.SetResult();
        var agreedBeforeKill = agreed.ToHashSet();
        var messagesBeforeKill = messages.ToHashSet();
        await Task.WhenAll(clients);

        var restart = Stopwatch.StartNew();
        await using var again = await AppServer.StartAsync(app.ServerSettings);
        var restartedIn = restart.Elapsed;

        string integrity;
        await using (var check = new SqliteConnection($"Data Source={app.DatabasePath};Mode=ReadOnly;Pooling=False"))
        {
            await check.OpenAsync();
            await using var command = check.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            integrity = (string)(await command.ExecuteScalarAsync())!;
        }
        Assert.Equal("ok", integrity);

        await using var db = app.NewDb();
        var refunds = await db.RefundRequests.Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.Status, r.OrderId, r.AmountMinor }).ToListAsync();
        var payouts = await db.Payouts.Where(p => ids.Contains(p.RefundRequestId)).ToListAsync();
        Assert.All(agreedBeforeKill, id => Assert.Equal(RefundStatus.Refunded, refunds.Single(r => r.Id == id).Status));
        Assert.All(payouts.GroupBy(p => p.RefundRequestId), g => Assert.Single(g));
        Assert.Equal(refunds.Count(r => r.Status == RefundStatus.Refunded), payouts.Count);
        var orderIds = refunds.Select(r => r.OrderId).ToList();
        var orders = await db.Orders.Where(o => orderIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.RefundedTotalMinor);
        Assert.All(refunds, r => Assert.Equal(payouts.Where(p => p.RefundRequestId == r.Id).Sum(p => p.AmountMinor), orders[r.OrderId]));
        var stored = (await db.Set<RefundMessage>().Where(m => talks.Contains(m.RefundRequestId)).Select(m => new { m.RefundRequestId, m.Text }).ToListAsync())
            .Select(m => (m.RefundRequestId, m.Text)).ToHashSet();
        Assert.All(messagesBeforeKill, m => Assert.Contains(m, stored));

        // Every email written before or after the kill goes out once the app is back.
        var mailDeadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        List<OutboxEmail> outbox;
        while (true)
        {
            await using var fresh = app.NewDb();
            outbox = await fresh.OutboxEmails.AsNoTracking().ToListAsync();
            if (outbox.All(e => e.Status != OutboxStatus.Pending) || DateTime.UtcNow > mailDeadline) break;
            await Task.Delay(500);
        }
        Assert.All(outbox, e => Assert.Equal(OutboxStatus.Sent, e.Status));
        var received = app.Smtp.Messages().Select(m => m.MessageId).ToList();
        Assert.All(outbox, e => Assert.Contains(e.MessageId, received));
        var duplicates = received.Count - received.Distinct().Count();

        var report = $"kill -9 mid-burst: 4 browser clients, {attempted} actions attempted, {acknowledgedBeforeKill} acknowledged before the kill " +
                     $"at {killedAt.TotalSeconds:0.0} s ({agreedBeforeKill.Count} agreements paid, {messagesBeforeKill.Count} messages); restart in " +
                     $"{restartedIn.TotalSeconds:0.0} s; integrity_check {integrity}; {payouts.Count} payouts for {refunds.Count(r => r.Status == RefundStatus.Refunded)} " +
                     $"refunded requests (none twice); {outbox.Count} emails all sent, {received.Count} received by the SMTP server, {duplicates} duplicates.";
        output.WriteLine(report);
        Console.WriteLine(report);
        Assert.True(acknowledgedBeforeKill >= KillAfterAcknowledged / 2, report);
    }

    private async Task<IPage> PageAsync(AppServer server, string email)
    {
        var page = await BrowserFixture.NewPageAsync(app.Browser, server);
        await BrowserFixture.LogInAsync(page, email);
        await Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        return page;
    }
}
