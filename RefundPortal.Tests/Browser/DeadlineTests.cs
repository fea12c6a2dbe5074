using Microsoft.Playwright;
using RefundPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RefundPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class DeadlineTests(BrowserFixture browser, FastDeadlinesApp fast) : IClassFixture<FastDeadlinesApp>
{
    [Fact]
    public async Task ARequestLeftAloneIsAgreedByTheSystemAndTheBuyerSeesItWithoutReloading()
    {
        var buyer = await browser.NewPageAsync(fast.App);
        await BrowserFixture.LogInAsync(buyer, "buyer@example.com");
        await Expect(buyer.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await buyer.GotoAsync("purchased-items");
        var card = buyer.GetByTestId("order-card").Filter(new() { HasText = "Insulated Water Bottle" }).Filter(new() { HasText = "Sunrise Outdoor Co." })
            .Filter(new() { HasText = "Received" }).Filter(new() { HasNotText = "Completed" });
        await BrowserFixture.ApplyForRefundAsync(buyer, card, "Need to return the goods", "Damaged in transit", "The box was crushed.",
            BrowserFixture.Png("box.png"));
        await Expect(buyer.GetByTestId("deadline-countdown")).ToContainTextAsync("If the seller does not respond within");
        await Expect(buyer.GetByTestId("deadline-countdown")).ToContainTextAsync("the refund will be agreed automatically");

        // Nobody touches the page: the system agrees with the seller's default address when the deadline passes.
        await Expect(buyer.GetByTestId("refund-status")).ToHaveTextAsync("Waiting for Buyer's Return", new() { Timeout = 30_000 });
        await Expect(buyer.GetByTestId("timeline")).ToContainTextAsync("Done by the system: the deadline passed");
        await Expect(buyer.GetByTestId("timeline")).ToContainTextAsync("by the system");
        await Expect(buyer.GetByTestId("return-address")).ToContainTextAsync("969 Wenyi West Road, Building 3");
    }
}
