using Microsoft.EntityFrameworkCore;
using RefundPortal.Data;
using RefundPortal.Features.Notifications.Email;

namespace RefundPortal.Features.Shared;

/// <summary>How a user is shown to others and addressed in email; <paramref name="TimeZoneId"/> is the zone they chose (null: none).</summary>
public sealed record Person(string Id, string Name, string Email, string? TimeZoneId = null);

public static class People
{
    /// <summary>The people behind these ids (nulls and repeats ignored), in one query.</summary>
    public static async Task<Dictionary<string, Person>> LoadAsync(AppDbContext db, IEnumerable<string?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<string>().Distinct().ToList();
        var people = await db.Users.Where(u => wanted.Contains(u.Id))
            .Select(u => new Person(u.Id, u.DisplayName, u.Email ?? "", u.TimeZoneId))
            .ToListAsync(ct);
        // No address where mail cannot go (a deleted account's placeholder): nothing is shown, nothing is queued.
        return people.ToDictionary(p => p.Id, p => EmailAddresses.IsDeliverable(p.Email) ? p : p with { Email = "" });
    }
}
