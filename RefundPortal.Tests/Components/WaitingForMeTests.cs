using Bunit;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Shared;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Components;

/// <summary>Home's dashboard per role: what waits for the reader, the nearest deadline first.</summary>
public sealed class WaitingForMeTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task TheSellerSeesWhatWaitsNearestDeadlineFirst()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var first = await app.ApplyRefundOnlyAsync(buyer, await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped));
        app.Clock.Advance(TimeSpan.FromHours(1));
        var second = await app.ApplyRefundOnlyAsync(buyer, await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped));
        var withdrawn = await app.ApplyRefundOnlyAsync(buyer, await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped));
        await app.Refunds().WithdrawAsync(buyer, withdrawn, await app.VersionAsync(withdrawn));
        await using var context = MudTestContext.Create(app, seller);

        var card = context.Render<WaitingForMe>(p => p.Add(x => x.Role, ActorRole.Seller));

        card.WaitForAssertion(() => Assert.Equal("2 refund requests wait for you, the nearest deadline first.",
            card.Find("[data-testid=waiting-count]").TextContent.Trim()));
        var rows = card.FindAll("[data-testid=waiting-row]");
        Assert.Equal([$"refunds/{first}", $"refunds/{second}"], rows.Select(r => r.QuerySelector("a")!.GetAttribute("href")));
        Assert.Contains("Waiting for Seller's Confirmation", rows[0].TextContent);
        Assert.Contains("due in 23 hours 0 minutes", rows[0].TextContent);
        Assert.Equal("refund-management", card.Find("a.mud-button-root").GetAttribute("href"));
    }

    [Fact]
    public async Task ABuyerWithNothingToDoIsToldSo()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        await app.ApplyRefundOnlyAsync(buyer, await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped));
        await using var context = MudTestContext.Create(app, buyer);

        var card = context.Render<WaitingForMe>(p => p.Add(x => x.Role, ActorRole.Buyer));

        card.WaitForAssertion(() => Assert.Equal("Nothing waits for you. 1 refund request in all.", card.Find("[data-testid=waiting-count]").TextContent.Trim()));
        Assert.Empty(card.FindAll("[data-testid=waiting-row]"));
    }

    [Fact]
    public async Task TheArbiterSeesTheirCasesAndWhatNobodyTook()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var me = await app.NewUserAsync("arb", Roles.Arbiter);
        var mine = await app.EscalatedAsync(buyer, seller);
        await app.TakeAsync(mine, me);
        await using var context = MudTestContext.Create(app, me);

        var card = context.Render<WaitingForMe>(p => p.Add(x => x.Role, ActorRole.Arbiter));

        card.WaitForAssertion(() => Assert.Matches(@"^1 case waiting for your ruling, 0 overdue; \d+ cases? not yet taken\.$",
            card.Find("[data-testid=waiting-count]").TextContent.Trim()));
        Assert.Equal($"refunds/{mine}", card.Find("[data-testid=waiting-row] a").GetAttribute("href"));
        Assert.Contains("due in 7 days", card.Find("[data-testid=waiting-row]").TextContent);
    }
}
