using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Refunds.Apply;
using RefundPortal.Features.Refunds.Evidence;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Refunds;

/// <summary>
/// <see cref="ApplicationDrafts"/> on a real database and disk: an unsubmitted application comes back with its files
/// for its own buyer and order only, and nothing of it is left once it is submitted, discarded, abandoned or the
/// account is closed. Each scope stands for one page (a tab).
/// </summary>
public sealed class ApplicationDraftsTests(TestApp app) : IClassFixture<TestApp>
{
    private static RefundForm Form(int lineId, string description) =>
        new([new LineChoice(lineId, 1)], true, RefundKind.RefundOnly, 12.5m, false, RefundReason.WrongItem, description);

    private async Task<T> InPageAsync<T>(Func<ApplicationDrafts, Task<T>> use)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<ApplicationDrafts>());
    }

    private Task InPageAsync(Func<ApplicationDrafts, Task> use) => InPageAsync(async d => { await use(d); return 0; });

    private string DraftFolder => app.EvidenceFolder + "-drafts";

    private int FilesKept => Directory.Exists(DraftFolder) ? Directory.GetFiles(DraftFolder).Length : 0;

    [Fact]
    public async Task ADraftComesBackInAnotherPageWithItsAnswersStepAndFiles()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = await app.PlaceOrderAsync(buyer, seller);
        var form = Form(order.Lines[0].Id, "The colour is wrong.");
        using var photo = UploadedFile.FromBytes("photo.png", SampleFiles.Png);
        var filesBefore = FilesKept;

        await InPageAsync(d => d.SaveAsync(buyer.Id, order.Id, null, 1, form, amountEdited: true, [photo]));

        var restored = await InPageAsync(d => d.LoadAsync(buyer.Id, order.Id, null));
        Assert.NotNull(restored);
        using var files = new Uploads();
        foreach (var file in restored.Files) files.Add(file);
        Assert.Equal((1, true, app.Now()), (restored.Answers.Step, restored.Answers.AmountEdited, restored.SavedAt));
        Assert.Equal(form with { Lines = [] }, restored.Answers.Form with { Lines = [] });
        Assert.Equal(form.Lines, restored.Answers.Form.Lines);
        var back = Assert.Single(files);
        Assert.Equal(("photo.png", SampleFiles.Png.LongLength), (back.FileName, back.Length));
        Assert.Equal(SampleFiles.Png, await File.ReadAllBytesAsync(back.TempPath));
        // The page holds its own copy: the kept one stays until the draft goes.
        Assert.Equal(filesBefore + 1, FilesKept);
    }

    [Fact]
    public async Task NobodyElseAndNoOtherOrderOrModificationFindsTheDraft()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var other = await app.NewUserAsync("buyer", Roles.Buyer);
        var order = await app.PlaceOrderAsync(buyer, seller);
        var second = await app.PlaceOrderAsync(buyer, seller);
        await InPageAsync(d => d.SaveAsync(buyer.Id, order.Id, null, 0, Form(order.Lines[0].Id, "Mine."), false, []));

        Assert.Null(await InPageAsync(d => d.LoadAsync(other.Id, order.Id, null)));
        Assert.Null(await InPageAsync(d => d.LoadAsync(seller.Id, order.Id, null)));
        Assert.Null(await InPageAsync(d => d.LoadAsync(buyer.Id, second.Id, null)));
        // A new application's draft is not the "Modify Application" of a request of the same order.
        Assert.Null(await InPageAsync(d => d.LoadAsync(buyer.Id, order.Id, requestId: 42)));
        // Another buyer's discard of the same order touches nothing.
        await InPageAsync(d => d.DiscardAsync(other.Id, order.Id));
        Assert.NotNull(await InPageAsync(d => d.LoadAsync(buyer.Id, order.Id, null)));
    }

    [Fact]
    public async Task EachUploadIsKeptOnceAndARemovedOneIsDeleted()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = await app.PlaceOrderAsync(buyer, seller);
        var form = Form(order.Lines[0].Id, "Two photos.");
        using var first = UploadedFile.FromBytes("first.png", SampleFiles.Png);
        using var second = UploadedFile.FromBytes("second.pdf", SampleFiles.Pdf);
        var before = FilesKept;

        await InPageAsync(async d =>
        {
            await d.SaveAsync(buyer.Id, order.Id, null, 1, form, false, [first]);
            await d.SaveAsync(buyer.Id, order.Id, null, 1, form, false, [first, second]);
            Assert.Equal(before + 2, FilesKept);
            await d.SaveAsync(buyer.Id, order.Id, null, 1, form, false, [second]);
        });

        Assert.Equal(before + 1, FilesKept);
        var restored = (await InPageAsync(d => d.LoadAsync(buyer.Id, order.Id, null)))!;
        using var files = new Uploads();
        foreach (var file in restored.Files) files.Add(file);
        Assert.Equal("second.pdf", Assert.Single(files).FileName);
    }

    [Fact]
    public async Task AtMostFiveFilesAreKeptAsTheFormAllows()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = await app.PlaceOrderAsync(buyer, seller);
        using var files = new Uploads();
        for (var i = 0; i < RefundRequest.MaxEvidenceFiles + 2; i++) files.Add(UploadedFile.FromBytes($"p{i}.png", SampleFiles.Png));

        await InPageAsync(d => d.SaveAsync(buyer.Id, order.Id, null, 1, Form(order.Lines[0].Id, "Many."), false, files));

        var restored = (await InPageAsync(d => d.LoadAsync(buyer.Id, order.Id, null)))!;
        using var back = new Uploads();
        foreach (var file in restored.Files) back.Add(file);
        Assert.Equal(RefundRequest.MaxEvidenceFiles, back.Count);
    }

    [Fact]
    public async Task TwoTabsSavingTheSameOrderKeepOneDraftTheLaterOne()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = await app.PlaceOrderAsync(buyer, seller);
        var line = order.Lines[0].Id;

        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => InPageAsync(d => d.SaveAsync(buyer.Id, order.Id, null, 0, Form(line, $"Tab {i}."), false, []))));
        await InPageAsync(d => d.SaveAsync(buyer.Id, order.Id, null, 1, Form(line, "The last word."), false, []));

        await using var db = app.NewDb();
        Assert.Equal(1, await db.ApplicationDrafts.CountAsync(d => d.UserId == buyer.Id));
        Assert.Equal("The last word.", (await InPageAsync(d => d.LoadAsync(buyer.Id, order.Id, null)))!.Answers.Form.Description);
    }

    [Fact]
    public async Task DiscardingDeletesTheDraftAndItsFiles()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = await app.PlaceOrderAsync(buyer, seller);
        using var photo = UploadedFile.FromBytes("photo.png", SampleFiles.Png);
        var before = FilesKept;
        await InPageAsync(d => d.SaveAsync(buyer.Id, order.Id, null, 1, Form(order.Lines[0].Id, "Soon gone."), false, [photo]));
        Assert.Equal(before + 1, FilesKept);

        await InPageAsync(d => d.DiscardAsync(buyer.Id, order.Id));

        Assert.Null(await InPageAsync(d => d.LoadAsync(buyer.Id, order.Id, null)));
        Assert.Equal(before, FilesKept);
        Assert.True(File.Exists(photo.TempPath), "The page's own upload stays until the page lets it go.");
    }

    [Fact]
    public async Task ADraftUntouchedForThirtyDaysIsPurgedWithItsFilesAndAFresherOneStays()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var old = await app.PlaceOrderAsync(buyer, seller);
        var fresh = await app.PlaceOrderAsync(buyer, seller);
        using var photo = UploadedFile.FromBytes("photo.png", SampleFiles.Png);
        await InPageAsync(d => d.SaveAsync(buyer.Id, old.Id, null, 1, Form(old.Lines[0].Id, "Forgotten."), false, [photo]));
        var kept = Path.Combine(DraftFolder, (await KeptFilesAsync(buyer.Id, old.Id)).Single());
        Assert.True(File.Exists(kept));
        app.Clock.Advance(ApplicationDrafts.KeptFor - TimeSpan.FromDays(1));
        await InPageAsync(d => d.SaveAsync(buyer.Id, fresh.Id, null, 0, Form(fresh.Lines[0].Id, "Recent."), false, []));
        app.Clock.Advance(TimeSpan.FromDays(2));

        var purged = await InPageAsync(d => d.PurgeAsync());

        Assert.True(purged >= 1);
        Assert.Null(await InPageAsync(d => d.LoadAsync(buyer.Id, old.Id, null)));
        Assert.NotNull(await InPageAsync(d => d.LoadAsync(buyer.Id, fresh.Id, null)));
        Assert.False(File.Exists(kept));
    }

    private async Task<IEnumerable<string>> KeptFilesAsync(string userId, int orderId)
    {
        await using var db = app.NewDb();
        var json = await db.ApplicationDrafts.Where(d => d.UserId == userId && d.OrderId == orderId).Select(d => d.Answers).SingleAsync();
        var answers = System.Text.Json.JsonSerializer.Deserialize<DraftAnswers>(json, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        return answers.Files.Select(f => f.StoredName);
    }

    [Fact]
    public async Task ClosingTheAccountDeletesItsDraftsAndFiles()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = await app.PlaceOrderAsync(buyer, seller);
        using var photo = UploadedFile.FromBytes("photo.png", SampleFiles.Png);
        await InPageAsync(d => d.SaveAsync(buyer.Id, order.Id, null, 1, Form(order.Lines[0].Id, "My words."), false, [photo]));
        var kept = Path.Combine(DraftFolder, (await KeptFilesAsync(buyer.Id, order.Id)).Single());

        await using (var scope = app.Services.CreateAsyncScope())
            Assert.Equal(AccountDeletionOutcome.Deleted, await scope.ServiceProvider.GetRequiredService<AccountDeletion>().DeleteAsync(buyer.Id, RefundPortal.Data.DemoWorld.Password));

        await using var db = app.NewDb();
        Assert.False(await db.ApplicationDrafts.AnyAsync(d => d.UserId == buyer.Id));
        Assert.False(File.Exists(kept));
    }
}
