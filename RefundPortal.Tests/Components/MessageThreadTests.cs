using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using RefundPortal.Features.Refunds.Evidence;
using RefundPortal.Domain;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Refunds.Details;
using RefundPortal.Features.Refunds.Pages;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Components;

public sealed class MessageThreadTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<(BunitContext Context, IRenderedComponent<RefundDetails> Page, int Id)> OpenAsBuyerAsync()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var id = await app.ApplyReturnAsync(buyer, await app.PlaceOrderAsync(buyer, seller));
        var context = MudTestContext.Create(app, buyer);
        var page = context.Render<RefundDetails>(p => p.Add(x => x.Id, id));
        page.WaitForElement("[data-testid=message-text]");
        return (context, page, id);
    }

    private async Task<int> MessagesOnAsync(int id)
    {
        await using var db = app.NewDb();
        return await db.Set<RefundMessage>().CountAsync(m => m.RefundRequestId == id);
    }

    [Fact]
    public async Task TheSecondClickOfADoubleClickOnSendDoesNothing()
    {
        var (context, page, id) = await OpenAsBuyerAsync();
        await using var _ctx = context;
        page.Find("[data-testid=message-text]").Change("The zip broke on day one.");
        IElement Send() => page.FindAll("[data-testid=messages] button").Single(b => b.TextContent.Trim() == "Send");

        await Send().ClickAsync(new MouseEventArgs { Detail = 1 });
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=message]")));
        await Send().ClickAsync(new MouseEventArgs { Detail = 2 });

        Assert.DoesNotContain("Write a message.", page.Find("[data-testid=messages]").TextContent);
        Assert.Equal(1, await MessagesOnAsync(id));
    }

    [Fact]
    public async Task ThePagesRunnerIgnoresAMoveWhileOneRuns()
    {
        var (context, page, _) = await OpenAsBuyerAsync();
        await using var _ctx = context;
        var details = page.FindComponent<MessageThread>().Instance.Context;
        var release = new TaskCompletionSource();
        var runs = 0;
        async Task Move(RefundPortal.Features.Accounts.CurrentUser user, Guid version)
        {
            runs++;
            await release.Task;
        }

        Task<ActResult> first = null!, second = null!;
        await page.InvokeAsync(() =>
        {
            first = details.ActAsync(Move, "Done.");
            second = details.ActAsync(Move, "Done.");
        });

        Assert.Equal(1, runs);
        release.SetResult();
        var results = await Task.WhenAll(first, second);
        Assert.True(results[0].Done);
        Assert.False(results[1].Done);
        Assert.Empty(results[1].Errors);
    }

    [Fact]
    public async Task SentFilesAreStoredAndTheirTemporaryFilesDeleted()
    {
        var (context, page, id) = await OpenAsBuyerAsync();
        await using var _ctx = context;
        page.FindComponents<InputFile>().Single().UploadFiles(InputFileContent.CreateFromBinary(SampleFiles.Png, "zip.png", contentType: "image/png"));
        page.WaitForState(() => page.FindComponent<EvidencePicker>().Instance.Files.Count == 1);
        var upload = page.FindComponent<EvidencePicker>().Instance.Files[0].TempPath;
        page.Find("[data-testid=message-text]").Change("Photo of the zip.");

        await page.FindAll("[data-testid=messages] button").Single(b => b.TextContent.Trim() == "Send").ClickAsync(new MouseEventArgs { Detail = 1 });

        page.WaitForAssertion(() => Assert.Contains("zip.png", page.Find("[data-testid=message]").TextContent));
        Assert.False(File.Exists(upload));
        await using var db = app.NewDb();
        var stored = await db.Set<EvidenceFile>().SingleAsync(e => e.RefundRequestId == id && e.IsMessageAttachment);
        Assert.Equal(SampleFiles.Png, await File.ReadAllBytesAsync(Path.Combine(app.EvidenceFolder, stored.StoredName)));
    }

    [Fact]
    public async Task UnsentFilesAreDeletedWhenTheCircuitEnds()
    {
        var (context, page, _) = await OpenAsBuyerAsync();
        page.FindComponents<InputFile>().Single().UploadFiles(InputFileContent.CreateFromBinary(SampleFiles.Png, "zip.png", contentType: "image/png"));
        page.WaitForState(() => page.FindComponent<EvidencePicker>().Instance.Files.Count == 1);
        var upload = page.FindComponent<EvidencePicker>().Instance.Files[0].TempPath;
        Assert.True(File.Exists(upload));

        await context.DisposeAsync();

        Assert.False(File.Exists(upload));
    }

    [Fact]
    public async Task ThePickerOffersOnlyTheAttachmentsTheRefundHasRoomFor()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var id = await app.ApplyReturnAsync(buyer, await app.PlaceOrderAsync(buyer, seller));
        var disputes = app.Get<RefundPortal.Features.Disputes.DisputeService>();
        foreach (var batch in new[] { 5, 5, 5, 3 })
            await disputes.PostMessageAsync(buyer, ActorRole.Buyer, id, "Photos", [.. Enumerable.Range(1, batch).Select(i => OrderFactory.Photo($"{i}.png"))]);
        await using var context = MudTestContext.Create(app, buyer);

        var page = context.Render<RefundDetails>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => Assert.Equal(RefundRequest.MaxMessageAttachments - 18, page.FindComponent<EvidencePicker>().Instance.Max));
        Assert.Contains("up to 2 files", page.Find("[data-testid=messages]").TextContent);
    }
}
