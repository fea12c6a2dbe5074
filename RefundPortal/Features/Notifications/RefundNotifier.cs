using System.Globalization;
using System.Net;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Notifications.Email;
using RefundPortal.Features.Shared;

namespace RefundPortal.Features.Notifications;

/// <summary>
/// Turns a refund's new timeline events into notifications for whoever must act next (both parties on an outcome):
/// an in-app row and, unless the user opted out of that kind, an outbox email, both added to the same unit of work
/// as the change itself.
/// </summary>
public sealed class RefundNotifier(PublicUrls urls, IStringLocalizer<NotifierText> T, ILogger<RefundNotifier> logger)
{
    public const string ReminderKind = "DeadlineReminder";

    private readonly string baseUrl = urls.BaseUrl.AbsoluteUri;

    /// <summary>The kinds a user can turn off by email; the settings page names each with NotifierText's "EmailKind_{kind}".</summary>
    public static readonly IReadOnlyList<string> EmailKinds =
    [
        nameof(TimelineEventKind.Applied),
        nameof(TimelineEventKind.Modified),
        nameof(TimelineEventKind.Withdrawn),
        nameof(TimelineEventKind.Agreed),
        nameof(TimelineEventKind.Refused),
        nameof(TimelineEventKind.ReturnAddressChanged),
        nameof(TimelineEventKind.ReturnShipped),
        nameof(TimelineEventKind.ReceiptRefused),
        nameof(TimelineEventKind.Refunded),
        nameof(TimelineEventKind.ImmediateRefund),
        nameof(TimelineEventKind.PayoutPaid),
        nameof(TimelineEventKind.Escalated),
        nameof(TimelineEventKind.CaseTaken),
        nameof(TimelineEventKind.PlanProposed),
        nameof(TimelineEventKind.PlanDeleted),
        nameof(TimelineEventKind.PlanAccepted),
        nameof(TimelineEventKind.Ruled),
        nameof(TimelineEventKind.DeadlinePassed),
        ReminderKind,
    ];

    /// <summary>
    /// Adds the notifications and emails for the new events of these changed requests (one, or the deadline worker's
    /// batch) to <paramref name="db"/>; the caller saves them in the transaction of the change (after each request has
    /// its id, so every link points at it). The people and their email opt-outs are read once, and not at all when
    /// nothing is to be said. Returns each request's notifications, by request id.
    /// </summary>
    public async Task<Dictionary<int, IReadOnlyList<Notification>>> AddAsync(AppDbContext db,
        IReadOnlyList<(RefundRequest Request, IReadOnlyList<TimelineEvent> Events)> changes, DateTime now, CancellationToken ct)
    {
        var composed = changes.Select(c => (c.Request, Messages: c.Events.SelectMany(e => Compose(c.Request, e)).ToList())).ToList();
        var toTell = composed.Where(c => c.Messages.Count > 0).ToList();
        var recipients = toTell.Count == 0 ? null : await RecipientsOf.LoadAsync(db, toTell.SelectMany(c => PartiesOf(c.Request)), ct);
        return composed.ToDictionary(c => c.Request.Id,
            c => (IReadOnlyList<Notification>)(recipients is null ? [] : Add(db, c.Request, c.Messages, recipients, now)));
    }

    /// <summary>A reminder that the deadline of the current status is near, to the party who must act.</summary>
    public Task<IReadOnlyList<Notification>> AddReminderAsync(AppDbContext db, RefundRequest request, DateTime now, CancellationToken ct)
    {
        var who = request.Status.ExpiresAutomatically() ? Recipient(request.Status.WaitsFor()) : Party.None;
        var message = new Message(ReminderKind, who, () => T["Reminder_Title", request.Id, request.Order.Number],
            t => T["Reminder_Body", request.Status.ToDo(), When(t, request.DeadlineAt)]);
        return AddMessagesAsync(db, request, who == Party.None ? [] : [message], now, ct);
    }

    [Flags]
    private enum Party { None = 0, Buyer = 1, Seller = 2, Arbiter = 4, Both = Buyer | Seller, All = Both | Arbiter }

    private static Party Recipient(ActorRole? role) => role switch
    {
        ActorRole.Buyer => Party.Buyer,
        ActorRole.Seller => Party.Seller,
        ActorRole.Arbiter => Party.Arbiter,
        _ => Party.None,
    };

    /// <summary>
    /// What to tell whom. The words are functions, called for each recipient inside their language's scope; the body
    /// also gets their time zone.
    /// </summary>
    private sealed record Message(string Kind, Party To, Func<string> Title, Func<LocalTimes, string> Body);

