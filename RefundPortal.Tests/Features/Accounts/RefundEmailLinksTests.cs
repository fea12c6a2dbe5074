using Microsoft.EntityFrameworkCore;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Accounts;

/// <summary>The refund emails link through the same <c>App:BaseUrl</c> as the account pages' emails, path included.</summary>
public sealed class RefundEmailLinksTests(RefundEmailLinksTests.PublicApp app) : IClassFixture<RefundEmailLinksTests.PublicApp>
{
    public sealed class PublicApp : TestApp
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("App:BaseUrl", "https://portal.example.test/shop")];
    }

    [Fact]
    public async Task ARefundEmailLinksUnderTheBaseUrl()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);

        var id = await app.ApplyRefundOnlyAsync(buyer, order);

        await using var db = app.NewDb();
        var email = await db.OutboxEmails.SingleAsync(e => e.ToAddress == seller.Email);
        Assert.Contains($"https://portal.example.test/shop/refunds/{id}", email.TextBody);
    }
}
