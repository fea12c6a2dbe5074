using Microsoft.EntityFrameworkCore;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Integration.Webhooks;
using RefundPortal.Features.Notifications;
using RefundPortal.Features.Notifications.Email;
using RefundPortal.Features.Refunds.Evidence;
using RefundPortal.Features.Security;
using RefundPortal.Features.Shared;

namespace RefundPortal.Features.Refunds;

/// <summary>
/// Every action on a refund request. Each loads the request for the acting user only, lets the domain decide, and
/// saves in one place (<see cref="SaveAsync"/>) where a concurrent change is turned into one clear message.
/// </summary>
public sealed partial class RefundService(
    IDbContextFactory<AppDbContext> dbFactory,
    EvidenceStore evidence,
    RefundNotifier notifier,
    INotificationHub hub,
    OutboxSender outbox,
    IntegrationEvents integrationEvents,
    WebhookSender webhooks,
    TimeProvider clock,
    RefundPolicy policy,
    WriteLimiter limits)
{
    /// <summary>A stale page or a concurrent save, in the language of the person whose action it refuses.</summary>
    public static string ChangedBySomeoneElse => RefundWords.Get(nameof(ChangedBySomeoneElse));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;


    public async Task<int> ApplyAsync(CurrentUser user, int orderId, RefundForm form, IReadOnlyList<UploadedFile> files, CancellationToken ct = default)
    {
        limits.Count(user);
        var buyer = user.As(ActorRole.Buyer);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await LoadOrderAsync(db, o => o.Id == orderId && o.BuyerId == user.Id, ct);
        var terms = await ToTermsAsync(order, form, files, buyer, alreadyAttached: 0, ct);
        RefundRequest request = null!;
        Guarded(terms.Evidence, () => request = RefundRequest.Apply(order, buyer, terms, policy, Now));
        db.RefundRequests.Add(request);
        await SaveAsync(db, request, terms.Evidence, ct);
        return request.Id;
    }

    public Task ModifyAsync(CurrentUser user, int requestId, Guid version, RefundForm form, IReadOnlyList<UploadedFile> files, CancellationToken ct = default) =>
        ActAsync(user, ActorRole.Buyer, requestId, version, async (request, actor) =>
        {
            var terms = await ToTermsAsync(request.Order, form, files, actor, request.EvidenceCount, ct);
            Guarded(terms.Evidence, () => request.Modify(actor, terms, policy, Now));
            return terms.Evidence;
        }, ct);

    public Task WithdrawAsync(CurrentUser user, int requestId, Guid version, CancellationToken ct = default) =>
        ActAsync(user, ActorRole.Buyer, requestId, version, (request, actor) => request.Withdraw(actor, Now), ct);

    public Task SubmitReturnAsync(CurrentUser user, int requestId, Guid version, string carrier, string trackingNumber, string? note,
        CancellationToken ct = default) =>
        ActAsync(user, ActorRole.Buyer, requestId, version, (request, actor) => request.SubmitReturn(actor, carrier, trackingNumber, note, policy, Now), ct);


    /// <summary>"Agree to Refund Agreement"; for a return, with the address confirmed in "Submit and Notify Buyer".</summary>
    public Task AgreeAsync(CurrentUser user, int requestId, Guid version, AddressSnapshot? returnAddress, CancellationToken ct = default) =>
        ActAsync(user, ActorRole.Seller, requestId, version, (request, actor) => request.Agree(actor, returnAddress, policy, Now), ct);

    public Task RefuseAsync(CurrentUser user, int requestId, Guid version, string reason, IReadOnlyList<UploadedFile> files, CancellationToken ct = default) =>
        ActAsync(user, ActorRole.Seller, requestId, version, async (request, actor) =>
        {
            var saved = await SaveEvidenceAsync(files, actor, request.EvidenceCount, ct);
            Guarded(saved, () => request.Refuse(actor, reason, saved, policy, Now));
            return saved;
        }, ct);

    public Task ChangeReturnAddressAsync(CurrentUser user, int requestId, Guid version, AddressSnapshot address, CancellationToken ct = default) =>
        ActAsync(user, ActorRole.Seller, requestId, version, (request, actor) => request.ChangeReturnAddress(actor, address, Now), ct);

    public Task ConfirmReceiptAsync(CurrentUser user, int requestId, Guid version, CancellationToken ct = default) =>
        ActAsync(user, ActorRole.Seller, requestId, version, (request, actor) => request.ConfirmReceipt(actor, Now), ct);

    public Task RefuseReceiptAsync(CurrentUser user, int requestId, Guid version, string reason, IReadOnlyList<UploadedFile> files,
        CancellationToken ct = default) =>
        ActAsync(user, ActorRole.Seller, requestId, version, async (request, actor) =>
        {
            var saved = await SaveEvidenceAsync(files, actor, request.EvidenceCount, ct);
            Guarded(saved, () => request.RefuseReceipt(actor, reason, saved, policy, Now));
            return saved;
        }, ct);

    /// <summary>"Issue Immediate Refund" on one of the seller's orders: refunded at once.</summary>
    public async Task<int> IssueImmediateRefundAsync(CurrentUser user, int orderId, ImmediateRefundForm form, CancellationToken ct = default)
    {
        limits.Count(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await ImmediateRefundAsync(db, user, orderId, form, ct);
        db.RefundRequests.Add(request);
        await SaveAsync(db, request, [], ct);
        return request.Id;
    }

    private async Task<RefundRequest> ImmediateRefundAsync(AppDbContext db, CurrentUser user, int orderId, ImmediateRefundForm form, CancellationToken ct)
    {
        var seller = user.As(ActorRole.Seller);
        var order = await LoadOrderAsync(db, o => o.Id == orderId && o.SellerId == user.Id, ct);
        var errors = new Dictionary<string, string>();
        var lines = ToSelections(order, form.Lines, errors);
        var amount = Money.AmountFrom(form.Amount, order.Currency, errors);
        if (errors.Count > 0) throw new RefundValidationException(errors);
        return RefundRequest.IssueImmediate(order, seller, lines, amount, form.IncludeShipping, form.Note, policy, Now);
    }


    private Task ActAsync(CurrentUser user, ActorRole role, int requestId, Guid? version, Action<RefundRequest, Actor> move, CancellationToken ct) =>
        ActAsync(user, role, requestId, version, (_, request, actor) =>
        {
            move(request, actor);
            return Task.FromResult<IReadOnlyList<EvidenceFile>>([]);
        }, ct);

    private Task ActAsync(CurrentUser user, ActorRole role, int requestId, Guid? version,
        Func<RefundRequest, Actor, Task<IReadOnlyList<EvidenceFile>>> move, CancellationToken ct) =>
        ActAsync(user, role, requestId, version, (_, request, actor) => move(request, actor), ct);

    /// <summary>
    /// Counts the write against the person's limit, loads the request for its buyer or seller (or, once escalated, an
    /// arbiter), refuses a stale page (the version it
    /// showed is no longer current; null for additions such as messages that never conflict), applies the move and
    /// saves. A concurrent save between our read and our write fails on the version token.
    /// </summary>
    internal async Task ActAsync(CurrentUser user, ActorRole role, int requestId, Guid? version,
        Func<AppDbContext, RefundRequest, Actor, Task<IReadOnlyList<EvidenceFile>>> move, CancellationToken ct)
    {
        limits.Count(user);
        var (db, request, added) = await MoveAsync(user, role, requestId, version, move, ct);
        await using (db) await SaveAsync(db, request, added, ct);
    }

    private async Task<(AppDbContext Db, RefundRequest Request, IReadOnlyList<EvidenceFile> Added)> MoveAsync(CurrentUser user, ActorRole role,
        int requestId, Guid? version, Func<AppDbContext, RefundRequest, Actor, Task<IReadOnlyList<EvidenceFile>>> move, CancellationToken ct)
    {
        var actor = user.As(role);
        var db = await dbFactory.CreateDbContextAsync(ct);
        try
        {
            var request = await LoadForMoveAsync(db, r => r.Id == requestId
                              && (role == ActorRole.Arbiter ? r.EscalatedAt != null
                                  : role == ActorRole.Buyer ? r.BuyerId == user.Id : r.SellerId == user.Id), ct)
                          ?? throw new NotFoundException();
            if (version is { } seen && request.Version != seen) throw new ConcurrencyConflictException(ChangedBySomeoneElse);
            return (db, request, await move(db, request, actor));
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The default action of a missed deadline, by the system (DESIGN.md section 4). Runs once: the request is read and
    /// written under its version token, so a person acting at the same moment, or a second worker, makes this a no-op.
    /// Returns whether it executed.
    /// </summary>
    public async Task<bool> ExpireAsync(int requestId, CancellationToken ct = default)
    {
        try
        {
            return await ExpireAllAsync([requestId], ct) == 1;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }

    /// <summary>
    /// <see cref="ExpireAsync"/> for a batch of due requests (the deadline worker): read together and expired together
    /// in one transaction, each under its own version token, so the batch lands whole or not at all: when someone acted
    /// on one of them at that moment it throws <see cref="ConcurrencyConflictException"/>, and the caller tries each
    /// request alone. Returns how many executed.
    /// </summary>
    public async Task<int> ExpireAllAsync(IReadOnlyList<int> requestIds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = requestIds.ToList();
        var now = Now;
        var due = (await LoadForMovesAsync(db, r => ids.Contains(r.Id), ct))
            .Where(r => r.DeadlineAt is { } deadline && deadline <= now && r.Status.ExpiresAutomatically())
            .OrderBy(r => ids.IndexOf(r.Id)).ToList();
        if (due.Count == 0) return 0;
        var addresses = await Returns.ReturnAddressService.DefaultsOfAsync(db, [.. due.Select(r => r.SellerId).Distinct()], ct);
        foreach (var request in due) request.Expire(addresses.GetValueOrDefault(request.SellerId), policy, now);
        await SaveAllAsync(db, due, [], ct);
        return due.Count;
    }

    /// <summary>
    /// The reminder before a deadline, to the party who must act, once: the flag is set by a conditional update in the
    /// same transaction as the notification, and without a new version, so it never makes anyone's page stale.
    /// </summary>
    public async Task<bool> RemindAsync(int requestId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.RefundRequests.Include(r => r.Order).AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, ct);
        var now = Now;
        if (request is null || request.ReminderSentAt is not null || request.DeadlineAt is not { } deadline
            || deadline - policy.Reminder > now || deadline <= now || !request.Status.ExpiresAutomatically())
            return false;
        IReadOnlyList<Notification> notifications;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var claimed = await db.RefundRequests
                .Where(r => r.Id == requestId && r.ReminderSentAt == null && r.Version == request.Version)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.ReminderSentAt, now), ct);
            if (claimed == 0) return false;
            notifications = await notifier.AddReminderAsync(db, request, now, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        Announce(hub, outbox, request.Id, notifications);
        return true;
    }

    private static async Task<RefundRequest?> LoadForMoveAsync(AppDbContext db, System.Linq.Expressions.Expression<Func<RefundRequest, bool>> scope,
        CancellationToken ct) =>
        (await LoadForMovesAsync(db, scope, ct)).SingleOrDefault();

    /// <summary>The requests in scope with everything a move reads: lines, evidence, plans, payout, the order and its refunds.</summary>
    private static Task<List<RefundRequest>> LoadForMovesAsync(AppDbContext db, System.Linq.Expressions.Expression<Func<RefundRequest, bool>> scope,
        CancellationToken ct) =>
        db.RefundRequests
            .Include(r => r.Lines).ThenInclude(l => l.OrderLine)
            .Include(r => r.Evidence)
            .Include(r => r.Plans)
            .Include(r => r.Payout)
            .Include(r => r.Order).ThenInclude(o => o.Lines)
            .Include(r => r.Order).ThenInclude(o => o.Refunds).ThenInclude(r => r.Lines)
            .AsSplitQuery()
            .Where(scope)
            .ToListAsync(ct);

    /// <summary>
    /// Saves the change, its timeline events, the notifications and outbox emails they cause and the integration events
    /// for the marketplace in one transaction; once committed, open pages hear of it and the two outbox senders wake.
    /// Files written for a change that does not land are removed again.
    /// </summary>
    private Task SaveAsync(AppDbContext db, RefundRequest request, IReadOnlyList<EvidenceFile> newFiles, CancellationToken ct) =>
        SaveAllAsync(db, [request], newFiles, ct);

    /// <summary>The same for several changed requests at once (the deadline worker's batch): one transaction for all.</summary>
    private async Task SaveAllAsync(AppDbContext db, IReadOnlyList<RefundRequest> requests, IReadOnlyList<EvidenceFile> newFiles, CancellationToken ct)
    {
        var changes = requests.Select(r => (Request: r, Events: (IReadOnlyList<TimelineEvent>)r.Timeline.Where(e => e.Id == 0).ToList())).ToList();
        Dictionary<int, IReadOnlyList<Notification>> notifications;
        bool hooks;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await ChangeOrder.NumberAsync(db, requests, ct);
            await db.SaveChangesAsync(ct);
            notifications = await notifier.AddAsync(db, changes, Now, ct);
            hooks = await integrationEvents.AddAsync(db, [.. changes.Select(c => (c.Request.Id, c.Events))], Now, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            evidence.Delete(newFiles);
            throw new ConcurrencyConflictException(ChangedBySomeoneElse);
        }
        catch (DbUpdateException e) when (Database.IsUniqueViolation(e))
        {
            // The unique payout per request refused a second payout.
            evidence.Delete(newFiles);
            throw new ConcurrencyConflictException(ChangedBySomeoneElse);
        }
        catch
        {
            evidence.Delete(newFiles);
            throw;
        }
        foreach (var (id, added) in notifications) Announce(hub, outbox, id, added);
        if (hooks) webhooks.Wake();
    }

    /// <summary>
    /// What the marketplace's payment system reports for a payout (the integration API). The same report again is a
    /// no-op; a contradicting one throws <see cref="PayoutConflictException"/>. A concurrent change of the refund (a
    /// message, say) is retried, so the report is never lost to it. Returns the refund's id and whether anything changed.
    /// </summary>
    public async Task<(int RefundId, bool Changed)> RecordPayoutResultAsync(Guid payoutId, PayoutStatus result, string? reference,
        CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var request = await LoadForMoveAsync(db, r => r.Payout!.Id == payoutId, ct) ?? throw new NotFoundException();
            if (!request.RecordPayoutResult(result, reference, Now)) return (request.Id, false);
            try
            {
                await SaveAsync(db, request, [], ct);
                return (request.Id, true);
            }
            catch (ConcurrencyConflictException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>After a commit: the live pop-ups, the open pages of this refund, and the outbox.</summary>
    internal static void Announce(INotificationHub hub, OutboxSender outbox, int requestId, IReadOnlyList<Notification> notifications)
    {
        foreach (var n in notifications) hub.PublishToUser(n.UserId, new LiveNotification(n.Id, n.Title, n.Body, n.Link));
        hub.PublishRefundChanged(requestId);
        if (notifications.Count > 0) outbox.Wake();
    }

    /// <summary>Runs a domain move that may refuse; files written for it are removed when it does.</summary>
    internal void Guarded(IReadOnlyList<EvidenceFile> newFiles, Action move)
    {
        try
        {
            move();
        }
        catch
        {
            evidence.Delete(newFiles);
            throw;
        }
    }


    private static async Task<Order> LoadOrderAsync(AppDbContext db, System.Linq.Expressions.Expression<Func<Order, bool>> scope, CancellationToken ct) =>
        await db.Orders
            .Include(o => o.Lines)
            .Include(o => o.Refunds).ThenInclude(r => r.Lines)
            .AsSplitQuery()
            .SingleOrDefaultAsync(scope, ct)
        ?? throw new NotFoundException();

    private async Task<RefundTerms> ToTermsAsync(Order order, RefundForm form, IReadOnlyList<UploadedFile> files, Actor actor, int alreadyAttached,
        CancellationToken ct, bool writeFiles = true)
    {
        var errors = new Dictionary<string, string>(form.MissingAnswers(order.Currency));
        var lines = ToSelections(order, form.Lines, errors);
        var amount = Money.AmountFrom(form.Amount, order.Currency, errors);
        foreach (var (field, message) in evidence.Validate(files, alreadyAttached)) errors.TryAdd(field, message);
        if (errors.Count > 0) throw new RefundValidationException(errors);

        // The files are written now; the domain checks the rest, and the caller removes them if it refuses. A check
        // writes nothing: the domain only counts the files.
        var attached = writeFiles
            ? await SaveEvidenceAsync(files, actor, alreadyAttached, ct)
            : [.. files.Select(f => new EvidenceFile("", f.FileName, "application/octet-stream", f.Length, actor, Now))];
        return new RefundTerms(lines, form.GoodsReceived!.Value, form.Kind!.Value, amount, form.IncludeShipping, form.Reason!.Value,
            form.Description, attached);
    }

    /// <summary>Files for a move: checked by content and written, or refused with nothing written.</summary>
    internal async Task<IReadOnlyList<EvidenceFile>> SaveEvidenceAsync(IReadOnlyList<UploadedFile> files, Actor actor, int alreadyAttached, CancellationToken ct)
    {
        var errors = evidence.Validate(files, alreadyAttached);
        if (errors.Count > 0) throw new RefundValidationException(errors);
        return files.Count == 0 ? [] : await evidence.SaveAsync(files, actor, ct);
    }

    private static List<LineSelection> ToSelections(Order order, IReadOnlyList<LineChoice> choices, Dictionary<string, string> errors)
    {
        var selections = new List<LineSelection>();
        foreach (var choice in choices.Where(c => c.Quantity != 0))
        {
            var line = order.Lines.FirstOrDefault(l => l.Id == choice.OrderLineId);
            if (line is null) errors[Fields.Lines] = UserMessages.ItemNotOnOrder;
            else selections.Add(new LineSelection(line, choice.Quantity));
        }
        if (selections.Count == 0 && !errors.ContainsKey(Fields.Lines)) errors[Fields.Lines] = UserMessages.SelectAnItem;
        return selections;
    }
}