    private IEnumerable<Message> Compose(RefundRequest r, TimelineEvent e)
    {
        var order = r.Order.Number;
        var amount = Money.Format(r.AmountMinor, r.Currency);
        // Deadlines are written in each recipient's own time zone.
        string Deadline(LocalTimes t) => When(t, r.DeadlineAt);
        var kind = e.Kind.ToString();
        var others = e.ActorRole switch
        {
            ActorRole.Buyer => Party.Seller | (r.ArbiterId is null ? Party.None : Party.Arbiter),
            ActorRole.Seller => Party.Buyer | (r.ArbiterId is null ? Party.None : Party.Arbiter),
            _ => Party.Both,
        };
        Func<string> Title(string key, params object[] arguments) => () => T[key, arguments];
        switch (e.Kind)
        {
            case TimelineEventKind.Applied:
                yield return new(kind, Party.Seller, Title("Applied_Title", order),
                    t => T["Applied_Body", amount, r.Kind.Label(), r.Reason.Label(), Deadline(t)]);
                break;
            case TimelineEventKind.Modified:
                yield return new(kind, Party.Seller, Title("Modified_Title", order), t => T["Modified_Body", amount, r.Kind.Label(), Deadline(t)]);
                break;
            case TimelineEventKind.Withdrawn:
                yield return new(kind, Party.Both, Title("Withdrawn_Title", order), _ => T["Withdrawn_Body"]);
                break;
            case TimelineEventKind.Agreed when e.ToStatus == RefundStatus.AwaitingReturn:
                yield return new(kind, Party.Buyer, Title("Agreed_Title", order), t => T["Agreed_Body", amount, r.ReturnAddress!, Deadline(t)]);
                break;
            case TimelineEventKind.Refused:
                yield return new(kind, Party.Buyer, Title("Refused_Title", order), t => T["Refused_Body", Sentence(e.NoteText), Deadline(t)]);
                break;
            case TimelineEventKind.ReturnAddressChanged:
                yield return new(kind, Party.Buyer, Title("ReturnAddressChanged_Title", order), _ => T["ReturnAddressChanged_Body", r.ReturnAddress!]);
                break;
            case TimelineEventKind.ReturnShipped:
                yield return new(kind, Party.Seller, Title("ReturnShipped_Title", order), t => T["ReturnShipped_Body", e.NoteText ?? "", amount, Deadline(t)]);
                break;
            case TimelineEventKind.ReceiptRefused:
                yield return new(kind, Party.Buyer, Title("ReceiptRefused_Title", order), t => T["Refused_Body", Sentence(e.NoteText), Deadline(t)]);
                break;
            case TimelineEventKind.Refunded:
            case TimelineEventKind.ImmediateRefund:
            {
                // One outcome, told to each reader in their own words.
                var refunded = Money.Format(r.Payout?.AmountMinor ?? r.AmountMinor, r.Currency);
                var title = Title("Refunded_Title", amount, order);
                yield return new(kind, Party.Buyer, title, _ => T["Refunded_BodyBuyer", refunded]);
                yield return new(kind, Party.Seller | (r.ArbiterId is null ? Party.None : Party.Arbiter), title, _ => T["Refunded_BodyOthers", refunded]);
                break;
            }
            case TimelineEventKind.PayoutPaid:
                yield return new(kind, Party.Buyer, Title("PayoutPaid_Title", amount, order),
                    _ => T["PayoutPaid_Body", Money.Format(r.Payout?.AmountMinor ?? r.AmountMinor, r.Currency), e.NoteText ?? ""]);
                break;
            case TimelineEventKind.Escalated:
                yield return new(kind, others, Title("Escalated_Title", order), t => T["Escalated_Body", Sentence(e.NoteText), Deadline(t)]);
                break;
            case TimelineEventKind.CaseTaken:
                yield return new(kind, Party.Both, Title("CaseTaken_Title", order), _ => T["CaseTaken_Body"]);
                break;
            case TimelineEventKind.PlanProposed:
                yield return new(kind, others, Title("PlanProposed_Title", order), _ => T["PlanProposed_Body", T[$"Role_{e.ActorRole}"], Sentence(e.NoteText)]);
                break;
            case TimelineEventKind.PlanDeleted:
                yield return new(kind, others, Title("PlanDeleted_Title", order), _ => T["PlanDeleted_Body", T[$"RoleLower_{e.ActorRole}"]]);
                break;
            case TimelineEventKind.PlanAccepted when e.ToStatus != RefundStatus.Refunded:
            case TimelineEventKind.Ruled when e.ToStatus != RefundStatus.Refunded:
                yield return new(kind, Party.All, () => T["Decided_Title", order, e.ToStatus.Label()], t => $"{Sentence(e.NoteText)} {NextStep(r, Deadline(t))}");
                break;
            case TimelineEventKind.DeadlinePassed when e.ToStatus != RefundStatus.Refunded:
                yield return new(kind, Party.Both, () => T["DeadlinePassed_Title", order, e.ToStatus.Label()], t => $"{e.NoteText} {NextStep(r, Deadline(t))}");
                break;
        }
    }

    private string NextStep(RefundRequest r, string deadline) => r.Status switch
    {
        RefundStatus.AwaitingReturn => T["NextStep_AwaitingReturn", r.ReturnAddress!, deadline],
        RefundStatus.Closed => T["NextStep_Closed"],
        _ => "",
    };

