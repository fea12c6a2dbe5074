using Bunit;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Admin;
using RefundPortal.Features.Admin.Pages;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Components;

/// <summary>The admin pages on the real services: what an admin sees once, and what they are told when an input is wrong.</summary>
public sealed class AdminPagesTests(TestApp app) : IClassFixture<TestApp>
{
    private Task<CurrentUser> AdminAsync() => app.UserAsync("admin@example.com");

    private static void Click(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> page, string text) =>
        page.FindAll("button").First(b => b.TextContent.Trim() == text).Click();

    [Fact]
    public async Task ACreatedApiClientsKeyIsShownOnceAndNeverAgain()
    {
        await using var context = MudTestContext.Create(app, await AdminAsync());
        var page = context.Render<ApiClients>();
        page.Find("[data-testid=client-name]").Change("Warehouse system");
        page.FindAll("button").First(b => b.TextContent.Trim() == "Create API Client").Click();

        page.WaitForAssertion(() => Assert.StartsWith("rp_", page.Find("[data-testid=api-key]").TextContent));
        var key = page.Find("[data-testid=api-key]").TextContent;
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=client-row]"),
            r => r.TextContent.Contains("Warehouse system") && r.TextContent.Contains("…" + key[^4..])));

        await using var later = MudTestContext.Create(app, await AdminAsync());
        var again = later.Render<ApiClients>();
        again.WaitForAssertion(() => Assert.NotEmpty(again.FindAll("[data-testid=client-row]")));
        Assert.DoesNotContain(key, again.Markup);
    }

    [Fact]
    public async Task AnEmptyNameIsRefusedNextToTheField()
    {
        await using var context = MudTestContext.Create(app, await AdminAsync());
        var page = context.Render<ApiClients>();
        page.FindAll("button").First(b => b.TextContent.Trim() == "Create API Client").Click();
        page.WaitForAssertion(() => Assert.Contains("Name the client, for example the marketplace", page.Markup));
        Assert.Empty(page.FindAll("[data-testid=new-api-key]"));
    }

    [Fact]
    public async Task AWebhookEndpointNeedsAnHttpsAddressAndShowsItsSecretOnceAdded()
    {
        await using var context = MudTestContext.Create(app, await AdminAsync());
        var page = context.Render<Webhooks>();
        page.Find("[data-testid=endpoint-url]").Change("ftp://hooks.example.com/refunds");
        page.FindAll("button").First(b => b.TextContent.Trim() == "Add Endpoint").Click();
        page.WaitForAssertion(() => Assert.Contains("Enter an absolute https address", page.Markup));
        Assert.Empty(page.FindAll("[data-testid=endpoint-row]"));

        var url = $"https://hooks.example.com/{Guid.NewGuid():N}";
        page.Find("[data-testid=endpoint-url]").Change(url);
        page.FindAll("label").First(l => l.TextContent.Trim() == "payout.requested").QuerySelector("input")!.Change(true);
        page.FindAll("button").First(b => b.TextContent.Trim() == "Add Endpoint").Click();

        page.WaitForAssertion(() => Assert.Contains("whsec_", page.Find("[data-testid=endpoint-secret]").TextContent));
        var row = page.FindAll("[data-testid=endpoint-row]").Single(r => r.TextContent.Contains(url));
        Assert.Contains("payout.requested", row.TextContent);
        Assert.DoesNotContain("All events", row.TextContent);
    }

    [Fact]
    public async Task SwitchingARoleOnGrantsIt()
    {
        var person = await app.NewUserAsync("shopkeeper", Roles.Buyer);
        await using var context = MudTestContext.Create(app, await AdminAsync());
        var page = context.Render<AdminUsers>();
        // The class's few accounts fit on the first page.
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=user-row]"), r => r.TextContent.Contains(person.Email)));
        page.FindAll("[data-testid=user-row]").Single(r => r.TextContent.Contains(person.Email)).QuerySelector("[data-testid=role-Seller]")!.Change(true);

        page.WaitForAssertion(async () =>
        {
            var listed = await app.Get<UserAdmin>().ListAsync(await AdminAsync(), person.Email, 1);
            Assert.Equal([Roles.Buyer, Roles.Seller], listed.Items.Single().Roles);
        });
    }
}
