using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Refunds.Evidence;

namespace RefundPortal.Features.Refunds.Apply;

/// <summary>A draft found again: its answers, its files as new uploads the page holds, and when it was last saved.</summary>
public sealed record RestoredDraft(DraftAnswers Answers, IReadOnlyList<UploadedFile> Files, DateTime SavedAt);

/// <summary>
/// Keeps the buyer's unsubmitted application (<see cref="ApplicationDraft"/>). Files are copied under random names into
/// <see cref="Folder"/>; a file is copied once per page and
/// deleted from there when the buyer removes it, submits or discards. Scoped: one instance per page's circuit remembers
/// which of its uploads are already kept.
/// </summary>
public sealed class ApplicationDrafts(IDbContextFactory<AppDbContext> dbFactory, EvidenceStore store, TimeProvider clock, ILogger<ApplicationDrafts> logger)
{
    /// <summary>A draft nobody touched for this long is deleted with its files.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(30);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Uploads of this page already copied into the drafts folder, and under which name.</summary>
    private readonly Dictionary<UploadedFile, string> kept = [];

    /// <summary>
    /// Beside the evidence folder (on the disk every node shares), not in it: drafts are no evidence, and a backup of the
    /// evidence need not carry them.
    /// </summary>
    public string Folder => store.Folder.TrimEnd(Path.DirectorySeparatorChar) + "-drafts";

    /// <summary>The buyer's draft for the order (for the request when modifying one), or null.</summary>
    public async Task<RestoredDraft?> LoadAsync(string userId, int orderId, int? requestId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.ApplicationDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.UserId == userId && d.OrderId == orderId, ct);
        if (row is null || row.RequestId != requestId || Read(row.Answers) is not { } answers) return null;

        var files = new List<UploadedFile>();
        foreach (var file in answers.Files.Take(RefundRequest.MaxEvidenceFiles))
        {
            // A file lost from the disk (or removed by the same buyer's other tab) is left out, not an error.
            if (PathOf(file.StoredName) is not { } path || !File.Exists(path)) continue;
            await using var stream = File.OpenRead(path);
            var upload = await store.ReceiveAsync(stream, file.FileName, ct);
            kept[upload] = file.StoredName;
            files.Add(upload);
        }
        return new RestoredDraft(answers, files, row.UpdatedAt);
    }

    /// <summary>
    /// Saves the answers and files as the buyer's draft for the order, replacing the one before. At most five files of at
    /// most 5 MB are kept, as the form itself allows; what the buyer removed is deleted from the drafts folder.
    /// </summary>
    public async Task SaveAsync(string userId, int orderId, int? requestId, int step, RefundForm form, bool amountEdited,
        IReadOnlyList<UploadedFile> files, CancellationToken ct = default)
    {
        var keptFiles = new List<DraftFile>();
        foreach (var file in files.Where(f => f.Length <= EvidenceStore.MaxBytes).Take(RefundRequest.MaxEvidenceFiles))
        {
            if (!kept.TryGetValue(file, out var stored))
            {
                stored = await CopyAsync(file, ct);
                kept[file] = stored;
            }
            keptFiles.Add(new DraftFile(stored, file.FileName, file.Length));
        }
        var answers = JsonSerializer.Serialize(new DraftAnswers(step, form, amountEdited, keptFiles), Json);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.ApplicationDrafts.SingleOrDefaultAsync(d => d.UserId == userId && d.OrderId == orderId, ct);
        var before = row is null ? [] : Read(row.Answers)?.Files ?? [];
        if (row is null)
        {
            row = new ApplicationDraft { UserId = userId, OrderId = orderId };
            db.ApplicationDrafts.Add(row);
        }
        row.RequestId = requestId;
        row.Answers = answers;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.Entry(row).State == EntityState.Added)
        {
            // The buyer's other tab created the draft a moment ago: this save replaces it.
            await db.ApplicationDrafts.Where(d => d.UserId == userId && d.OrderId == orderId)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.RequestId, requestId).SetProperty(d => d.Answers, answers)
                    .SetProperty(d => d.UpdatedAt, row.UpdatedAt), ct);
        }

        var now = keptFiles.Select(f => f.StoredName).ToHashSet();
        DeleteFiles(before.Where(f => !now.Contains(f.StoredName)));
        foreach (var gone in kept.Where(k => !now.Contains(k.Value)).Select(k => k.Key).ToList()) kept.Remove(gone);
    }

    /// <summary>Deletes the buyer's draft for the order and its files (after a submit, or when the buyer discards it).</summary>
    public async Task DiscardAsync(string userId, int orderId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.ApplicationDrafts.Where(d => d.UserId == userId && d.OrderId == orderId).ToListAsync(ct);
        await DeleteAsync(db, rows, ct);
        kept.Clear();
    }

    /// <summary>Deletes every draft of the user (the account is closed).</summary>
    public async Task DiscardAllAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await DeleteAsync(db, await db.ApplicationDrafts.Where(d => d.UserId == userId).ToListAsync(ct), ct);
    }

    /// <summary>Deletes drafts untouched for <see cref="KeptFor"/>, a batch at a time; returns how many went.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct = default)
    {
        var before = clock.GetUtcNow().UtcDateTime - KeptFor;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stale = await db.ApplicationDrafts.Where(d => d.UpdatedAt < before).OrderBy(d => d.Id).Take(500).ToListAsync(ct);
        await DeleteAsync(db, stale, ct);
        return stale.Count;
    }

    private async Task DeleteAsync(AppDbContext db, List<ApplicationDraft> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        db.ApplicationDrafts.RemoveRange(rows);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Deleted meanwhile by another tab or node: the files may still be there, and go below.
        }
        // Files go after the rows: a crash in between leaves files no draft names, never a draft without its files.
        DeleteFiles(rows.SelectMany(r => Read(r.Answers)?.Files ?? []));
    }

    private async Task<string> CopyAsync(UploadedFile file, CancellationToken ct)
    {
        // The uploads' own rule for a new file: a random name in a folder only this process's user may read.
        var path = UploadedFile.NewPath(Folder);
        try
        {
            await using var source = file.OpenRead();
            await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await source.CopyToAsync(target, ct);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        return Path.GetFileName(path);
    }

    private void DeleteFiles(IEnumerable<DraftFile> files)
    {
        foreach (var file in files)
        {
            if (PathOf(file.StoredName) is not { } path) continue;
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(e, "Could not delete the draft file {StoredName}.", file.StoredName);
            }
        }
    }

    /// <summary>The file's path; null for a name that is not one this service made (32 lower-case hex digits).</summary>
    private string? PathOf(string storedName) =>
        storedName.Length == 32 && storedName.All(char.IsAsciiHexDigitLower) ? Path.Combine(Folder, storedName) : null;

    private static DraftAnswers? Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<DraftAnswers>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Deletes abandoned drafts once an hour.</summary>
public sealed class DraftPurge(IServiceScopeFactory scopes, StartupGate startup, ILogger<DraftPurge> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await startup.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var drafts = scope.ServiceProvider.GetRequiredService<ApplicationDrafts>();
                while (await drafts.PurgeAsync(stoppingToken) == 500) { }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Deleting abandoned application drafts failed; trying again in an hour.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
