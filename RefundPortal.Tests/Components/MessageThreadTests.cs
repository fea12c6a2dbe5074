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

    [Fact]
    public async Task TheRefundPageInChineseShowsItsPanelsMessagesTimelineAndCountdownInChinese()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var id = await app.ApplyReturnAsync(buyer, await app.PlaceOrderAsync(buyer, seller));
        await app.Get<RefundPortal.Features.Disputes.DisputeService>().PostMessageAsync(buyer, ActorRole.Buyer, id, "拉链第一天就坏了。", []);
        var view = (await app.Get<RefundQueries>().DetailsAsync(buyer, id))!;
        await using var context = MudTestContext.Create(app, buyer);

        var page = context.RenderInChinese<RefundDetails>(p => p.Add(x => x.Id, id));

        page.WaitForElement("[data-testid=message]");
        Assert.Equal($"退款 #{id}", page.Find("h1").TextContent.Trim());
        Assert.Contains($"下一步截止时间：{LocalTimes.Utc.Moment(view.DeadlineAt!.Value)}", page.Markup);
        var actions = page.FindAll("[data-testid=refund-actions] a, [data-testid=refund-actions] button").Select(b => b.TextContent.Trim()).ToList();
        Assert.Equal(["修改申请", "撤销申请", "补充凭证"], actions);
        Assert.Equal("本次退款的进度", page.Find("[data-testid=refund-progress]").GetAttribute("aria-label"));

        // The countdown speaks to the buyer about the seller, with the time left in Chinese units.
        Assert.Matches(@"^如卖家在 \d+天\d+小时内未处理，系统将自动同意退款申请。$", page.Find("[data-testid=deadline-countdown]").TextContent.Trim());

        // The agreement: Chinese labels, the amount with its code and the currency's decimals.
        Assert.Contains("退款协议", page.Markup);
        Assert.Contains("退款金额", page.Markup);
        Assert.Equal(view.Amount.ToString(), page.Find("[data-testid=refund-amount]").TextContent.Trim());
        Assert.Matches(@"^USD \d{1,3}(,\d{3})*\.\d{2}$", view.Amount.ToString());

        // The timeline: the entry, who did it in Chinese, and the moment in Chinese date words.
        var timeline = page.Find("[data-testid=timeline]").TextContent;
        Assert.Contains("申请退款", timeline);
        Assert.Contains("（买家）", timeline);
        Assert.Contains(LocalTimes.Utc.Moment(view.Timeline[0].At), timeline);
        Assert.Matches(@"\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}", timeline);

        // The thread: heading, the author's role, the time in Chinese words, and the form.
        var thread = page.Find("[data-testid=messages]");
        Assert.Equal("留言", thread.QuerySelector("h6")!.TextContent.Trim());
        var message = page.Find("[data-testid=message]").TextContent;
        Assert.Contains("（买家）", message);
        Assert.Matches(@"\d{1,2}月\d{1,2}日 \d{2}:\d{2}", message);
        Assert.Contains("拉链第一天就坏了。", message);
        Assert.Contains("写留言", thread.QuerySelector("label")!.TextContent);
        Assert.Contains("发送", thread.QuerySelectorAll("button").Select(b => b.TextContent.Trim()));
    }
}
