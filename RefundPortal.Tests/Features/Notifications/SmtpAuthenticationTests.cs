using Microsoft.EntityFrameworkCore;
using RefundPortal.Features.Notifications;
using RefundPortal.Features.Notifications.Email;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Notifications;

/// <summary>The portal logging in to the real SMTP server (aiosmtpd, which takes only portal / secret) with a wrong password.</summary>
public sealed class WrongSmtpPasswordTestApp : MailTestApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> SmtpSettings =>
    [
        new("Email:Smtp:User", "portal"),
        new("Email:Smtp:Password", "not-the-secret"),
    ];
}

public sealed class SmtpAuthenticationTests(WrongSmtpPasswordTestApp app) : IClassFixture<WrongSmtpPasswordTestApp>
{
    private static OutboxEmail Queued(string to, DateTime at) => new()
    {
        ToAddress = to, ToName = "Someone", Subject = "[RefundPortal] s", TextBody = "t", HtmlBody = "<p>t</p>",
        CreatedAt = at, NextAttemptAt = at,
    };

    [Fact]
    public async Task AWrongPasswordKeepsTheMailQueuedForLaterRatherThanDeadLetteringIt()
    {
        var first = Queued("first@example.com", app.Now().AddTicks(-2));
        var second = Queued("second@example.com", app.Now().AddTicks(-1));
        await using (var db = app.NewDb())
        {
            db.OutboxEmails.AddRange(first, second);
            await db.SaveChangesAsync();
        }

        await app.Get<OutboxSender>().SendDueAsync(CancellationToken.None);

        await using var after = app.NewDb();
        // The settings are wrong, not the email: it waits for an operator to fix them, as for a server that is down.
        var tried = await after.OutboxEmails.SingleAsync(e => e.Id == first.Id);
        Assert.Equal(OutboxStatus.Pending, tried.Status);
        Assert.Equal(1, tried.Attempts);
        Assert.Equal(app.Now().AddMinutes(1), tried.NextAttemptAt);
        Assert.Contains("Authentication failed", tried.LastError);
        var untried = await after.OutboxEmails.SingleAsync(e => e.Id == second.Id);
        Assert.Equal(OutboxStatus.Pending, untried.Status);
        Assert.Equal(0, untried.Attempts);
        Assert.Empty(app.Smtp.Messages());
    }
}
