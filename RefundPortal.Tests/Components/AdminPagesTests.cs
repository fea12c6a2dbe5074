using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Admin;
using RefundPortal.Features.Admin.Pages;
using RefundPortal.Features.Languages;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Components;

/// <summary>The admin pages on the real services: what an admin sees once, and what they are told when an input is wrong.</summary>
public sealed class AdminPagesTests(TestApp app) : IClassFixture<TestApp>
{
    private Task<CurrentUser> AdminAsync() => app.UserAsync("admin@example.com");

    /// <summary>
    /// A context whose "Users and Roles" runs on the app's own UserAdmin: role changes go through Identity's UserManager,
    /// which the bUnit container does not have.
    /// </summary>
    private BunitContext UsersContext(CurrentUser admin)
    {
        var context = MudTestContext.Create(app, admin);
        context.Services.AddSingleton(app.Get<UserAdmin>());
        return context;
    }

    /// <summary>
    /// The person's row as the database has it once <paramref name="done"/> holds (or after 5 s): bUnit 2 has no
    /// asynchronous WaitForAssertion, and an async lambda given to the synchronous one would assert nothing.
    /// </summary>
    private async Task<UserRow> RowOnceAsync(string email, Func<UserRow, bool> done)
    {
        for (var i = 0; ; i++)
        {
            var row = (await app.Get<UserAdmin>().ListAsync(await AdminAsync(), email, 1)).Items.Single();
            if (done(row) || i == 50) return row;
            await Task.Delay(100);
        }
    }

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
        await using var context = UsersContext(await AdminAsync());
        var page = context.Render<AdminUsers>();
        // The class's few accounts fit on the first page.
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=user-row]"), r => r.TextContent.Contains(person.Email)));
        page.FindAll("[data-testid=user-row]").Single(r => r.TextContent.Contains(person.Email)).QuerySelector("[data-testid=role-Seller]")!.Change(true);

        Assert.Equal([Roles.Buyer, Roles.Seller], (await RowOnceAsync(person.Email, r => r.Roles.Contains(Roles.Seller))).Roles);
        page.WaitForAssertion(() => Assert.Contains(context.Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars,
            s => s.Message == $"{person.Email} is now Seller."), TimeSpan.FromSeconds(5));
    }
    [Fact]
    public async Task TheApiClientsPageInChineseRefusesAnEmptyNameInChinese()
    {
        await using var context = MudTestContext.Create(app, await AdminAsync());
        context.Services.GetRequiredService<PortalLanguage>().Use(Languages.Chinese);
        var page = context.Render<LanguageScope>(p => p.AddChildContent<ApiClients>());
        page.WaitForAssertion(() => Assert.Equal("API 客户端", page.Find("h1").TextContent.Trim()));
        Assert.Contains("客户端名称", page.Find("label").TextContent);

        page.FindAll("button").First(b => b.TextContent.Trim() == "创建 API 客户端").Click();

        page.WaitForAssertion(() => Assert.Contains("请填写客户端名称，例如电商平台的系统名称。", page.Markup));
        Assert.DoesNotContain("Name the client", page.Markup);
        Assert.Empty(page.FindAll("[data-testid=new-api-key]"));
    }

    [Fact]
    public async Task TheWebhooksPageInChineseRefusesABadAddressInChinese()
    {
        await using var context = MudTestContext.Create(app, await AdminAsync());
        context.Services.GetRequiredService<PortalLanguage>().Use(Languages.Chinese);
        var page = context.Render<LanguageScope>(p => p.AddChildContent<Webhooks>());
        page.WaitForAssertion(() => Assert.Equal("Webhook 推送", page.Find("h1").TextContent.Trim()));
        Assert.Equal("添加推送地址", page.Find("h2").TextContent.Trim());

        page.Find("[data-testid=endpoint-url]").Change("ftp://hooks.example.com/refunds");
        page.FindAll("button").First(b => b.TextContent.Trim() == "添加地址").Click();

        page.WaitForAssertion(() => Assert.Contains("请填写完整的 https 地址，例如 https://marketplace.example.com/hooks/refunds。", page.Markup));
        Assert.Empty(page.FindAll("[data-testid=endpoint-secret]"));
    }

    [Fact]
    public async Task UsersAndRolesInChineseNamesTheRolesAndRefusesTakingAwayOnesOwnAdminInChinese()
    {
        var admin = await AdminAsync();
        await using var context = UsersContext(admin);
        context.Services.GetRequiredService<PortalLanguage>().Use(Languages.Chinese);
        var page = context.Render<LanguageScope>(p => p.AddChildContent<AdminUsers>());
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=user-row]")), TimeSpan.FromSeconds(5));
        Assert.Equal("用户与角色", page.Find("h1").TextContent.Trim());

        var search = page.Find("input[data-testid=user-search]");
        search.Input(admin.Email);
        search.Blur();
        page.WaitForAssertion(() => Assert.Contains(admin.Email, Assert.Single(page.FindAll("[data-testid=user-row]")).TextContent), TimeSpan.FromSeconds(5));
        var row = page.Find("[data-testid=user-row]");
        Assert.Equal(["卖家", "平台仲裁员", "管理员"], row.QuerySelectorAll("label.mud-switch").Select(l => l.TextContent.Trim()));

        row.QuerySelector("[data-testid=role-Admin]")!.Change(false);

        page.WaitForAssertion(() => Assert.Equal("您不能取消自己的管理员角色，需由其他管理员操作。", page.Find("[data-testid=action-message]").TextContent.Trim()),
            TimeSpan.FromSeconds(5));
        Assert.Contains(Roles.Admin, (await RowOnceAsync(admin.Email, _ => true)).Roles);
    }
}
