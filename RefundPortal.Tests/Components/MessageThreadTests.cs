using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using RefundPortal.Domain;
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
}
