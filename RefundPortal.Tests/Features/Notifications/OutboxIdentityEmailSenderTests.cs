using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RefundPortal.Data;
using RefundPortal.Features.Notifications.Email;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Notifications;

/// <summary>The account pages' emails, queued in the outbox (no SMTP host: the pickup folder).</summary>
public sealed class OutboxIdentityEmailSenderTests(TestApp app) : IClassFixture<TestApp>
{
    private IEmailSender<ApplicationUser> Sender => app.Get<IEmailSender<ApplicationUser>>();

    private async Task<int> QueuedToAsync(string address)
    {
        await using var db = app.NewDb();
        return await db.OutboxEmails.CountAsync(e => e.ToAddress == address);
    }

    [Fact]
    public async Task AResetLinkToAPlainAddressIsQueued()
    {
        var user = new ApplicationUser { DisplayName = "Reset Me" };

        await Sender.SendPasswordResetLinkAsync(user, "reset-me@example.com", "http://localhost:5212/Account/ResetPassword?code=x");

        Assert.Equal(1, await QueuedToAsync("reset-me@example.com"));
    }

    [Fact]
    public async Task AnAddressMailKitCannotParseIsNeverQueued()
    {
        var user = new ApplicationUser { DisplayName = "Mallory" };

        await Sender.SendPasswordResetLinkAsync(user, "a(b@example.com", "http://localhost:5212/Account/ResetPassword?code=x");
        await Sender.SendConfirmationLinkAsync(user, "a(b@example.com", "http://localhost:5212/Account/ConfirmEmail?code=x");
        await Sender.SendPasswordResetCodeAsync(user, "a(b@example.com", "123456");

        Assert.Equal(0, await QueuedToAsync("a(b@example.com"));
    }

    [Fact]
    public async Task AMultiLineOrHugeNameIsAddressedOnOneShortLine()
    {
        var user = new ApplicationUser { DisplayName = "Eve\r\nBcc: victim@example.com " + new string('x', 100_000) };

        await Sender.SendPasswordResetLinkAsync(user, "eve@example.com", "http://localhost:5212/Account/ResetPassword?code=x");

        await using var db = app.NewDb();
        var email = await db.OutboxEmails.SingleAsync(e => e.ToAddress == "eve@example.com");
        Assert.StartsWith("Eve Bcc: victim@example.com x", email.ToName);
        Assert.True(email.ToName.Length <= EmailAddresses.MaxNameLength, $"{email.ToName.Length} characters");
    }
}
