using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RefundPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RefundPortal.Tests.Browser;

/// <summary>The seed's script, click by click, as two people in two browser contexts.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RefundFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task ReturnAndRefundFromApplicationToRefundSuccessful()
    {
        var buyer = await browser.NewPageAsync();
        await BrowserFixture.LogInAsync(buyer, "buyer@example.com");
        await Expect(buyer.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await BrowserFixture.NavLink(buyer, "Purchased Items").ClickAsync();
        var card = buyer.GetByTestId("order-card").Filter(new() { HasText = "Insulated Water Bottle" }).Filter(new() { HasText = "Sunrise Outdoor Co." })
            .Filter(new() { HasText = "Received" }).Filter(new() { HasNotText = "Completed" });
        await Expect(card).ToHaveCountAsync(1);
        var orderNumber = (await card.GetByTestId("order-number").TextContentAsync())!.Trim();

        // (1) "Apply for Refund"; (2) select the items; (3) fill in the refund agreement.
        await card.GetByTestId("apply-for-refund").ClickAsync();
        await Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "Apply for Refund" })).ToBeVisibleAsync();
        await buyer.GetByTestId("refund-line").Filter(new() { HasText = "Trail Backpack 40L" }).GetByRole(AriaRole.Checkbox).CheckAsync();
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        await buyer.GetByText("Need to return the goods").ClickAsync();
        await Expect(buyer.GetByTestId("refund-amount")).ToHaveValueAsync("118.00");
        await BrowserFixture.SelectAsync(buyer, "refund-reason", "Quality problem");
        await buyer.GetByTestId("refund-description").FillAsync("The zip of both backpacks broke on the first day.");
        await buyer.GetByTestId("evidence-input").SetInputFilesAsync(new FilePayload { Name = "zip.png", MimeType = "image/png", Buffer = SampleFiles.Png });
        await Expect(buyer.GetByText("zip.png")).ToBeVisibleAsync();
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        await Expect(buyer.GetByTestId("review-amount")).ToHaveTextAsync("USD 118.00");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Submit Application" }).ClickAsync();
        await Expect(buyer.GetByTestId("refund-status")).ToHaveTextAsync("Waiting for Seller's Confirmation");
        await Expect(buyer.Locator("img.evidence-thumb")).ToHaveCountAsync(1);
        var refundUrl = buyer.Url;

        // (4) The seller finds it through "Sold Items" → "Refunding".
        var seller = await browser.NewPageAsync();
        await BrowserFixture.LogInAsync(seller, "seller@example.com");
        await Expect(seller.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await BrowserFixture.NavLink(seller, "Sold Items").ClickAsync();
        await seller.GetByTestId("order-search").FillAsync(orderNumber);
        await Expect(seller.GetByTestId("order-card")).ToHaveCountAsync(1);
        await seller.GetByTestId("refunding").ClickAsync();
        await Expect(seller.GetByTestId("refund-status")).ToHaveTextAsync("Waiting for Seller's Confirmation");

        // (5) "Agree to Refund Agreement", confirm the address, "Submit and Notify Buyer".
        await seller.GetByRole(AriaRole.Button, new() { Name = "Agree to Refund Agreement" }).ClickAsync();
        var step = seller.GetByTestId("return-address-step");
        await Expect(step).ToBeVisibleAsync();
        await Expect(step.GetByLabel("Street address")).ToHaveValueAsync("969 Wenyi West Road, Building 3");
        await step.GetByRole(AriaRole.Button, new() { Name = "Submit and Notify Buyer" }).ClickAsync();
        await Expect(seller.GetByTestId("refund-status")).ToHaveTextAsync("Waiting for Buyer's Return");

        // The buyer sees the status and the address, and submits the return information.
        await buyer.GotoAsync(refundUrl);
        await Expect(buyer.GetByTestId("refund-status")).ToHaveTextAsync("Waiting for Buyer's Return");
        await Expect(buyer.GetByTestId("return-address")).ToContainTextAsync("969 Wenyi West Road, Building 3");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Submit Return Information" }).ClickAsync();
        await BrowserFixture.SelectAsync(buyer, "return-carrier", "SF Express");
        await buyer.GetByTestId("return-tracking").FillAsync("SF1400000001");
        await buyer.GetByTestId("return-panel").GetByRole(AriaRole.Button, new() { Name = "Submit Return Information" }).ClickAsync();
        await Expect(buyer.GetByTestId("refund-status")).ToHaveTextAsync("Waiting for Seller to Confirm Receipt");

        // The seller sees the shipment and presses "Confirm Receipt and Refund".
        await seller.ReloadAsync();
        await Expect(seller.GetByTestId("return-shipment")).ToContainTextAsync("SF1400000001");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Confirm Receipt and Refund" }).ClickAsync();
        await seller.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Confirm Receipt and Refund" }).ClickAsync();
        await Expect(seller.GetByTestId("refund-status")).ToHaveTextAsync("Refund Successful");
        await Expect(seller.GetByTestId("refund-paid")).ToContainTextAsync("USD 118.00");

        await buyer.ReloadAsync();
        await Expect(buyer.GetByTestId("refund-status")).ToHaveTextAsync("Refund Successful");
        await Expect(buyer.GetByTestId("timeline")).ToContainTextAsync("Confirmed receipt of the return");
    }

    [Fact]
    public async Task RefundOnlyRefusedThenModifiedThenAgreed()
    {
        var buyer = await browser.NewPageAsync();
        await BrowserFixture.LogInAsync(buyer, "buyer2@example.com");
        await Expect(buyer.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await buyer.GotoAsync("purchased-items");
        var card = buyer.GetByTestId("order-card").Filter(new() { HasText = "Harbor Electronics Ltd." })
            .Filter(new() { HasText = "Insulated Water Bottle" });
        await Expect(card).ToHaveCountAsync(1);
        var orderNumber = (await card.GetByTestId("order-number").TextContentAsync())!.Trim();
        await BrowserFixture.ApplyForRefundAsync(buyer, card, "Refund only, no return", "Not received", goodsReceived: "Goods not received");
        var refundUrl = buyer.Url;

        var seller = await browser.NewPageAsync();
        await BrowserFixture.LogInAsync(seller, "seller2@example.com");
        await Expect(seller.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await BrowserFixture.NavLink(seller, "Refund Management").ClickAsync();
        await seller.GetByTestId("refund-search").FillAsync(orderNumber);
        await Expect(seller.GetByTestId("refund-row")).ToHaveCountAsync(1);
        await Expect(seller.GetByTestId("refund-row")).ToContainTextAsync("Needs my action");
        await seller.GetByTestId("refund-row").GetByRole(AriaRole.Link).First.ClickAsync();
        await seller.GetByRole(AriaRole.Button, new() { Name = "Refuse Refund" }).ClickAsync();
        await seller.GetByTestId("refuse-panel").GetByRole(AriaRole.Button, new() { Name = "Refuse Refund" }).ClickAsync();
        await Expect(seller.GetByText("Give the reason for refusing.")).ToBeVisibleAsync();
        await seller.GetByTestId("refuse-reason").FillAsync("Tracking shows it was delivered to the parcel locker.");
        await seller.GetByTestId("refuse-panel").GetByRole(AriaRole.Button, new() { Name = "Refuse Refund" }).ClickAsync();
        await Expect(seller.GetByTestId("refund-status")).ToHaveTextAsync("Seller Refused");

        await buyer.GotoAsync(refundUrl);
        await Expect(buyer.GetByTestId("refusal-reason")).ToContainTextAsync("parcel locker");
        await buyer.GetByRole(AriaRole.Link, new() { Name = "Modify Application" }).ClickAsync();
        await Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "Modify Application" })).ToBeVisibleAsync();
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await buyer.GetByTestId("refund-amount").FillAsync("12.00");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Submit Modified Application" }).ClickAsync();
        await Expect(buyer).ToHaveURLAsync(new Regex(Regex.Escape(refundUrl) + "$"));
        await Expect(buyer.GetByTestId("refund-status")).ToHaveTextAsync("Waiting for Seller's Confirmation");
        await Expect(buyer.GetByTestId("refund-amount")).ToContainTextAsync("USD 12.00");

        await seller.ReloadAsync();
        await seller.GetByRole(AriaRole.Button, new() { Name = "Agree to Refund Agreement" }).ClickAsync();
        await seller.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Agree and Refund" }).ClickAsync();
        await Expect(seller.GetByTestId("refund-status")).ToHaveTextAsync("Refund Successful");

        await buyer.ReloadAsync();
        await Expect(buyer.GetByTestId("refund-status")).ToHaveTextAsync("Refund Successful");
        await Expect(buyer.GetByTestId("refund-paid")).ToContainTextAsync("USD 12.00");
    }
}
