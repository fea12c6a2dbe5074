using Microsoft.Playwright;
using RefundPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RefundPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class LiveNotificationTests(BrowserFixture browser)
{
    [Fact]
    public async Task BuyerOnPurchasedItemsSeesThePopUpAndTheBellRiseWhenTheSellerSubmitsTheAddress()
    {
        var buyer = await browser.NewPageAsync();
        await BrowserFixture.LogInAsync(buyer, "buyer2@example.com");
        await Expect(buyer.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await buyer.GotoAsync("purchased-items");
        var card = buyer.GetByTestId("order-card").Filter(new() { HasText = "Sunrise Outdoor Co." }).Filter(new() { HasText = "Received" })
            .Filter(new() { HasNotText = "Completed" });
        await Expect(card).ToHaveCountAsync(1);
        await BrowserFixture.ApplyForRefundAsync(buyer, card, "Need to return the goods", "Wrong item", "A different colour came.",
            BrowserFixture.Png("colour.png"));
        var refundPath = new Uri(buyer.Url).AbsolutePath;

        // The buyer waits on "Purchased Items"; the bell shows what is unread now.
        await BrowserFixture.NavLink(buyer, "Purchased Items").ClickAsync();
        await Expect(buyer.GetByTestId("order-card").First).ToBeVisibleAsync();
        var before = await UnreadAsync(buyer);

        var seller = await browser.NewPageAsync();
        await BrowserFixture.LogInAsync(seller, "seller@example.com");
        await Expect(seller.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await seller.GotoAsync(refundPath.TrimStart('/'));
        await seller.GetByRole(AriaRole.Button, new() { Name = "Agree to Refund Agreement" }).ClickAsync();
        await seller.GetByTestId("return-address-step").GetByRole(AriaRole.Button, new() { Name = "Submit and Notify Buyer" }).ClickAsync();
        await Expect(seller.GetByTestId("refund-status")).ToHaveTextAsync("Waiting for Buyer's Return");

        // No reload: the pop-up appears and the bell count rises on the page the buyer has open.
        var popUp = buyer.GetByTestId("live-notification");
        await Expect(popUp).ToContainTextAsync("Seller agreed: return the goods");
        await Expect(popUp).ToContainTextAsync("969 Wenyi West Road");
        await Expect(buyer.GetByTestId("bell-count").Locator(".mud-badge")).ToHaveTextAsync((before + 1).ToString());
        await Expect(buyer.Locator("[data-testid=bell]")).ToHaveAttributeAsync("data-unread", (before + 1).ToString());
        Assert.EndsWith("purchased-items", buyer.Url);

        // The pop-up sits at the bottom left, clear of the actions at the right, and hides by itself.
        var box = (await popUp.BoundingBoxAsync())!;
        Assert.True(box.X + box.Width < buyer.ViewportSize!.Width / 2.0 + 100, $"The pop-up reaches {box.X + box.Width} px of {buyer.ViewportSize.Width}.");
        await buyer.Mouse.MoveAsync(buyer.ViewportSize.Width - 10, buyer.ViewportSize.Height / 2f);
        await Expect(popUp).ToBeHiddenAsync(new() { Timeout = 20_000 });
    }

    private static async Task<int> UnreadAsync(IPage page)
    {
        var bell = page.Locator("[data-testid=bell][data-unread]");
        await Expect(bell).ToHaveCountAsync(1);
        return int.Parse((await bell.GetAttributeAsync("data-unread"))!);
    }
}
