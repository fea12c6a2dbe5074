using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RefundPortal.Domain;
using RefundPortal.Features.Disputes;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Refunds.Details;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Components;

public sealed class EscalatePanelTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly RefundView Refused =
        SampleRefundView.For(RefundStatus.SellerRefused) with { RefusalReason = "It matches the listing." };

    [Theory]
    [InlineData(7 * 24, "within 7 days,")]
    [InlineData(36, "within 1 day 12 hours,")]
    public async Task SaysHowLongTheArbiterHasAsConfigured(int hours, string says)
    {
        await using var context = MudTestContext.Create(app, await app.UserAsync("buyer@example.com"));
        context.Services.AddScoped<DisputeService>();
        context.Services.AddSingleton(new RefundPolicy { ArbiterIntervention = TimeSpan.FromHours(hours) });
        var details = new DetailsContext(Refused, false, DetailsPanel.Escalate, (_, _) => Task.FromResult(ActResult.Refused), _ => { });

        var panel = context.Render<EscalatePanel>(p => p.AddCascadingValue(details));

        Assert.Contains($"A platform arbiter steps in {says} weighs both sides' plans and evidence, and rules.",
            panel.Find("[data-testid=escalate-panel]").TextContent);
    }

    [Fact]
    public async Task ShowsTheRunnersErrorsEachOnceFieldsFirst()
    {
        await using var context = MudTestContext.Create(app, await app.UserAsync("buyer@example.com"));
        context.Services.AddScoped<DisputeService>();
        var errors = new Dictionary<string, string> { [Fields.Statement] = "Write your statement.", [Fields.Note] = "Something else." };
        var details = new DetailsContext(Refused, false, DetailsPanel.Escalate, (_, _) => Task.FromResult(new ActResult(false, errors)), _ => { });
        var panel = context.Render<EscalatePanel>(p => p.AddCascadingValue(details));

        panel.FindAll("button").Single(b => b.TextContent.Trim() == "Apply for Platform Intervention").Click();

        panel.WaitForAssertion(() => Assert.Equal("Something else.", panel.Find($"[data-testid=error-{Fields.Note}]").TextContent.Trim()));
        Assert.Empty(panel.FindAll($"[data-testid=error-{Fields.Statement}]"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(panel.Markup, "Write your statement\\."));
    }

    [Fact]
    public async Task InChineseAsksForTheStatementAndSaysTheArbitersTimeInChinese()
    {
        await using var context = MudTestContext.Create(app, await app.UserAsync("buyer@example.com"));
        context.Services.AddScoped<DisputeService>();
        context.Services.AddSingleton(new RefundPolicy { ArbiterIntervention = TimeSpan.FromDays(7) });
        var details = new DetailsContext(Refused, false, DetailsPanel.Escalate, (_, _) => Task.FromResult(ActResult.Refused), _ => { });

        var panel = context.RenderInChinese<EscalatePanel>(p => p.AddCascadingValue(details));

        var form = panel.Find("[data-testid=escalate-panel]");
        Assert.Equal("申请平台介入", form.QuerySelector("h6")!.TextContent.Trim());
        Assert.Contains("平台仲裁员将在 7天内介入，综合双方的方案和凭证作出裁决。", form.TextContent);
        Assert.Contains("您的陈述", form.QuerySelector("label")!.TextContent);
        Assert.Contains("凭证（选填）", form.TextContent);
        var buttons = form.QuerySelectorAll("button").Select(b => b.TextContent.Trim()).ToList();
        Assert.Contains("取消", buttons);
        Assert.Contains("申请平台介入", buttons);
    }
}
