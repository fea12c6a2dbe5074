using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Notifications;
using RefundPortal.Features.Shared;

namespace RefundPortal.Features.Admin;

public sealed record UserRow(string Id, string Email, string Name, IReadOnlyList<string> Roles, string? ExternalId);

/// <summary>
/// People and their roles, for admins: a search over email and name, paged on the server, and granting or taking away
/// Seller, Arbiter and Admin. Each change runs on a fresh Identity scope; the person's next request carries the new
/// roles (the session check reads them) and their open pages are told at once, without signing them out.
/// </summary>
public sealed class UserAdmin(IDbContextFactory<AppDbContext> dbFactory, IServiceScopeFactory scopes, AdminAccess admins, INotificationHub hub)
{
    /// <summary>Serialises changes of the Admin role on PostgreSQL (SQLite's write transactions already run one at a time).</summary>
    private const long AdminRoleLockKey = 0x5250_4144_4D49_4E; // "RPADMIN"

    public async Task<Page<UserRow>> ListAsync(CurrentUser admin, string? search, int page, int pageSize = Paging.DefaultPageSize,
        CancellationToken ct = default)
    {
        await admins.RequireAsync(admin, ct);
        var (skip, take, number, size) = Paging.Window(page, pageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = Paging.Contains(search);
            users = users.Where(u => EF.Functions.Like(u.Email!.ToLower(), pattern, "\\") || EF.Functions.Like(u.DisplayName.ToLower(), pattern, "\\"));
        }
        var total = await users.CountAsync(ct);
        var rows = await users.OrderBy(u => u.Email).Skip(skip).Take(take)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.ExternalId }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        var items = rows.Select(u => new UserRow(u.Id, u.Email ?? "", u.DisplayName,
            [.. roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).OrderBy(n => Array.IndexOf(Roles.All, n))],
            u.ExternalId)).ToList();
        return new Page<UserRow>(items, total, number, size);
    }

    /// <summary>Grants or takes away one of <see cref="Roles.Granted"/>. The portal never loses its last admin, and no admin removes their own.</summary>
    public async Task SetRoleAsync(CurrentUser admin, string userId, string role, bool granted, CancellationToken ct = default)
    {
        admin.RequireAdmin();
        if (!Roles.Granted.Contains(role))
            throw new DomainException(AdminWords.Format("OnlyGranted", string.Join(AdminWords.Get("ListSeparator"), Roles.Granted.Select(AdminWords.Role))));
        if (!granted && role == Roles.Admin && userId == admin.Id) throw new DomainException(AdminWords.Get("OwnAdminRole"));
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // The acting admin's own role, the count of admins and the change in one transaction, one at a time: two admins
        // taking each other's role at the same instant cannot both succeed and leave the portal without one.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdminRoleLockKey})", ct);
        if (!await AdminAccess.IsAdminAsync(db, admin.Id, ct)) throw new ForbiddenException(AccountsText.Get("Forbidden_NeedsAdmin"));
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException();
        if (await users.IsInRoleAsync(user, role) == granted) return;
        if (!granted && role == Roles.Admin && (await users.GetUsersInRoleAsync(Roles.Admin)).Count <= 1)
            throw new DomainException(AdminWords.Get("LastAdmin"));
        var result = granted ? await users.AddToRoleAsync(user, role) : await users.RemoveFromRoleAsync(user, role);
        if (!result.Succeeded) throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
        await transaction.CommitAsync(ct);
        hub.PublishAccessChanged(user.Id);
    }
}
