using Microsoft.EntityFrameworkCore;
using RefundPortal.Data;
using RefundPortal.Features.Accounts;

namespace RefundPortal.Features.Languages;

/// <summary>The language a signed-in person chose, stored on their account so it follows them to every device.</summary>
public sealed class LanguagePreference(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The user's chosen language tag, or null when they never chose one.</summary>
    public async Task<string?> GetAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.Users.Where(u => u.Id == userId).Select(u => u.Language).SingleOrDefaultAsync(ct);
        return Languages.Match(stored);
    }

    /// <summary>Stores the choice; a tag the portal does not offer changes nothing and returns false.</summary>
    public async Task<bool> SetAsync(CurrentUser user, string? tag, CancellationToken ct = default)
    {
        if (Languages.Match(tag) is not { } language) return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, language), ct);
        return true;
    }
}
