using Microsoft.Playwright;
using RefundPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RefundPortal.Tests.Browser;

/// <summary>The admin's pages in a real browser, and what anyone else finds there.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminTests(BrowserFixture browser)
{
    [Fact]
    public async Task AnAdminCreatesAnApiClientWhoseKeyWorksAndABuyerFindsNoAdminPages()
    {
        var admin = await browser.NewPageAsync();
        await BrowserFixture.LogInAsync(admin, "admin@example.com");
        await Expect(admin.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await BrowserFixture.NavLink(admin, "API Clients").ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "API Clients" })).ToBeVisibleAsync();
        await admin.GetByTestId("client-name").FillAsync("Browser test marketplace");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create API Client" }).ClickAsync();
        var key = (await admin.GetByTestId("api-key").TextContentAsync())!.Trim();
        Assert.StartsWith("rp_", key);
        await Expect(admin.GetByTestId("client-row").Filter(new() { HasText = "Browser test marketplace" })).ToContainTextAsync("…" + key[^4..]);

        using (var api = new HttpClient { BaseAddress = browser.App.BaseUrl })
        {
            api.DefaultRequestHeaders.Authorization = new("Bearer", key);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await api.GetAsync("api/v1/refunds")).StatusCode);
        }

        await BrowserFixture.NavLink(admin, "Users and Roles").ClickAsync();
        await Expect(admin.GetByTestId("user-row").Filter(new() { HasText = "arbiter@example.com" }).GetByRole(AriaRole.Switch, new() { Name = "Arbiter" }))
            .ToBeCheckedAsync();

        var buyer = await browser.NewPageAsync();
        await BrowserFixture.LogInAsync(buyer, "buyer@example.com");
        await Expect(buyer.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await Expect(buyer.GetByRole(AriaRole.Navigation).GetByText("Admin")).ToHaveCountAsync(0);
        await buyer.GotoAsync("admin/users");
        // The product's own page, with a way back, not the template's "Access denied".
        await Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "Not available to your account" })).ToBeVisibleAsync();
        await Expect(buyer.GetByRole(AriaRole.Link, new() { Name = "Go to the home page" })).ToBeVisibleAsync();
        await Expect(buyer.GetByTestId("user-row")).ToHaveCountAsync(0);
        // The same page on an arbiter's page, reached inside the app.
        await buyer.GotoAsync("dispute-center");
        await Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "Not available to your account" })).ToBeVisibleAsync();
    }
}
