using System.Net;
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
public sealed class RefundNotifier(PublicUrls urls, ILogger<RefundNotifier> logger)
{
    public const string ReminderKind = "DeadlineReminder";

    private readonly string baseUrl = urls.BaseUrl.AbsoluteUri;

    /// <summary>The kinds a user can turn off by email, with the words the settings page shows.</summary>
    public static readonly IReadOnlyList<(string Kind, string Label)> EmailKinds =
    [
        (nameof(TimelineEventKind.Applied), "A new refund request"),
        (nameof(TimelineEventKind.Modified), "A modified application"),
        (nameof(TimelineEventKind.Withdrawn), "A withdrawn application"),
        (nameof(TimelineEventKind.Agreed), "The seller agreed, with the return address"),
        (nameof(TimelineEventKind.Refused), "The seller refused"),
        (nameof(TimelineEventKind.ReturnAddressChanged), "The return address changed"),
        (nameof(TimelineEventKind.ReturnShipped), "The buyer shipped the return"),
        (nameof(TimelineEventKind.ReceiptRefused), "The seller refused the returned goods"),
        (nameof(TimelineEventKind.Refunded), "A refund was paid"),
        (nameof(TimelineEventKind.ImmediateRefund), "An immediate refund"),
        (nameof(TimelineEventKind.PayoutPaid), "A refund was paid out"),
        (nameof(TimelineEventKind.Escalated), "Platform intervention was requested"),
        (nameof(TimelineEventKind.CaseTaken), "An arbiter took the case"),
        (nameof(TimelineEventKind.PlanProposed), "A plan was proposed"),
        (nameof(TimelineEventKind.PlanDeleted), "A plan was deleted"),
        (nameof(TimelineEventKind.PlanAccepted), "A plan was accepted"),
        (nameof(TimelineEventKind.Ruled), "A ruling"),
        (nameof(TimelineEventKind.DeadlinePassed), "The system acted on a missed deadline"),
        (ReminderKind, "A deadline is near"),
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
        var message = new Message(ReminderKind, who, $"Deadline near: refund #{request.Id} ({request.Order.Number})",
            t => $"Please {request.Status.ToDo()} by {When(t, request.DeadlineAt)}. Otherwise the system will act for you.");
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

    /// <summary>What to tell whom; the body is written for each recipient, in their time zone.</summary>
    private sealed record Message(string Kind, Party To, string Title, Func<LocalTimes, string> Body);

    private static IEnumerable<Message> Compose(RefundRequest r, TimelineEvent e)
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
        switch (e.Kind)
        {
            case TimelineEventKind.Applied:
                yield return new(kind, Party.Seller, $"New refund request on order {order}",
                    t => $"The buyer asks for {amount} ({r.Kind.Label()}; {r.Reason.Label()}). Agree or refuse by {Deadline(t)}.");
                break;
            case TimelineEventKind.Modified:
                yield return new(kind, Party.Seller, $"Refund request modified on order {order}",
                    t => $"The buyer now asks for {amount} ({r.Kind.Label()}). Agree or refuse by {Deadline(t)}.");
                break;
            case TimelineEventKind.Withdrawn:
                yield return new(kind, Party.Both, $"Refund request withdrawn on order {order}", _ => "The buyer withdrew the application. The request is closed.");
                break;
            case TimelineEventKind.Agreed when e.ToStatus == RefundStatus.AwaitingReturn:
                yield return new(kind, Party.Buyer, $"Seller agreed: return the goods for order {order}",
                    t => $"The seller agreed to refund {amount}. Send the goods back to: {r.ReturnAddress}. Then submit the return information by {Deadline(t)}.");
                break;
            case TimelineEventKind.Refused:
                yield return new(kind, Party.Buyer, $"Seller refused your refund on order {order}",
                    t => $"Reason: {Sentence(e.Note)} You can modify the application, apply for platform intervention or withdraw it by {Deadline(t)}.");
                break;
            case TimelineEventKind.ReturnAddressChanged:
                yield return new(kind, Party.Buyer, $"New return address for order {order}", _ => $"Send the goods back to: {r.ReturnAddress}.");
                break;
            case TimelineEventKind.ReturnShipped:
                yield return new(kind, Party.Seller, $"Return shipped for order {order}",
                    t => $"The buyer sent the goods back ({e.Note}). Confirm receipt and refund {amount} by {Deadline(t)}.");
                break;
            case TimelineEventKind.ReceiptRefused:
                yield return new(kind, Party.Buyer, $"Seller refused the returned goods for order {order}",
                    t => $"Reason: {Sentence(e.Note)} You can modify the application, apply for platform intervention or withdraw it by {Deadline(t)}.");
                break;
            case TimelineEventKind.Refunded:
            case TimelineEventKind.ImmediateRefund:
            {
                // One outcome, told to each reader in their own words.
                var refunded = Money.Format(r.Payout?.AmountMinor ?? r.AmountMinor, r.Currency);
                var title = $"Refund successful: {amount} for order {order}";
                yield return new(kind, Party.Buyer, title, _ => $"{refunded} was refunded to you.");
                yield return new(kind, Party.Seller | (r.ArbiterId is null ? Party.None : Party.Arbiter), title, _ => $"{refunded} was refunded to the buyer.");
                break;
            }
            case TimelineEventKind.PayoutPaid:
                yield return new(kind, Party.Buyer, $"Refund paid out: {amount} for order {order}",
                    _ => $"The payment system paid {Money.Format(r.Payout?.AmountMinor ?? r.AmountMinor, r.Currency)} to you (reference {e.Note}).");
                break;
            case TimelineEventKind.Escalated:
                yield return new(kind, others, $"Platform intervention requested on order {order}",
                    t => $"The buyer asked the platform to step in: {Sentence(e.Note)} Add your evidence and plan; an arbiter will rule by {Deadline(t)}.");
                break;
            case TimelineEventKind.CaseTaken:
                yield return new(kind, Party.Both, $"An arbiter took the dispute on order {order}", _ => "A platform arbiter now handles this case.");
                break;
            case TimelineEventKind.PlanProposed:
                yield return new(kind, others, $"New plan in the dispute on order {order}", _ => $"{e.ActorRole} proposed: {Sentence(e.Note)} You can accept it or propose your own.");
                break;
            case TimelineEventKind.PlanDeleted:
                yield return new(kind, others, $"A plan was withdrawn on order {order}", _ => $"The {e.ActorRole.ToString().ToLowerInvariant()} deleted their plan.");
                break;
            case TimelineEventKind.PlanAccepted when e.ToStatus != RefundStatus.Refunded:
            case TimelineEventKind.Ruled when e.ToStatus != RefundStatus.Refunded:
                yield return new(kind, Party.All, $"Dispute decided on order {order}: {e.ToStatus.Label()}", t => $"{Sentence(e.Note)} {NextStep(r, Deadline(t))}");
                break;
            case TimelineEventKind.DeadlinePassed when e.ToStatus != RefundStatus.Refunded:
                yield return new(kind, Party.Both, $"Deadline passed on order {order}: {e.ToStatus.Label()}", t => $"{e.Note} {NextStep(r, Deadline(t))}");
                break;
        }
    }

