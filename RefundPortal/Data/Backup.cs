using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RefundPortal.Features.Refunds.Evidence;

namespace RefundPortal.Data;

/// <summary>What a backup folder holds.</summary>
public sealed record BackupSummary(string Folder, long DatabaseBytes, int EvidenceFiles);

/// <summary>
/// Online backup and offline restore of all a portal keeps: the SQLite database and the evidence files, in one folder.
/// The database is copied with <c>VACUUM INTO</c>, a consistent snapshot taken while the app keeps serving.
/// </summary>
public sealed class Backup(IDbContextFactory<AppDbContext> dbFactory, EvidenceStore evidence)
{
    public const string DatabaseFile = "refundportal.db";
    public const string EvidenceFolder = "evidence";

    public async Task<BackupSummary> CreateAsync(string folder, CancellationToken ct = default)
    {
        folder = Path.GetFullPath(folder);
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            throw new InvalidOperationException($"{folder} is not empty: back up into a new folder.");
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, DatabaseFile);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            await db.Database.ExecuteSqlRawAsync("VACUUM INTO {0}", [database], ct);
        // After the snapshot: every file a copied row names was written before that row committed, so none is missing.
        var files = CopyFiles(evidence.Folder, Path.Combine(folder, EvidenceFolder), overwrite: false);
        return new BackupSummary(folder, new FileInfo(database).Length, files);
    }

    /// <summary>
    /// Puts a backup in place for a portal that is not running: the database file at <paramref name="databasePath"/>
    /// (which must not exist yet, so nothing is overwritten by mistake) and the evidence files into their folder.
    /// </summary>
    public static BackupSummary Restore(string folder, string databasePath, string evidenceFolder)
    {
        folder = Path.GetFullPath(folder);
        var source = Path.Combine(folder, DatabaseFile);
        if (!File.Exists(source)) throw new InvalidOperationException($"{folder} holds no {DatabaseFile}: it is not a backup.");
        if (File.Exists(databasePath))
            throw new InvalidOperationException($"{databasePath} exists: move it away first, so a restore never overwrites live data.");
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        File.Copy(source, databasePath);
        foreach (var stale in new[] { "-wal", "-shm" }.Select(s => databasePath + s).Where(File.Exists)) File.Delete(stale);
        var files = CopyFiles(Path.Combine(folder, EvidenceFolder), evidenceFolder, overwrite: false);
        using (var check = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False"))
        {
            check.Open();
            using var command = check.CreateCommand();
            command.CommandText = "PRAGMA integrity_check;";
            if (command.ExecuteScalar() as string != "ok") throw new InvalidOperationException("The restored database fails SQLite's integrity check.");
        }
        return new BackupSummary(folder, new FileInfo(databasePath).Length, files);
    }

    private static int CopyFiles(string from, string to, bool overwrite)
    {
        Directory.CreateDirectory(to);
        if (!Directory.Exists(from)) return 0;
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(from))
        {
            var target = Path.Combine(to, Path.GetFileName(file));
            if (!overwrite && File.Exists(target)) continue;
            File.Copy(file, target, overwrite);
            count++;
        }
        return count;
    }
}
