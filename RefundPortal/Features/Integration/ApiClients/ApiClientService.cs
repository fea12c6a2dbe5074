using Microsoft.EntityFrameworkCore;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Shared;

namespace RefundPortal.Features.Integration.ApiClients;

/// <summary>A client as the admin page lists it: never its key.</summary>
public sealed record ApiClientRow(int Id, string Name, string KeyHint, DateTime CreatedAt, DateTime? RevokedAt);

/// <summary>Creating, listing and revoking API clients (admin), and finding the client behind a key (every API call).</summary>
public sealed class ApiClientService(IDbContextFactory<AppDbContext> dbFactory, AdminAccess admins, TimeProvider clock)
{
    /// <summary>Creates a client; the returned key is shown once and never stored.</summary>
    public async Task<(ApiClientRow Client, string Key)> CreateAsync(CurrentUser admin, string name, CancellationToken ct = default)
    {
        await admins.RequireAsync(admin, ct);
        var clean = name?.Trim() ?? "";
        if (clean.Length == 0) throw new RefundValidationException("name", IntegrationWords.Get("ClientNameMissing"));
        if (clean.Length > ApiClient.MaxNameLength) throw new RefundValidationException("name", IntegrationWords.Format("ClientNameTooLong", ApiClient.MaxNameLength));
        var key = ApiClient.NewKey();
        var client = await AddAsync(clean, key, ct);
        return (Row(client), key);
    }

    /// <summary>A client with a key chosen by the caller: only the Development demo client uses this.</summary>
    internal async Task EnsureAsync(string name, string key, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = ApiClient.Hash(key);
        if (!await db.ApiClients.AnyAsync(c => c.KeyHash == hash, ct)) await AddAsync(name, key, ct);
    }

    public async Task RevokeAsync(CurrentUser admin, int id, CancellationToken ct = default)
    {
        await admins.RequireAsync(admin, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var found = await db.ApiClients.Where(c => c.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.RevokedAt, c => c.RevokedAt ?? now), ct);
        if (found == 0) throw new NotFoundException();
    }

    public async Task<Page<ApiClientRow>> ListAsync(CurrentUser admin, int page, int pageSize = Paging.DefaultPageSize, CancellationToken ct = default)
    {
        await admins.RequireAsync(admin, ct);
        var (skip, take, number, size) = Paging.Window(page, pageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var total = await db.ApiClients.CountAsync(ct);
        var items = await db.ApiClients.AsNoTracking()
            .OrderBy(c => c.RevokedAt != null).ThenByDescending(c => c.Id)
            .Skip(skip).Take(take)
            .Select(c => new ApiClientRow(c.Id, c.Name, c.KeyHint, c.CreatedAt, c.RevokedAt))
            .ToListAsync(ct);
        return new Page<ApiClientRow>(items, total, number, size);
    }

    /// <summary>The active client this key belongs to, or null.</summary>
    public async Task<ApiClientRow?> FindActiveAsync(string key, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 200) return null;
        var hash = ApiClient.Hash(key);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ApiClients.AsNoTracking()
            .Where(c => c.KeyHash == hash && c.RevokedAt == null)
            .Select(c => new ApiClientRow(c.Id, c.Name, c.KeyHint, c.CreatedAt, c.RevokedAt))
            .SingleOrDefaultAsync(ct);
    }

    private async Task<ApiClient> AddAsync(string name, string key, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var client = new ApiClient
        {
            Name = name, KeyHash = ApiClient.Hash(key), KeyHint = ApiClient.Hint(key), CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ApiClients.Add(client);
        await db.SaveChangesAsync(ct);
        return client;
    }

    private static ApiClientRow Row(ApiClient c) => new(c.Id, c.Name, c.KeyHint, c.CreatedAt, c.RevokedAt);
}
