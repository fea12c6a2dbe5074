using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using RefundPortal.Domain;
using RefundPortal.Features.Orders;
using RefundPortal.Features.Orders.Pages;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Components;

public sealed class PurchasedItemsTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task RendersTheBuyersOrdersWithTheirLines()
    {
        var buyer = await app.UserAsync("buyer@example.com");
        await using var context = MudTestContext.Create(app, buyer);

        var page = context.Render<PurchasedItems>();

        page.WaitForElements("[data-testid=order-card]", TimeSpan.FromSeconds(5));
        var expected = await app.Get<OrderQueries>().ListAsync(buyer, ActorRole.Buyer, new OrderListQuery());
        var cards = page.FindAll("[data-testid=order-card]");
        Assert.Equal(expected.Items.Count, cards.Count);
        Assert.Equal(expected.Items.Select(o => o.Number), page.FindAll("[data-testid=order-number]").Select(a => a.TextContent.Trim()));
        Assert.Equal($"{expected.TotalCount} orders", page.Find("[data-testid=order-count]").TextContent.Trim());
        Assert.Contains("Product Status", cards[0].TextContent);
        Assert.Contains(expected.Items[0].Lines[0].ProductName, cards[0].TextContent);
        Assert.Contains(expected.Items[0].ProductStatus.Label(), cards[0].TextContent);
        Assert.NotNull(page.Find("[data-testid=order-pages]"));
    }
}
