using System.Text.RegularExpressions;
using Bunit;
using RefundPortal.Domain;
using RefundPortal.Features.Refunds.Details;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Components;

public sealed class ActionPanelTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task ShowsAnErrorNoFieldShowsOnceAndLeavesTheFieldsOwnToThem()
    {
        await using var context = MudTestContext.Create(app, await app.UserAsync("seller@example.com"));
        var errors = new Dictionary<string, string>
        {
            [Fields.Reason] = "Give the reason for refusing.",
            [Fields.Message] = "The attachment is not a JPEG, PNG, WebP or PDF file.",
        };
        var panel = context.Render<ActionPanel>(p => p
            .Add(x => x.Title, "Refuse Refund")
            .Add(x => x.TestId, "refuse-panel")
            .Add(x => x.Errors, errors)
            .Add(x => x.Fields, [Fields.Reason, Fields.Evidence])
            .AddChildContent($"<p data-testid=\"reason\">{errors[Fields.Reason]}</p>"));

        Assert.Equal(errors[Fields.Message], panel.Find($"[data-testid=refuse-panel] [data-testid=error-{Fields.Message}]").TextContent.Trim());
        Assert.Empty(panel.FindAll($"[data-testid=error-{Fields.Reason}]"));
        Assert.Single(Regex.Matches(panel.Markup, Regex.Escape(errors[Fields.Reason])));
    }

    [Fact]
    public async Task SubmitsUnderItsTitleCancelsAndWaitsWhileBusy()
    {
        await using var context = MudTestContext.Create(app, await app.UserAsync("buyer@example.com"));
        var (submitted, cancelled) = (0, 0);
        var panel = context.Render<ActionPanel>(p => p
            .Add(x => x.Title, "Add Evidence")
            .Add(x => x.OnSubmit, () => submitted++)
            .Add(x => x.OnCancel, () => cancelled++));

        Assert.Empty(panel.FindAll("[data-testid^=error-]"));
        panel.FindAll("button").Single(b => b.TextContent.Trim() == "Add Evidence").Click();
        panel.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        Assert.Equal((1, 1), (submitted, cancelled));

        panel.Render(p => p.Add(x => x.Busy, true));
        Assert.True(panel.FindAll("button").Single(b => b.TextContent.Trim() == "Add Evidence").HasAttribute("disabled"));
    }

    [Fact]
    public async Task InChineseCancelsWithChineseWordsAndShowsTheServersMessageAsGiven()
    {
        await using var context = MudTestContext.Create(app, await app.UserAsync("seller@example.com"));
        var errors = new Dictionary<string, string> { [Fields.Message] = "附件不是 JPEG、PNG、WebP 或 PDF 文件。" };
        var panel = context.RenderInChinese<ActionPanel>(p => p
            .Add(x => x.Title, "拒绝退款")
            .Add(x => x.TestId, "refuse-panel")
            .Add(x => x.Errors, errors));

        Assert.Equal("拒绝退款", panel.Find("[data-testid=refuse-panel] h6").TextContent.Trim());
        Assert.Equal(["取消", "拒绝退款"], panel.FindAll("button").Select(b => b.TextContent.Trim()));
        Assert.Equal(errors[Fields.Message], panel.Find($"[data-testid=error-{Fields.Message}]").TextContent.Trim());
    }
}
