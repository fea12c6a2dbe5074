using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RefundPortal.Data;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Refunds.Evidence;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.OrderFactory;

namespace RefundPortal.Tests.Data;

/// <summary>A portal started on a restored database and evidence folder.</summary>
internal sealed class RestoredApp(string databasePath, string evidenceFolder) : TestApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("ConnectionStrings:RefundPortal", $"Data Source={databasePath}"),
        new("Evidence:Directory", evidenceFolder),
    ];
}

public sealed class BackupTests(TestApp app) : IClassFixture<TestApp>, IDisposable
{
    private readonly string scratch = Path.Combine(Path.GetTempPath(), "refundportal-backup", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(scratch, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task ARestoredBackupServesTheSameRefundWithItsEvidence()
    {
        var (buyer, seller) = (await app.BuyerAsync(), await app.SellerAsync());
        var order = await app.PlaceOrderAsync(buyer, seller);
        var id = await app.ApplyReturnAsync(buyer, order);

        var backup = await ActivatorUtilities.CreateInstance<Backup>(app.Services).CreateAsync(Path.Combine(scratch, "backup"));
        var database = Path.Combine(scratch, "restored", "refundportal.db");
        var evidence = Path.Combine(scratch, "restored", "evidence");
        var restored = Backup.Restore(backup.Folder, database, evidence);

        var fresh = new RestoredApp(database, evidence);
        await fresh.InitializeAsync();
        try
        {
            var view = await fresh.Get<RefundQueries>().DetailsAsync(await fresh.BuyerAsync(), id);
            Assert.NotNull(view);
            var file = Assert.Single(view.Evidence);
            await using var db = fresh.NewDb();
            var stored = await db.Set<RefundPortal.Domain.EvidenceFile>().SingleAsync(e => e.Id == file.Id);
            await using var bytes = fresh.Get<EvidenceStore>().Open(stored);
            using var copy = new MemoryStream();
            await bytes.CopyToAsync(copy);
            Assert.Equal(Png(), copy.ToArray());
            Assert.True(backup.EvidenceFiles >= 1);
            Assert.Equal(backup.EvidenceFiles, restored.EvidenceFiles);
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    [Fact]
    public async Task ABackupNeverWritesIntoAFolderInUseAndARestoreNeverOverwritesADatabase()
    {
        var backup = await ActivatorUtilities.CreateInstance<Backup>(app.Services).CreateAsync(Path.Combine(scratch, "once"));
        var live = Path.Combine(scratch, "live.db");
        await File.WriteAllTextAsync(live, "live data");

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ActivatorUtilities.CreateInstance<Backup>(app.Services).CreateAsync(backup.Folder));
        Assert.Throws<InvalidOperationException>(() => Backup.Restore(backup.Folder, live, Path.Combine(scratch, "evidence")));
        Assert.Equal("live data", await File.ReadAllTextAsync(live));
    }
}
