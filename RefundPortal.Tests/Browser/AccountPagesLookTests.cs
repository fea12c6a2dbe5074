using System.Net;
using Microsoft.Playwright;
using RefundPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RefundPortal.Tests.Browser;

/// <summary>The account pages in the product's look: MudBlazor and the theme, no Bootstrap left over from the template.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountPagesLookTests(BrowserFixture browser)
{
    /// <summary>The theme's primary colour (MainLayout), as the browser computes it.</summary>
    private const string Primary = "rgb(194, 65, 12)";

    private static async Task<List<string>> StylesheetsAsync(IPage page) =>
        [.. await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.href)")];

    private static Task<string> StyleAsync(ILocator element, string property) =>
        element.EvaluateAsync<string>($"e => getComputedStyle(e).getPropertyValue('{property}')");

    [Fact]
    public async Task NoPageLoadsBootstrap()
    {
        var page = await browser.NewPageAsync();
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);

        await page.GotoAsync("Account/Login");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Log in");
        var onLogin = await StylesheetsAsync(page);
        await BrowserFixture.LogInAsync(page, "buyer@example.com");
        await Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await page.GotoAsync("Account/Manage/ChangePassword");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Change password");
        var onManage = await StylesheetsAsync(page);

        Assert.Contains(onLogin, href => href.Contains("/_content/MudBlazor/MudBlazor.min."));
        Assert.DoesNotContain(onLogin.Concat(onManage), href => href.Contains("bootstrap", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(requested, url => url.Contains("bootstrap", StringComparison.OrdinalIgnoreCase));
        var file = await page.APIRequest.GetAsync("lib/bootstrap/dist/css/bootstrap.min.css");
        Assert.Equal((int)HttpStatusCode.NotFound, file.Status);
    }

    [Fact]
    public async Task TheLoginButtonIsAMudButtonInThePrimaryColourAndTheHeadingsMatchTheProducts()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("Account/Login");
        var submit = page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true });

        await Expect(submit).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bmud-button-filled-primary\b"));
        Assert.Equal("submit", await submit.GetAttributeAsync("type"));
        Assert.Equal(Primary, await StyleAsync(submit, "background-color"));
        var accountHeading = await StyleAsync(page.Locator("h1"), "font-size");

        await BrowserFixture.LogInAsync(page, "buyer@example.com");
        await page.GotoAsync("purchased-items");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Purchased Items");
        Assert.Equal(await StyleAsync(page.Locator("h1"), "font-size"), accountHeading);
        await page.GotoAsync("Account/Manage/Passkeys");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Passkeys");
        Assert.Equal(accountHeading, await StyleAsync(page.Locator("h1"), "font-size"));
    }

    [Fact]
    public async Task AFieldsRefusalIsShownUnderItAndDescribesIt()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("Account/ForgotPassword");
        var email = page.GetByLabel("Email");
        await email.FillAsync("not an address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();

        await Expect(email).ToHaveAttributeAsync("aria-invalid", "true");
        var description = page.Locator($"[id='{await email.GetAttributeAsync("aria-describedby")}']");
        await Expect(description).ToHaveTextAsync(RefundPortal.Features.Accounts.DeliverableEmailAttribute.Message);
        Assert.Equal("rgb(198, 40, 40)", await StyleAsync(description.Locator(".validation-message"), "color"));
        var (field, message) = ((await email.BoundingBoxAsync())!, (await description.BoundingBoxAsync())!);
        Assert.True(message.Y >= field.Y + field.Height, "The refusal is not under its field.");
    }
}
