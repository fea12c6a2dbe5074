using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RefundPortal.Data;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Shared;

namespace RefundPortal.Features.Notifications;

public sealed record NotificationView(long Id, string Title, string Body, string Link, DateTime CreatedAt, bool IsRead);

/// <summary>The signed-in user's own notifications and email preferences.</summary>
public sealed class NotificationService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, IStringLocalizer<NotificationText> T)
{
    public async Task<int> UnreadCountAsync(CurrentUser user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.CountAsync(n => n.UserId == user.Id && n.ReadAt == null, ct);
    }

    public async Task<Page<NotificationView>> PageAsync(CurrentUser user, int page, int pageSize = Paging.DefaultPageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mine = db.Notifications.Where(n => n.UserId == user.Id);
        var total = await mine.CountAsync(ct);
        var (skip, take, number, size) = Paging.Window(page, pageSize);
        var items = await mine.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Skip(skip).Take(take)
            .Select(n => new NotificationView(n.Id, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt != null)).ToListAsync(ct);
        return new Page<NotificationView>(items, total, number, size);
    }

    public async Task MarkReadAsync(CurrentUser user, long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.Id == id && n.UserId == user.Id && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    public async Task MarkAllReadAsync(CurrentUser user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.UserId == user.Id && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    public async Task<IReadOnlySet<string>> EmailOptOutsAsync(CurrentUser user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.EmailOptOuts.Where(o => o.UserId == user.Id).Select(o => o.Kind).ToListAsync(ct)).ToHashSet();
    }

    public async Task SetEmailAsync(CurrentUser user, string kind, bool enabled, CancellationToken ct = default)
    {
        if (!RefundNotifier.EmailKinds.Contains(kind)) throw new Domain.DomainException(T["UnknownKind"]);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.EmailOptOuts.FindAsync([user.Id, kind], ct);
        if (enabled && existing is not null) db.EmailOptOuts.Remove(existing);
        if (!enabled && existing is null) db.EmailOptOuts.Add(new EmailOptOut { UserId = user.Id, Kind = kind });
        await db.SaveChangesAsync(ct);
    }
}
