using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using RefundPortal.Data;
using RefundPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RefundPortal.Tests.Browser;

/// <summary>The real app with the marketplace's webhook receiver as its one endpoint.</summary>
public sealed class MarketplaceApp : IAsyncLifetime
{
    public WebhookReceiver Receiver { get; private set; } = null!;
    public AppServer App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        App = await AppServer.StartAsync(new Dictionary<string, string>
        {
            ["Webhooks:Endpoints:0:Url"] = Receiver.Url.ToString(),
            ["Webhooks:Endpoints:0:Secret"] = WebhookReceiver.Secret,
            ["Webhooks:RetryBaseDelay"] = "00:00:01",
            ["Webhooks:PollInterval"] = "00:00:01",
        });
    }

    public HttpClient Api() => new()
    {
        BaseAddress = App.BaseUrl,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", DemoWorld.ApiKey) },
    };

    public async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

/// <summary>
/// The whole integration, as the marketplace and two people see it: an order pushed by the API, a refund applied for
/// and agreed in the browser, the payout requested by webhook, and its result shown on the buyer's open page live.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MarketplacePayoutFlowTests(BrowserFixture browser, MarketplaceApp marketplace) : IClassFixture<MarketplaceApp>
{
    [Fact]
    public async Task AnOrderPushedByTheApiIsRefundedAndItsPayoutShowsPaidWithoutAReload()
    {
        using var api = marketplace.Api();
        var number = $"MP-{Guid.NewGuid():N}"[..14].ToUpperInvariant();
        var order = new JsonObject
        {
            ["buyer"] = new JsonObject { ["externalId"] = "mkt-buyer-1", ["email"] = "buyer@example.com", ["name"] = "Bella Buyer" },
            ["seller"] = new JsonObject { ["externalId"] = "mkt-seller-1", ["email"] = "seller@example.com", ["name"] = "Sunrise Outdoor Co." },
            ["currency"] = "USD",
            ["shippingFee"] = 0,
            ["placedAt"] = DateTime.UtcNow.AddHours(-3).ToString("O"),
            ["lines"] = new JsonArray(new JsonObject { ["sku"] = "TENT-2P", ["name"] = "Marketplace Tent 2P", ["quantity"] = 1, ["unitPrice"] = 12900 }),
        };
        using (var put = await api.PutAsync($"api/v1/orders/{number}", new StringContent(order.ToJsonString(), Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);

        var buyer = await browser.NewPageAsync(marketplace.App);
        await BrowserFixture.LogInAsync(buyer, "buyer@example.com");
        await Expect(buyer.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await BrowserFixture.NavLink(buyer, "Purchased Items").ClickAsync();
        var card = buyer.GetByTestId("order-card").Filter(new() { HasText = number });
        await Expect(card).ToContainTextAsync("Marketplace Tent 2P");
        await BrowserFixture.ApplyForRefundAsync(buyer, card, "Refund only, no return", "No longer needed");
        var refundUrl = buyer.Url;

        var seller = await browser.NewPageAsync(marketplace.App);
        await BrowserFixture.LogInAsync(seller, "seller@example.com");
        await Expect(seller.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await seller.GotoAsync(refundUrl);
        await seller.GetByRole(AriaRole.Button, new() { Name = "Agree to Refund Agreement" }).ClickAsync();
        await seller.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Agree and Refund" }).ClickAsync();
        await Expect(seller.GetByTestId("refund-status")).ToHaveTextAsync("Refund Successful");

        await Expect(buyer.GetByTestId("refund-status")).ToHaveTextAsync("Refund Successful");
        await Expect(buyer.GetByTestId("payout-state")).ToHaveTextAsync("Being paid");

        // The marketplace hears "pay this buyer this amount" and its payment system reports the transfer.
        var requested = (await marketplace.Receiver.WaitForAsync(events => events.Any(e => e.Type == "payout.requested"
                && e.Body.GetProperty("data").GetProperty("refund").GetProperty("orderNumber").GetString() == number)))
            .Single(e => e.Type == "payout.requested" && e.Body.GetProperty("data").GetProperty("refund").GetProperty("orderNumber").GetString() == number);
        var payout = requested.Body.GetProperty("data").GetProperty("payout");
        Assert.Equal((12900, "USD"), (payout.GetProperty("amount").GetInt32(), payout.GetProperty("currency").GetString()));
        var result = new JsonObject { ["status"] = "paid", ["reference"] = "BANK-TX-4711" };
        using (var paid = await api.PostAsync($"api/v1/payouts/{payout.GetProperty("id").GetGuid()}/result",
                   new StringContent(result.ToJsonString(), Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.OK, paid.StatusCode);

        await Expect(buyer.GetByTestId("payout-state")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Paid on .+, reference BANK-TX-4711$"));
        Assert.Empty(marketplace.Receiver.Refused);
    }
}
