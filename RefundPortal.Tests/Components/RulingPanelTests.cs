using Microsoft.Extensions.DependencyInjection;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Languages;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Refunds.Details;
using RefundPortal.Features.Shared;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Components;

/// <summary>"Issue Ruling" against a real escalated case: no outcome chosen for the arbiter, and nothing executes before a confirmation.</summary>
public sealed class RulingPanelTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<(IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<RulingPanel> Panel, int Id, BunitContext Context)> RenderAsync(bool chinese = false)
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var arbiter = await app.UserAsync("arbiter@example.com");
        var id = await app.EscalatedAsync(buyer, seller);
        await app.TakeAsync(id, arbiter);
        var view = (await app.Get<RefundQueries>().DetailsAsync(arbiter, id))!;
        var context = MudTestContext.Create(app, arbiter);
        var runner = new ActionRunner(Microsoft.Extensions.Logging.Abstractions.NullLogger<ActionRunner>.Instance);
        var details = new DetailsContext(view, false, DetailsPanel.Ruling, async (move, _) =>
        {
            var outcome = await runner.RunAsync(_ => move(arbiter, view.Version));
            return new ActResult(outcome.Done, outcome.Errors);
        }, _ => { });
        var dialogs = context.Render<MudDialogProvider>();
        var panel = chinese
            ? context.RenderInChinese<RulingPanel>(p => p.AddCascadingValue(details))
            : context.Render<RulingPanel>(p => p.AddCascadingValue(details));
        return (dialogs, panel, id, context);
    }

    private async Task<RefundStatus> StatusAsync(int id)
    {
        await using var db = app.NewDb();
        return (await db.RefundRequests.SingleAsync(r => r.Id == id)).Status;
    }

    /// <summary>The status once it is <paramref name="expected"/>, or as it is after 5 s: the move runs on the renderer's own time.</summary>
    private async Task<RefundStatus> StatusEventuallyAsync(int id, RefundStatus expected)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        RefundStatus status;
        while ((status = await StatusAsync(id)) != expected && waited.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(50);
        return status;
    }

    private static void Submit(IRenderedComponent<RulingPanel> panel) =>
        panel.FindAll("button").Single(b => b.TextContent.Trim() == "Issue Ruling").Click();

    [Fact]
    public async Task NoOutcomeIsChosenForTheArbiter()
    {
        var (_, panel, id, context) = await RenderAsync();
        await using var _ = context;
        Assert.Empty(panel.FindAll("[data-testid=ruling-outcome] input:checked"));
        panel.Find("[data-testid=ruling-reason]").Change("The photos show the damage.");

        Submit(panel);

        panel.WaitForAssertion(() => Assert.Contains("Choose an outcome", panel.Markup));
        Assert.Equal(RefundStatus.PlatformIntervention, await StatusAsync(id));
    }

    [Fact]
    public async Task AFullRefundExecutesOnlyAfterTheConfirmationStatesTheAmountAndTheBuyer()
    {
        var (dialogs, panel, id, context) = await RenderAsync();
        await using var _ = context;
        panel.FindAll("[data-testid=ruling-outcome] input")[0].Click();
        panel.Find("[data-testid=ruling-reason]").Change("The photos show the damage.");

        Submit(panel);
        dialogs.WaitForAssertion(() => Assert.Matches("USD 59\\.00 is refunded to the buyer, [^,]+, at once\\. This ruling is final\\.", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("This ruling is final", dialogs.Markup));
        Assert.Equal(RefundStatus.PlatformIntervention, await StatusAsync(id));

        Submit(panel);
        dialogs.WaitForAssertion(() => dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Issue Ruling").Click());
        Assert.Equal(RefundStatus.Refunded, await StatusEventuallyAsync(id, RefundStatus.Refunded));
    }

    [Fact]
    public async Task ARejectionSaysTheBuyerReceivesNothing()
    {
        var (dialogs, panel, id, context) = await RenderAsync();
        await using var _ = context;
        panel.FindAll("[data-testid=ruling-outcome] input")[2].Click();
        panel.Find("[data-testid=ruling-reason]").Change("No grounds.");

        Submit(panel);

        dialogs.WaitForAssertion(() => Assert.Contains("receives no refund", dialogs.Markup));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Issue Ruling").Click();
        Assert.Equal(RefundStatus.Closed, await StatusEventuallyAsync(id, RefundStatus.Closed));
    }

    [Fact]
    public async Task InChineseTheOutcomesTheRefusalAndTheConfirmationAreChinese()
    {
        var (dialogs, panel, id, context) = await RenderAsync(chinese: true);
        await using var _ = context;
        // What the circuit's handler does for each inbound call: the clicks below run in the circuit's language.
        context.Services.GetRequiredService<PortalLanguage>().Apply();
        var limit = panel.Instance.Context.Refund.Limit;
        var buyer = panel.Instance.Context.Refund.Parties.BuyerName;
        Assert.Equal("作出裁决", panel.Find("[data-testid=ruling-panel] h6").TextContent.Trim());
        Assert.Equal([$"全额退款（{limit}）", "部分退款", "驳回"],
            panel.FindAll("[data-testid=ruling-outcome] label").Select(l => l.TextContent.Trim()));
        Assert.Contains("裁决理由（双方可见）", panel.Find("[data-testid=ruling-panel]").TextContent);
        panel.Find("[data-testid=ruling-reason]").Change("照片显示货品已损坏。");

        panel.FindAll("button").Single(b => b.TextContent.Trim() == "作出裁决").Click();
        panel.WaitForAssertion(() => Assert.Contains("请选择裁决结果：全额退款、部分退款或驳回。", panel.Markup));

        panel.FindAll("[data-testid=ruling-outcome] input")[0].Click();
        panel.FindAll("button").Single(b => b.TextContent.Trim() == "作出裁决").Click();
        dialogs.WaitForAssertion(() => Assert.Contains($"立即向买家 {buyer} 退款 {limit}。此裁决为最终裁决。", dialogs.Markup));
        Assert.Matches(@"^USD \d+\.\d{2}$", limit.ToString());
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "取消").Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("此裁决为最终裁决", dialogs.Markup));
        Assert.Equal(RefundStatus.PlatformIntervention, await StatusAsync(id));
    }
}