    /// <summary>A note as a sentence: one full stop at the end, never two.</summary>
    private static string Sentence(string? note) => string.IsNullOrWhiteSpace(note) ? "" : note.TrimEnd().TrimEnd('.') + ".";

    private string When(LocalTimes times, DateTime? at) => at is { } time ? times.Moment(time) : T["TheDeadline"];

    private async Task<IReadOnlyList<Notification>> AddMessagesAsync(AppDbContext db, RefundRequest request, List<Message> messages,
        DateTime now, CancellationToken ct)
    {
        if (messages.Count == 0) return [];
        return Add(db, request, messages, await RecipientsOf.LoadAsync(db, PartiesOf(request), ct), now);
    }

    private static IEnumerable<string> PartiesOf(RefundRequest r) => new[] { r.BuyerId, r.SellerId, r.ArbiterId }.OfType<string>();

    /// <summary>The people a batch of notifications may go to, their languages, and the email kinds each turned off.</summary>
    private sealed record RecipientsOf(Dictionary<string, Person> People, Dictionary<string, string?> Languages,
        HashSet<(string UserId, string Kind)> OptOuts)
    {
        public static async Task<RecipientsOf> LoadAsync(AppDbContext db, IEnumerable<string> userIds, CancellationToken ct)
        {
            var ids = userIds.Distinct().ToList();
            var people = await Shared.People.LoadAsync(db, ids, ct);
            var languages = await db.Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Language }).ToDictionaryAsync(u => u.Id, u => u.Language, ct);
            var optOuts = await db.EmailOptOuts.Where(o => ids.Contains(o.UserId)).Select(o => new { o.UserId, o.Kind }).ToListAsync(ct);
            return new RecipientsOf(people, languages, optOuts.Select(o => (o.UserId, o.Kind)).ToHashSet());
        }
    }

    private List<Notification> Add(AppDbContext db, RefundRequest request, List<Message> messages, RecipientsOf recipients, DateTime now)
    {
        var link = $"refunds/{request.Id}";
        var added = new List<Notification>();
        foreach (var message in messages)
        {
            foreach (var userId in Recipients(request, message.To))
            {
                if (!recipients.People.TryGetValue(userId, out var person)) continue;
                // The recipient's chosen zone; UTC, named so, when they chose none (their browser is not asked when mail is written).
                var times = TimeZones.Find(person.TimeZoneId) is { } zone ? new LocalTimes(zone) : LocalTimes.Utc;
                // Their language, whoever acted: the stored text and the email stay as written now (docs/localization.md).
                using var language = CultureScope.Of(recipients.Languages.GetValueOrDefault(userId));
                var notification = new Notification
                {
                    UserId = userId, RefundRequestId = request.Id, Kind = message.Kind,
                    Title = message.Title(), Body = message.Body(times), Link = link, CreatedAt = now,
                };
                added.Add(notification);
                db.Notifications.Add(notification);
                if (recipients.OptOuts.Contains((userId, message.Kind))) continue;
                if (!EmailAddresses.IsDeliverable(person.Email))
                {
                    // A stored address MailKit cannot take would only fail in the outbox; the in-app notification stays.
                    logger.LogWarning("No {Kind} email for user {UserId}: the stored address is not deliverable.", message.Kind, userId);
                    continue;
                }
                db.OutboxEmails.Add(Email(person, notification.Title, notification.Body, baseUrl + link, now));
            }
        }
        return added;
    }

    private static IEnumerable<string> Recipients(RefundRequest r, Party to)
    {
        if (to.HasFlag(Party.Buyer)) yield return r.BuyerId;
        if (to.HasFlag(Party.Seller)) yield return r.SellerId;
        if (to.HasFlag(Party.Arbiter) && r.ArbiterId is not null) yield return r.ArbiterId;
    }

    /// <summary>The email of a notification, in the current (the recipient's) language.</summary>
    private OutboxEmail Email(Person to, string title, string body, string url, DateTime now)
    {
        var name = EmailAddresses.DisplayName(to.Name, to.Email);
        var text = $"{T["Email_Greeting", name]}\n\n{body}\n\n{T["Email_OpenAt", url]}\n\n{T["Email_Signature"]}";
        var html = $"""
            <!DOCTYPE html>
            <html lang="{CultureInfo.CurrentUICulture.Name}"><body style="font-family: Arial, sans-serif; color: #222">
            <p>{WebUtility.HtmlEncode(T["Email_Greeting", name])}</p>
            <p><strong>{WebUtility.HtmlEncode(title)}</strong></p>
            <p>{WebUtility.HtmlEncode(body)}</p>
            <p><a href="{WebUtility.HtmlEncode(url)}">{WebUtility.HtmlEncode(T["Email_Open"])}</a></p>
            <p style="color: #777">{WebUtility.HtmlEncode(T["Email_Footer"])}</p>
            </body></html>
            """;
        return new OutboxEmail
        {
            ToAddress = to.Email, ToName = name, Subject = T["Email_Subject", title], TextBody = text, HtmlBody = html,
            Status = OutboxStatus.Pending, CreatedAt = now, NextAttemptAt = now,
        };
    }
}
