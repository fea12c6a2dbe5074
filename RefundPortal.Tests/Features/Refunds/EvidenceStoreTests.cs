using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Refunds.Evidence;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.OrderFactory;

namespace RefundPortal.Tests.Features.Refunds;

/// <summary>Evidence is typed by its bytes, limited in size and number, and never left on disk for a change that did not land.</summary>
public sealed class EvidenceStoreTests(TestApp app) : IClassFixture<TestApp>
{
    private EvidenceStore Store => app.Get<EvidenceStore>();

    public static TheoryData<string, byte[], string> Accepted => new()
    {
        { "JPEG", Jpeg(), "image/jpeg" },
        { "PNG", Png(), "image/png" },
        { "WebP", WebP(), "image/webp" },
        { "PDF", Pdf(), "application/pdf" },
        { "smallest JPEG", [0xFF, 0xD8, 0xFF], "image/jpeg" },
        { "smallest PDF", "%PDF-"u8.ToArray(), "application/pdf" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void SniffRecognisesTheMagicBytesOfEachAcceptedType(string _, byte[] content, string expected) =>
        Assert.Equal(expected, EvidenceStore.Sniff(content));

    public static TheoryData<string, byte[]> Refused => new()
    {
        { "HTML", Html() },
        { "SVG", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray() },
        { "GIF", "GIF89a\x01\x00\x01\x00"u8.ToArray() },
        { "empty", [] },
        { "PNG cut short", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A] },
        { "RIFF but WAVE", "RIFF\x10\x00\x00\x00WAVEfmt "u8.ToArray() },
        { "PDF without the dash", "%PDF1.7"u8.ToArray() },
        { "text saying JPEG", "\u00FF\u00D8\u00FF"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void SniffRefusesEverythingElse(string _, byte[] content) => Assert.Null(EvidenceStore.Sniff(content));

    [Fact]
    public void ValidateJudgesTheContentNotTheName()
    {
        Assert.Empty(Store.Validate([UploadedFile.FromBytes("scan.txt", Pdf()), UploadedFile.FromBytes("no-extension", Jpeg())]));
        var errors = Store.Validate([UploadedFile.FromBytes("fine.jpg", Jpeg()), UploadedFile.FromBytes("cat.png", Html())]);
        Assert.Equal("\"cat.png\" is not a JPEG, PNG, WebP or PDF file.", Assert.Single(errors, e => e.Key == "Evidence").Value);
    }

    [Fact]
    public void ValidateAcceptsFiveMegabytesAndRefusesOneByteMore()
    {
        using var max = UploadedFile.FromBytes("max.png", Png((int)EvidenceStore.MaxBytes));
        using var big = UploadedFile.FromBytes("big.png", Png((int)EvidenceStore.MaxBytes + 1));
        Assert.Empty(Store.Validate([max]));
        var errors = Store.Validate([big]);
        Assert.Equal("\"big.png\" is larger than 5 MB.", errors["Evidence"]);
    }

    [Fact]
    public void ValidateAcceptsFiveFilesAndRefusesSixOrMoreThanFiveWithThoseAlreadyAttached()
    {
        var five = Enumerable.Range(1, 5).Select(i => Photo($"{i}.png")).ToList();
        Assert.Empty(Store.Validate(five));
        Assert.Contains("Evidence", Store.Validate([.. five, Photo("6.png")]).Keys);
        Assert.Empty(Store.Validate(five.Take(2).ToList(), alreadyAttached: 3));
        Assert.Contains("Evidence", Store.Validate(five.Take(3).ToList(), alreadyAttached: 3).Keys);
    }

    [Fact]
    public void ValidateRefusesAnEmptyFile() =>
        Assert.Equal("\"blank.png\" is empty.", Store.Validate([UploadedFile.FromBytes("blank.png", [])])["Evidence"]);

    [Fact]
    public async Task SavedFilesGetRandomNamesInTheEvidenceFolderAndASafeDisplayName()
    {
        var buyer = await app.UserAsync(BuyerEmail);
        var content = Pdf(1000);

        var saved = Assert.Single(await Store.SaveAsync([UploadedFile.FromBytes("..\\..\\wwwroot/\"inv\u0007oice\".pdf", content)], Actor.Buyer(buyer.Id), default));

        Assert.Equal("invoice.pdf", saved.FileName);
        Assert.Equal(("application/pdf", 1000L, app.Now()), (saved.ContentType, saved.SizeBytes, saved.UploadedAt));
        Assert.Matches("^[0-9a-f]{32}$", saved.StoredName);
        var path = Path.Combine(app.EvidenceFolder, saved.StoredName);
        Assert.Equal(content, await File.ReadAllBytesAsync(path));
        await using (var stream = Store.Open(saved))
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.Equal(content, copy.ToArray());
        }

        Store.Delete([saved]);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task SaveRefusesAnInvalidBatchWithoutWritingAnything()
    {
        var buyer = await app.UserAsync(BuyerEmail);
        var before = app.EvidenceFilesOnDisk();

        var refused = await Assert.ThrowsAsync<RefundValidationException>(() =>
            Store.SaveAsync([Photo("ok.png"), UploadedFile.FromBytes("page.png", Html())], Actor.Buyer(buyer.Id), default));

        Assert.Contains("Evidence", refused.Errors.Keys);
        Assert.Equal(before.Order(), app.EvidenceFilesOnDisk().Order());
    }

    [Fact]
    public async Task AnHtmlPageNamedPngIsRefusedOnTheEvidenceFieldAndNothingIsSaved()
    {
        var (buyer, order) = await DeliveredOrderAsync();
        var before = app.EvidenceFilesOnDisk();

        var refused = await Assert.ThrowsAsync<RefundValidationException>(() =>
            app.Refunds().ApplyAsync(buyer, order.Id, ReturnAndRefund(order), [Photo("real.png"), UploadedFile.FromBytes("photo.png", Html())]));

        Assert.Equal("\"photo.png\" is not a JPEG, PNG, WebP or PDF file.", refused.Errors["Evidence"]);
        await AssertNothingSavedAsync(order, before);
    }

    [Fact]
    public async Task AFileAboveFiveMegabytesIsRefusedAndNothingIsSaved()
    {
        var (buyer, order) = await DeliveredOrderAsync();
        var before = app.EvidenceFilesOnDisk();

        using var huge = UploadedFile.FromBytes("huge.jpg", Jpeg((int)EvidenceStore.MaxBytes + 1));

        var refused = await Assert.ThrowsAsync<RefundValidationException>(() => app.Refunds().ApplyAsync(buyer, order.Id, ReturnAndRefund(order), [huge]));

        Assert.Contains("larger than 5 MB", refused.Errors["Evidence"]);
        await AssertNothingSavedAsync(order, before);
    }

    [Fact]
    public async Task MoreThanFiveFilesAreRefusedAndNothingIsSaved()
    {
        var (buyer, order) = await DeliveredOrderAsync();
        var before = app.EvidenceFilesOnDisk();

        var refused = await Assert.ThrowsAsync<RefundValidationException>(() => app.Refunds().ApplyAsync(buyer, order.Id, ReturnAndRefund(order),
            Enumerable.Range(1, 6).Select(i => Photo($"{i}.png")).ToList()));

        Assert.Equal("Add at most 5 evidence files.", refused.Errors["Evidence"]);
        await AssertNothingSavedAsync(order, before);
    }

    [Fact]
    public async Task FilesAddedOnModifyCountWithThoseAlreadyAttached()
    {
        var (buyer, order) = await DeliveredOrderAsync();
        var id = await app.Refunds().ApplyAsync(buyer, order.Id, ReturnAndRefund(order), [Photo("1.png"), Photo("2.png"), Photo("3.png")]);
        var before = await app.SnapshotAsync(id);

        var refused = await Assert.ThrowsAsync<RefundValidationException>(() => app.Refunds().ModifyAsync(buyer, id, before.Version, ReturnAndRefund(order),
            [Photo("4.png"), Photo("5.png"), Photo("6.png")]));
        Assert.Contains("Evidence", refused.Errors.Keys);
        Assert.Equal(before, await app.SnapshotAsync(id));

        await app.Refunds().ModifyAsync(buyer, id, before.Version, ReturnAndRefund(order), [Photo("4.png"), Photo("5.png")]);
        var saved = await app.LoadAsync(id);
        Assert.Equal(["1.png", "2.png", "3.png", "4.png", "5.png"], saved.Evidence.OrderBy(e => e.Id).Select(e => e.FileName));
        Assert.All(saved.Evidence, e => Assert.True(File.Exists(Path.Combine(app.EvidenceFolder, e.StoredName))));
    }

    [Fact]
    public async Task FilesOfASuccessfulApplicationAreOnDiskAndThoseOfARefusedOneAreDeleted()
    {
        var (buyer, order) = await DeliveredOrderAsync();
        var before = app.EvidenceFilesOnDisk();

        // Accepted files, but the domain refuses the amount after they were written: they must go again.
        await Assert.ThrowsAsync<RefundValidationException>(() =>
            app.Refunds().ApplyAsync(buyer, order.Id, ReturnAndRefund(order, 999m), [Photo("a.png"), UploadedFile.FromBytes("b.webp", WebP())]));
        Assert.Equal(before.Order(), app.EvidenceFilesOnDisk().Order());

        var id = await app.Refunds().ApplyAsync(buyer, order.Id, ReturnAndRefund(order), [Photo("a.png"), UploadedFile.FromBytes("b.webp", WebP())]);
        var saved = await app.LoadAsync(id);
        Assert.Equal(2, saved.Evidence.Count);
        var written = saved.Evidence.Select(e => Path.Combine(app.EvidenceFolder, e.StoredName)).ToList();
        Assert.All(written, path => Assert.True(File.Exists(path)));
        Assert.Equal(before.Concat(written).Order(), app.EvidenceFilesOnDisk().Order());

        // A second application on the same line is refused after its files were written: they are deleted too.
        await Assert.ThrowsAsync<ActiveRefundExistsException>(() =>
            app.Refunds().ApplyAsync(buyer, order.Id, ReturnAndRefund(order), [Photo("again.png")]));
        Assert.Equal(before.Concat(written).Order(), app.EvidenceFilesOnDisk().Order());
    }

    [Fact]
    public async Task ASellersEvidenceOnARefusalThatFailsIsDeleted()
    {
        var (buyer, order) = await DeliveredOrderAsync();
        var seller = await app.UserAsync(SellerEmail);
        var id = await app.ApplyReturnAsync(buyer, order);
        var before = await app.SnapshotAsync(id);

        await Assert.ThrowsAsync<RefundValidationException>(() =>
            app.Refunds().RefuseAsync(seller, id, before.Version, "", [UploadedFile.FromBytes("proof.pdf", Pdf())]));
        await Assert.ThrowsAsync<RefundValidationException>(() =>
            app.Refunds().RefuseAsync(seller, id, before.Version, "Fine.", [UploadedFile.FromBytes("proof.png", Html())]));
        await Assert.ThrowsAsync<RefundValidationException>(() =>
            app.Refunds().RefuseAsync(seller, id, before.Version, "Fine.", Enumerable.Range(1, 5).Select(i => Photo($"{i}.png")).ToList()));

        Assert.Equal(before, await app.SnapshotAsync(id));
    }

    [Fact]
    public async Task FilesWrittenBeforeTheRequestIsCancelledMidBatchAreDeleted()
    {
        var buyer = await app.UserAsync(BuyerEmail);
        // Every read of this clock takes a second and the request gives up after one: it is cancelled as soon as the
        // store has written and stamped its first file.
        var clock = new FakeTimeProvider(app.Clock.GetUtcNow()) { AutoAdvanceAmount = TimeSpan.FromSeconds(1) };
        using var request = new CancellationTokenSource(TimeSpan.FromSeconds(1), clock);
        var store = new EvidenceStore(app.Configuration, app.Environment, clock);
        var before = app.EvidenceFilesOnDisk();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            store.SaveAsync([Photo("1.png"), Photo("2.png"), Photo("3.png")], Actor.Buyer(buyer.Id), request.Token));

        Assert.Equal(before.Order(), app.EvidenceFilesOnDisk().Order());
    }

    [Fact]
    public async Task EvidenceOfAChangeTheDatabaseFailsToSaveIsDeleted()
    {
        var (buyer, order) = await DeliveredOrderAsync();
        var seller = await app.UserAsync(SellerEmail);
        var id = await app.ApplyReturnAsync(buyer, order);
        var before = await app.SnapshotAsync(id);
        var files = app.EvidenceFilesOnDisk();

        // The notifications saved with the refusal cannot be written, so the transaction rolls back after the files were.
        await using (await TableOutage.StartAsync(app, "Notifications"))
            await Assert.ThrowsAsync<DbUpdateException>(() =>
                app.Refunds().RefuseAsync(seller, id, before.Version, "It was used.", [Photo("proof.png"), UploadedFile.FromBytes("proof.pdf", Pdf())]));

        Assert.Equal(files.Order(), app.EvidenceFilesOnDisk().Order());
        Assert.Equal(before, await app.SnapshotAsync(id));
    }

    private async Task<(CurrentUser Buyer, Order Order)> DeliveredOrderAsync()
    {
        var buyer = await app.UserAsync(BuyerEmail);
        var seller = await app.UserAsync(SellerEmail);
        return (buyer, await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered));
    }

    private async Task AssertNothingSavedAsync(Order order, string[] filesBefore)
    {
        Assert.Equal(filesBefore.Order(), app.EvidenceFilesOnDisk().Order());
        await using var db = app.NewDb();
        Assert.False(await db.RefundRequests.AnyAsync(r => r.OrderId == order.Id));
        Assert.Equal(order.Version, await db.Orders.Where(o => o.Id == order.Id).Select(o => o.Version).SingleAsync());
    }
}
