using Microsoft.Playwright;
using RefundPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RefundPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class DisputeFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task RefusedRefundEscalatedAndSettledByThePlatformsPartialPlan()
    {
        // The buyer applies for a refund only on a delivered order.
        var buyer = await browser.NewPageAsync();
        await BrowserFixture.LogInAsync(buyer, "buyer@example.com");
        await Expect(buyer.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await buyer.GotoAsync("purchased-items");
        var card = buyer.GetByTestId("order-card").Filter(new() { HasText = "Harbor Electronics Ltd." }).Filter(new() { HasText = "Received" })
            .Filter(new() { HasNotText = "Completed" });
        await Expect(card).ToHaveCountAsync(1);
        await BrowserFixture.ApplyForRefundAsync(buyer, card, "Refund only, no return", "Not as described", "The speaker is much quieter than described.",
            new FilePayload { Name = "spec.pdf", MimeType = "application/pdf", Buffer = SampleFiles.Pdf });
        var refundPath = new Uri(buyer.Url).AbsolutePath.TrimStart('/');

        // The seller refuses.
        var seller = await browser.NewPageAsync();
        await BrowserFixture.LogInAsync(seller, "seller2@example.com");
        await Expect(seller.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await seller.GotoAsync(refundPath);
        await seller.GetByRole(AriaRole.Button, new() { Name = "Refuse Refund" }).ClickAsync();
        await seller.GetByTestId("refuse-reason").FillAsync("It matches the listing.");
        await seller.GetByTestId("refuse-panel").GetByRole(AriaRole.Button, new() { Name = "Refuse Refund" }).ClickAsync();
        await Expect(seller.GetByTestId("refund-status")).ToHaveTextAsync("Seller Refused");

        // The buyer sees it live and escalates.
        await Expect(buyer.GetByTestId("refund-status")).ToHaveTextAsync("Seller Refused");
        await buyer.GetByTestId("refund-actions").GetByRole(AriaRole.Button, new() { Name = "Apply for Platform Intervention" }).ClickAsync();
        await buyer.GetByTestId("escalate-statement").FillAsync("Measured 20 dB below the listing; see the spec sheet.");
        await buyer.GetByTestId("escalate-panel").GetByRole(AriaRole.Button, new() { Name = "Apply for Platform Intervention" }).ClickAsync();
        await Expect(buyer.GetByTestId("refund-status")).ToHaveTextAsync("Platform Intervening");

        // The arbiter takes the case from the Dispute Center and proposes a partial refund.
        var arbiter = await browser.NewPageAsync();
        await BrowserFixture.LogInAsync(arbiter, "arbiter@example.com");
        await Expect(arbiter.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await BrowserFixture.NavLink(arbiter, "Dispute Center").ClickAsync();
        var row = arbiter.GetByTestId("dispute-row").Filter(new() { HasText = "Bella Buyer" });
        await row.First.GetByRole(AriaRole.Link, new() { Name = "Open Case" }).ClickAsync();
        await Expect(arbiter.GetByTestId("case-panel")).ToContainTextAsync("Measured 20 dB below the listing");
        await arbiter.GetByRole(AriaRole.Button, new() { Name = "Take Case" }).ClickAsync();
        await Expect(arbiter.GetByTestId("case-panel")).ToContainTextAsync("arbiter: Ada Arbiter");
        await arbiter.GetByTestId("plan-amount").FillAsync("20.00");
        await arbiter.GetByRole(AriaRole.Button, new() { Name = "Propose Plan" }).ClickAsync();
        await Expect(arbiter.GetByTestId("plan-Arbiter")).ToContainTextAsync("USD 20.00");

        // The buyer accepts the platform's plan; both see "Refund Successful" with the partial amount.
        await Expect(buyer.GetByTestId("plan-Arbiter")).ToContainTextAsync("USD 20.00");
        await buyer.GetByTestId("plan-Arbiter").GetByRole(AriaRole.Button, new() { Name = "Accept Plan" }).ClickAsync();
        await buyer.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Accept Plan" }).ClickAsync();
        await Expect(buyer.GetByTestId("refund-status")).ToHaveTextAsync("Refund Successful");
        await Expect(buyer.GetByTestId("refund-paid")).ToContainTextAsync("USD 20.00");
        await Expect(seller.GetByTestId("refund-status")).ToHaveTextAsync("Refund Successful");
        await Expect(seller.GetByTestId("refund-paid")).ToContainTextAsync("USD 20.00");
    }

    [Fact]
    public async Task ADoubleClickOnSendPostsOneMessage()
    {
        var buyer = await browser.NewPageAsync();
        await BrowserFixture.LogInAsync(buyer, "buyer2@example.com");
        await Expect(buyer.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await buyer.GotoAsync("purchased-items");
        var card = buyer.GetByTestId("order-card").Filter(new() { HasText = "Sunrise Outdoor Co." }).Filter(new() { HasText = "Awaiting Shipment" });
        await Expect(card).ToHaveCountAsync(1);
        await BrowserFixture.ApplyForRefundAsync(buyer, card, "Refund only, no return", "No longer needed");

        await buyer.GetByTestId("message-text").FillAsync("Please cancel before it ships.");
        await buyer.GetByTestId("message-files").SetInputFilesAsync(BrowserFixture.Png("order.png"));
        await Expect(buyer.GetByText("order.png")).ToBeVisibleAsync();
        await buyer.GetByTestId("messages").GetByRole(AriaRole.Button, new() { Name = "Send" }).DblClickAsync();

        await Expect(buyer.GetByTestId("message")).ToHaveCountAsync(1);
        await Expect(buyer.GetByTestId("messages").GetByRole(AriaRole.Button, new() { Name = "Send" })).ToBeEnabledAsync();
        await Expect(buyer.GetByTestId("messages")).Not.ToContainTextAsync("Write a message.");
        await buyer.ReloadAsync();
        await Expect(buyer.GetByTestId("message")).ToHaveCountAsync(1);
    }
}
