using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using RefundPortal.Features.Notifications;
using RefundPortal.Features.Notifications.Email;
using RefundPortal.Tests.Support;
using Xunit.Abstractions;

namespace RefundPortal.Tests.Features.Notifications;

/// <summary>
/// The portal's services pointed at an SMTP port where something accepts and does not answer properly; the real SMTP
/// server (aiosmtpd) is started on the same port only when a test wants the mail to go out after all.
/// </summary>
public sealed class UnresponsiveSmtpTestApp : TestApp
{
    public static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(4);

    /// <summary>Not started: it only holds the port until a test starts it.</summary>
    public SmtpServer Smtp { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Email:Smtp:Host", "127.0.0.1"),
        new("Email:Smtp:Port", Smtp.Port.ToString()),
        new("Email:Smtp:Timeout", OperationTimeout.ToString()),
        new("Email:Smtp:SendTimeout", SendTimeout.ToString()),
        new("Email:RetryBaseDelay", "00:01:00"),
    ];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    public async Task<(OutboxEmail First, OutboxEmail Second)> QueueTwoAsync()
    {
        var first = Email("first@example.com", this.Now().AddTicks(-2));
        var second = Email("second@example.com", this.Now().AddTicks(-1));
        await using var db = NewDb();
        db.OutboxEmails.AddRange(first, second);
        await db.SaveChangesAsync();
        return (first, second);
    }

    public async Task<OutboxEmail> ReloadAsync(OutboxEmail email)
    {
        await using var db = NewDb();
        return await db.OutboxEmails.AsNoTracking().SingleAsync(e => e.Id == email.Id);
    }

    private static OutboxEmail Email(string to, DateTime at) => new()
    {
        ToAddress = to, ToName = "Someone", Subject = "[RefundPortal] s", TextBody = "t", HtmlBody = "<p>t</p>",
        CreatedAt = at, NextAttemptAt = at,
    };
}

/// <summary>An SMTP server that accepts the connection and never answers.</summary>
public sealed class SilentSmtpServerTests(UnresponsiveSmtpTestApp app, ITestOutputHelper output) : IClassFixture<UnresponsiveSmtpTestApp>
{
    [Fact]
    public async Task TheSenderTimesOutRetriesLaterAndTheMailGoesOutOnceWhenAServerAnswers()
    {
        var sender = app.Get<OutboxSender>();
        var (first, second) = await app.QueueTwoAsync();
        var started = app.Now();

        var watch = Stopwatch.StartNew();
        using (var blackHole = UnresponsiveSmtpListener.BlackHole(app.Smtp.Port))
        {
            // Never forever: a pass that does not return within this time fails the test rather than hanging it.
            await sender.SendDueAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            watch.Stop();
            output.WriteLine($"Black hole: the pass gave up after {watch.Elapsed.TotalSeconds:0.0} s "
                             + $"(Email:Smtp:Timeout {UnresponsiveSmtpTestApp.OperationTimeout.TotalSeconds:0} s), {blackHole.Accepted} connection(s).");
        }

        var tried = await app.ReloadAsync(first);
        Assert.Equal(OutboxStatus.Pending, tried.Status);
        Assert.Equal(1, tried.Attempts);
        Assert.Equal(started.AddMinutes(1), tried.NextAttemptAt);
        Assert.Null(tried.LockedUntil);
        Assert.NotNull(tried.LastError);
        // The server is gone, not the email: the rest of the batch is not made to wait out a timeout each, nor charged an attempt.
        var untried = await app.ReloadAsync(second);
        Assert.Equal(0, untried.Attempts);
        Assert.Null(untried.LockedUntil);
        output.WriteLine($"After the pass: first {tried.Attempts} attempt(s), next at +{(tried.NextAttemptAt - started).TotalSeconds:0} s, "
                         + $"error \"{tried.LastError}\"; second {untried.Attempts} attempt(s).");

        // A real server on the same port: the untried one goes at once, the timed-out one when its retry is due; each once.
        await app.Smtp.StartAgainAsync();
        await sender.SendDueAsync(CancellationToken.None);
        Assert.Equal(OutboxStatus.Sent, (await app.ReloadAsync(second)).Status);
        Assert.Equal(OutboxStatus.Pending, (await app.ReloadAsync(first)).Status);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await sender.SendDueAsync(CancellationToken.None);
        await sender.SendDueAsync(CancellationToken.None);

        var sent = await app.ReloadAsync(first);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
        Assert.Single(app.Smtp.Messages(), m => m.MessageId == first.MessageId);
        Assert.Single(app.Smtp.Messages(), m => m.MessageId == second.MessageId);
        output.WriteLine($"Real server afterwards: first sent on attempt {sent.Attempts}, {app.Smtp.Messages().Count} message(s) received in all.");
    }
}

/// <summary>An SMTP server that answers one byte at a time and never finishes a line: each read succeeds within the timeout.</summary>
public sealed class DrippingSmtpServerTests(UnresponsiveSmtpTestApp app, ITestOutputHelper output) : IClassFixture<UnresponsiveSmtpTestApp>
{
    [Fact]
    public async Task TheSenderGivesUpAfterTheSendTimeoutAndRetriesLater()
    {
        var sender = app.Get<OutboxSender>();
        var (first, _) = await app.QueueTwoAsync();
        var started = app.Now();
        using var tarpit = UnresponsiveSmtpListener.Tarpit(app.Smtp.Port, TimeSpan.FromMilliseconds(500));

        var watch = Stopwatch.StartNew();
        await sender.SendDueAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        watch.Stop();

        var tried = await app.ReloadAsync(first);
        output.WriteLine($"Tarpit (a byte every 0.5 s): the pass gave up after {watch.Elapsed.TotalSeconds:0.0} s "
                         + $"(Email:Smtp:Timeout {UnresponsiveSmtpTestApp.OperationTimeout.TotalSeconds:0} s, "
                         + $"Email:Smtp:SendTimeout {UnresponsiveSmtpTestApp.SendTimeout.TotalSeconds:0} s); "
                         + $"{tried.Attempts} attempt(s), error \"{tried.LastError}\".");
        Assert.Equal(OutboxStatus.Pending, tried.Status);
        Assert.Equal(1, tried.Attempts);
        Assert.Equal(started.AddMinutes(1), tried.NextAttemptAt);
        Assert.Null(tried.LockedUntil);
    }
}
