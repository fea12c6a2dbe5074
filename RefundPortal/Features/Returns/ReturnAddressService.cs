using Microsoft.EntityFrameworkCore;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Shared;

namespace RefundPortal.Features.Returns;

public sealed record ReturnAddressView(int Id, AddressSnapshot Address, bool IsDefault);

/// <summary>The seller's return address book. A request keeps its own copy, so edits here never change a request.</summary>
public sealed class ReturnAddressService(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>A seller's book is small (a handful of warehouses), so it is capped rather than paged.</summary>
    public const int MaxAddresses = 20;

    public async Task<IReadOnlyList<ReturnAddressView>> ListAsync(CurrentUser user, CancellationToken ct = default)
    {
        user.As(ActorRole.Seller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var addresses = await db.ReturnAddresses.AsNoTracking().Where(a => a.SellerId == user.Id)
            .OrderByDescending(a => a.IsDefault).ThenBy(a => a.Id).Take(MaxAddresses).ToListAsync(ct);
        return addresses.Select(a => new ReturnAddressView(a.Id, a.Snapshot(), a.IsDefault)).ToList();
    }

    public async Task<int> AddAsync(CurrentUser user, AddressSnapshot address, bool makeDefault, CancellationToken ct = default)
    {
        user.As(ActorRole.Seller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var book = await db.ReturnAddresses.Where(a => a.SellerId == user.Id).ToListAsync(ct);
        if (book.Count >= MaxAddresses) throw new DomainException(ReturnWords.Format("TooManyAddresses", MaxAddresses));
        var entry = new ReturnAddress(user.Id, address, isDefault: makeDefault || book.Count == 0);
        if (entry.IsDefault) book.ForEach(a => a.SetDefault(false));
        db.ReturnAddresses.Add(entry);
        await db.SaveChangesAsync(ct);
        return entry.Id;
    }

    public async Task UpdateAsync(CurrentUser user, int id, AddressSnapshot address, CancellationToken ct = default)
    {
        user.As(ActorRole.Seller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entry = await db.ReturnAddresses.SingleOrDefaultAsync(a => a.Id == id && a.SellerId == user.Id, ct) ?? throw new NotFoundException();
        entry.Update(address);
        await db.SaveChangesAsync(ct);
    }

    public async Task SetDefaultAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        user.As(ActorRole.Seller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var book = await db.ReturnAddresses.Where(a => a.SellerId == user.Id).ToListAsync(ct);
        if (book.All(a => a.Id != id)) throw new NotFoundException();
        book.ForEach(a => a.SetDefault(a.Id == id));
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        user.As(ActorRole.Seller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var book = await db.ReturnAddresses.Where(a => a.SellerId == user.Id).OrderBy(a => a.Id).ToListAsync(ct);
        var entry = book.SingleOrDefault(a => a.Id == id) ?? throw new NotFoundException();
        db.ReturnAddresses.Remove(entry);
        if (entry.IsDefault) book.FirstOrDefault(a => a != entry)?.SetDefault(true);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The address a silent seller's request, or an accepted plan, sends the return to.</summary>
    public static async Task<AddressSnapshot?> DefaultOfAsync(AppDbContext db, string sellerId, CancellationToken ct) =>
        (await DefaultsOfAsync(db, [sellerId], ct)).GetValueOrDefault(sellerId);

    /// <summary><see cref="DefaultOfAsync"/> for several sellers in one query (the deadline worker's batch).</summary>
    public static async Task<Dictionary<string, AddressSnapshot>> DefaultsOfAsync(AppDbContext db, IReadOnlyList<string> sellerIds, CancellationToken ct)
    {
        var entries = await db.ReturnAddresses.AsNoTracking().Where(a => sellerIds.Contains(a.SellerId)).ToListAsync(ct);
        return entries.GroupBy(a => a.SellerId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.IsDefault).ThenBy(a => a.Id).First().Snapshot());
    }
}
