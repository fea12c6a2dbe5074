using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RefundPortal.Data;

namespace RefundPortal.Features.Notifications.Email;

/// <summary>The account pages' emails (confirm address, reset password) go through the same outbox as the rest.</summary>
public sealed class OutboxIdentityEmailSender(IDbContextFactory<AppDbContext> dbFactory, OutboxSender outbox, TimeProvider clock,
    ILogger<OutboxIdentityEmailSender> logger) : IEmailSender<ApplicationUser>
{
    // The template passes links already HTML-encoded.
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        QueueAsync(user, email, "Confirm your email", "Confirm your account", confirmationLink);

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        QueueAsync(user, email, "Reset your password", "Reset your password", resetLink);

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        QueueAsync(user, email, "Reset your password", $"Your password reset code is {WebUtility.HtmlEncode(resetCode)}", null);

    /// <summary>To a person the marketplace's feed made an account for: where to set a password (the reset page).</summary>
    public Task SendWelcomeAsync(ApplicationUser user, string email, string setPasswordLink) =>
        QueueAsync(user, email, "Your RefundPortal account",
            "An account was opened for you to handle refunds on your marketplace orders. Set your password", WebUtility.HtmlEncode(setPasswordLink));

    private async Task QueueAsync(ApplicationUser user, string email, string subject, string text, string? encodedLink)
    {
        if (!EmailAddresses.IsDeliverable(email))
        {
            // Queued, it would only be dead-lettered; the account page still answers as if it was sent.
            logger.LogWarning("No \"{Subject}\" email for user {UserId}: the address is not deliverable.", subject, user.Id);
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var link = encodedLink is null ? "" : WebUtility.HtmlDecode(encodedLink);
        await using var db = await dbFactory.CreateDbContextAsync();
        db.OutboxEmails.Add(new OutboxEmail
        {
            ToAddress = email,
            ToName = EmailAddresses.DisplayName(user.DisplayName, email),
            Subject = $"[RefundPortal] {subject}",
            TextBody = $"{WebUtility.HtmlDecode(text)}\n{link}\n\n— RefundPortal",
            HtmlBody = encodedLink is null ? $"<p>{text}</p>" : $"<p><a href=\"{encodedLink}\">{text}</a></p>",
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        await db.SaveChangesAsync();
        outbox.Wake();
    }
}
