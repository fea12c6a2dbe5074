using Microsoft.EntityFrameworkCore;
using RefundPortal.Data;

namespace RefundPortal.Features.Accounts;

/// <summary>
/// The Admin role as the database holds it now, checked by every admin service call: a role taken away stops the next
/// call even from a page that opened while the person was still an admin.
/// </summary>
public sealed class AdminAccess(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task RequireAsync(CurrentUser user, CancellationToken ct)
    {
        user.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await IsAdminAsync(db, user.Id, ct)) throw new ForbiddenException(AccountsText.Get("Forbidden_NeedsAdmin"));
    }

    public static Task<bool> IsAdminAsync(AppDbContext db, string userId, CancellationToken ct) =>
        (from ur in db.UserRoles
         join r in db.Roles on ur.RoleId equals r.Id
         where ur.UserId == userId && r.Name == Roles.Admin
         select ur).AnyAsync(ct);
}
