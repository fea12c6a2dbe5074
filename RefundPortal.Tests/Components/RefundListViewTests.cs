using Bunit;
using RefundPortal.Domain;
using RefundPortal.Features.Refunds;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Components;

/// <summary>"Refund Management" and "My Refunds": what opens first, and the list following what happens while it is open.</summary>
public sealed class RefundListViewTests(TestApp app) : IClassFixture<TestApp>
{
    private static string Chip(IRenderedComponent<RefundListView> list, string label) =>
        list.FindAll("[data-testid=refund-filters] .mud-chip").Single(c => c.TextContent.Trim().StartsWith(label, StringComparison.Ordinal)).ClassName ?? "";

    [Fact]
    public async Task OpensOnNeedsMyActionWhenSomethingWaitsAndFollowsNewRequestsLive()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var waiting = await app.ApplyRefundOnlyAsync(buyer, await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped));
        var withdrawn = await app.ApplyRefundOnlyAsync(buyer, await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped));
        await app.Refunds().WithdrawAsync(buyer, withdrawn, await app.VersionAsync(withdrawn));
        await using var context = MudTestContext.Create(app, seller);

        var list = context.Render<RefundListView>(p => p.Add(x => x.Side, ActorRole.Seller));

        list.WaitForAssertion(() => Assert.Single(list.FindAll("[data-testid=refund-row]")));
        Assert.Contains($"Refund #{waiting}", list.Find("[data-testid=refund-row]").TextContent);
        Assert.Contains("mud-chip-color-primary", Chip(list, "Needs my action (1)"));
        Assert.DoesNotContain("mud-chip-color-primary", Chip(list, "All (2)"));

        // A new request arrives while the seller looks at the list: no reload, the count and the rows follow.
        var arrived = await app.ApplyRefundOnlyAsync(buyer, await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped));

        list.WaitForAssertion(() => Assert.Equal(2, list.FindAll("[data-testid=refund-row]").Count), TimeSpan.FromSeconds(10));
        Assert.Contains($"Refund #{arrived}", list.Markup);
        Assert.Contains("mud-chip-color-primary", Chip(list, "Needs my action (2)"));
        Assert.Contains("All (3)", list.Find("[data-testid=refund-filters]").TextContent);
    }

    [Fact]
    public async Task OpensOnAllWhenNothingWaits()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var withdrawn = await app.ApplyRefundOnlyAsync(buyer, await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped));
        await app.Refunds().WithdrawAsync(buyer, withdrawn, await app.VersionAsync(withdrawn));
        await using var context = MudTestContext.Create(app, seller);

        var list = context.Render<RefundListView>(p => p.Add(x => x.Side, ActorRole.Seller));

        list.WaitForAssertion(() => Assert.Single(list.FindAll("[data-testid=refund-row]")));
        Assert.Contains("mud-chip-color-primary", Chip(list, "All (1)"));
        Assert.Contains("Needs my action (0)", list.Find("[data-testid=refund-filters]").TextContent);
    }
}
