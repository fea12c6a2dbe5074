using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RefundPortal.Data;
using RefundPortal.Features.Languages;

namespace RefundPortal.Features.Notifications.Email;

/// <summary>
/// The account pages' emails (confirm address, reset password, change email) go through the same outbox as the rest,
/// in the recipient's stored language, or, for an account that has none yet (a new one), the request's: the person
/// asking is the one who reads it.
/// </summary>
public sealed class OutboxIdentityEmailSender(IDbContextFactory<AppDbContext> dbFactory, OutboxSender outbox, TimeProvider clock,
    IStringLocalizer<NotifierText> T, ILogger<OutboxIdentityEmailSender> logger) : IEmailSender<ApplicationUser>
{
    // The template passes links already HTML-encoded.
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        QueueAsync(user, email, "Identity_ConfirmSubject", () => T["Identity_ConfirmLink"], confirmationLink);

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        QueueAsync(user, email, "Identity_ResetSubject", () => T["Identity_ResetLink"], resetLink);

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        QueueAsync(user, email, "Identity_ResetSubject", () => T["Identity_ResetCode", WebUtility.HtmlEncode(resetCode)], null);

    /// <summary>To a person the marketplace's feed made an account for: where to set a password (the reset page).</summary>
    public Task SendWelcomeAsync(ApplicationUser user, string email, string setPasswordLink) =>
        QueueAsync(user, email, "Identity_WelcomeSubject", () => T["Identity_WelcomeLink"], WebUtility.HtmlEncode(setPasswordLink));

    /// <param name="htmlText">The text of the email, HTML-encoded where it holds anything not from the resources.</param>
    private async Task QueueAsync(ApplicationUser user, string email, string subjectKey, Func<string> htmlText, string? encodedLink)
    {
        if (!EmailAddresses.IsDeliverable(email))
        {
            // Queued, it would only be dead-lettered; the account page still answers as if it was sent.
            logger.LogWarning("No {Subject} email for user {UserId}: the address is not deliverable.", subjectKey, user.Id);
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var link = encodedLink is null ? "" : WebUtility.HtmlDecode(encodedLink);
        string subject, text, signature;
        using (CultureScope.Of(Languages.Languages.Match(user.Language) ?? CultureInfo.CurrentUICulture.Name))
        {
            subject = T["Email_Subject", T[subjectKey]];
            text = htmlText();
            signature = T["Email_Signature"];
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        db.OutboxEmails.Add(new OutboxEmail
        {
            ToAddress = email,
            ToName = EmailAddresses.DisplayName(user.DisplayName, email),
            Subject = subject,
            TextBody = $"{WebUtility.HtmlDecode(text)}\n{link}\n\n{signature}",
            HtmlBody = encodedLink is null ? $"<p>{text}</p>" : $"<p><a href=\"{encodedLink}\">{text}</a></p>",
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        await db.SaveChangesAsync();
        outbox.Wake();
    }
}