    private static string NextStep(RefundRequest r, string deadline) => r.Status switch
    {
        RefundStatus.AwaitingReturn => $"The buyer sends the goods back to {r.ReturnAddress} by {deadline}.",
        RefundStatus.Closed => "The request is closed.",
        _ => "",
    };

    /// <summary>A note as a sentence: one full stop at the end, never two.</summary>
    private static string Sentence(string? note) => string.IsNullOrWhiteSpace(note) ? "" : note.TrimEnd().TrimEnd('.') + ".";

    private static string When(LocalTimes times, DateTime? at) => at is { } time ? times.Moment(time) : "the deadline";

    private async Task<IReadOnlyList<Notification>> AddMessagesAsync(AppDbContext db, RefundRequest request, List<Message> messages,
        DateTime now, CancellationToken ct)
    {
        if (messages.Count == 0) return [];
        return Add(db, request, messages, await RecipientsOf.LoadAsync(db, PartiesOf(request), ct), now);
    }

    private static IEnumerable<string> PartiesOf(RefundRequest r) => new[] { r.BuyerId, r.SellerId, r.ArbiterId }.OfType<string>();

    /// <summary>The people a batch of notifications may go to, and the email kinds each turned off.</summary>
    private sealed record RecipientsOf(Dictionary<string, Person> People, HashSet<(string UserId, string Kind)> OptOuts)
    {
        public static async Task<RecipientsOf> LoadAsync(AppDbContext db, IEnumerable<string> userIds, CancellationToken ct)
        {
            var ids = userIds.Distinct().ToList();
            var people = await Shared.People.LoadAsync(db, ids, ct);
            var optOuts = await db.EmailOptOuts.Where(o => ids.Contains(o.UserId)).Select(o => new { o.UserId, o.Kind }).ToListAsync(ct);
            return new RecipientsOf(people, optOuts.Select(o => (o.UserId, o.Kind)).ToHashSet());
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
                var notification = new Notification
                {
                    UserId = userId, RefundRequestId = request.Id, Kind = message.Kind,
                    Title = message.Title, Body = message.Body(times), Link = link, CreatedAt = now,
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
                db.OutboxEmails.Add(Email(person, message.Title, notification.Body, baseUrl + link, now));
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

    private static OutboxEmail Email(Person to, string title, string body, string url, DateTime now)
    {
        var name = EmailAddresses.DisplayName(to.Name, to.Email);
        var text = $"Hello {name},\n\n{body}\n\nOpen RefundPortal: {url}\n\n— RefundPortal";
        var html = $"""
            <!DOCTYPE html>
            <html><body style="font-family: Arial, sans-serif; color: #222">
            <p>Hello {WebUtility.HtmlEncode(name)},</p>
            <p><strong>{WebUtility.HtmlEncode(title)}</strong></p>
            <p>{WebUtility.HtmlEncode(body)}</p>
            <p><a href="{WebUtility.HtmlEncode(url)}">Open RefundPortal</a></p>
            <p style="color: #777">RefundPortal · you can turn these emails off in your account settings.</p>
            </body></html>
            """;
        return new OutboxEmail
        {
            ToAddress = to.Email, ToName = name, Subject = $"[RefundPortal] {title}", TextBody = text, HtmlBody = html,
            Status = OutboxStatus.Pending, CreatedAt = now, NextAttemptAt = now,
        };
    }
}
