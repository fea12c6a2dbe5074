using Bunit;
using RefundPortal.Domain;
using RefundPortal.Features.Disputes;
using RefundPortal.Features.Refunds;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Components;

public sealed class PlansPanelTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly DateTime At = new(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc);

    private static RefundView Case(ActorRole actingAs, bool mine, params PlanView[] plans) => new()
    {
        Id = 7,
        OrderId = 3,
        OrderNumber = "RP-20261101-0001",
        ActingAs = actingAs,
        Parties = new RefundParties("Bella Buyer", "buyer@example.com", "Sunrise Outdoor Co.", mine ? "Ada Arbiter" : null),
        Status = RefundStatus.PlatformIntervention,
        InitiatedBySeller = false,
        Version = Guid.NewGuid(),
        CreatedAt = At,
        DeadlineAt = At.AddDays(7),
        GoodsReceived = true,
        Kind = RefundKind.ReturnAndRefund,
        Reason = RefundReason.QualityProblem,
        Description = "Broken",
        Amount = new Money(5900, "USD"),
        Limit = new Money(5900, "USD"),
        IncludesShipping = false,
        Lines = [],
        Evidence = [],
        RefusalReason = "Used goods",
        EscalatedAt = At,
        EscalationStatement = "It arrived broken.",
        IsMyCase = mine,
        Plans = plans,
        Messages = [],
        Timeline = [],
        OtherRefundsOnOrder = [],
    };

    private static PlanView Plan(int id, ActorRole by, long minor, string? endedAs = null) =>
        new(id, by, RefundKind.RefundOnly, new Money(minor, "USD"), $"{by} note", At, endedAs is null ? null : At.AddHours(1), endedAs);

    [Fact]
    public async Task ShowsTheThreePlansSideBySideWithAcceptOnOthersAndDeleteOnOwn()
    {
        await using var context = MudTestContext.Create(app, await app.UserAsync("buyer@example.com"));
        ActorRole? accepted = null;
        var deleted = 0;
        var panel = context.Render<PlansPanel>(p => p
            .Add(x => x.Refund, Case(ActorRole.Buyer, false,
                Plan(1, ActorRole.Buyer, 5000, "Replaced"), Plan(2, ActorRole.Buyer, 4500), Plan(3, ActorRole.Seller, 1000), Plan(4, ActorRole.Arbiter, 3000)))
            .Add(x => x.OnAccept, role => accepted = role)
            .Add(x => x.OnDelete, () => deleted++));

        Assert.Contains("USD 45.00", panel.Find("[data-testid=plan-Buyer]").TextContent);
        Assert.Contains("USD 10.00", panel.Find("[data-testid=plan-Seller]").TextContent);
        Assert.Contains("USD 30.00", panel.Find("[data-testid=plan-Arbiter]").TextContent);
        Assert.Contains("Replaced", panel.Find("[data-testid=plan-history]").TextContent);
        Assert.DoesNotContain("Accept Plan", panel.Find("[data-testid=plan-Buyer]").TextContent);

        panel.Find("[data-testid=plan-Arbiter] button").Click();
        Assert.Equal(ActorRole.Arbiter, accepted);
        panel.Find("[data-testid=plan-Buyer] button").Click();
        Assert.Equal(1, deleted);
        Assert.NotNull(panel.Find("[data-testid=propose-plan]"));
    }

    [Fact]
    public async Task AnArbiterWhoDoesNotHoldTheCaseOnlyReads()
    {
        await using var context = MudTestContext.Create(app, await app.UserAsync("arbiter@example.com"));
        var panel = context.Render<PlansPanel>(p => p.Add(x => x.Refund, Case(ActorRole.Arbiter, false, Plan(1, ActorRole.Seller, 1000))));

        Assert.Empty(panel.FindAll("button"));
        Assert.Empty(panel.FindAll("[data-testid=propose-plan]"));
        Assert.Contains("No plan.", panel.Find("[data-testid=plan-Buyer]").TextContent);
    }

    [Fact]
    public async Task ARefusedNoteIsShownThoughTheFormHasNoErrorSlotForIt()
    {
        await using var context = MudTestContext.Create(app, await app.UserAsync("buyer@example.com"));
        var errors = new Dictionary<string, string> { [Fields.Note] = "Keep the note under 2000 characters." };

        var panel = context.Render<PlansPanel>(p => p.Add(x => x.Refund, Case(ActorRole.Buyer, false)).Add(x => x.Errors, errors));

        Assert.Equal("Keep the note under 2000 characters.", panel.Find($"[data-testid=error-{Fields.Note}]").TextContent.Trim());
    }

    [Fact]
    public async Task InChineseShowsThePlansTheirDatesAmountsAndButtonsInChinese()
    {
        await using var context = MudTestContext.Create(app, await app.UserAsync("buyer@example.com"));
        var panel = context.RenderInChinese<PlansPanel>(p => p
            .Add(x => x.Refund, Case(ActorRole.Buyer, false, Plan(1, ActorRole.Buyer, 5000, "Replaced"), Plan(2, ActorRole.Buyer, 4500),
                Plan(3, ActorRole.Arbiter, 3000))));

        Assert.Equal("处理方案", panel.Find("[data-testid=plans-panel] h6").TextContent.Trim());
        var mine = panel.Find("[data-testid=plan-Buyer]").TextContent;
        Assert.Contains("买家方案", mine);
        Assert.Contains("USD 45.00 · 仅退款，不退货", mine);
        Assert.Contains("提出于 2026年11月20日", mine);
        Assert.Equal("删除方案", panel.Find("[data-testid=plan-Buyer] button").TextContent.Trim());
        Assert.Contains("卖家方案", panel.Find("[data-testid=plan-Seller]").TextContent);
        Assert.Contains("暂无方案。", panel.Find("[data-testid=plan-Seller]").TextContent);
        Assert.Equal("接受方案", panel.Find("[data-testid=plan-Arbiter] button").TextContent.Trim());
        Assert.Contains("平台方案", panel.Find("[data-testid=plan-Arbiter]").TextContent);

        // The history: the role, the amount, and how it ended, in Chinese.
        Assert.Equal("买家：USD 50.00，仅退款，不退货（2026年11月20日）— 2026年11月20日已被替换",
            panel.Find("[data-testid=plan-history] li").TextContent.Trim());

        // The form to propose: Chinese labels, the limit as an amount with its code.
        var form = panel.Find("[data-testid=propose-plan]");
        Assert.Contains("金额（USD）", form.TextContent);
        Assert.Contains("最多 USD 59.00", form.TextContent);
        Assert.Contains("备注（选填）", form.TextContent);
        Assert.Equal("提出方案", form.QuerySelectorAll("button").Last().TextContent.Trim());
    }
}
