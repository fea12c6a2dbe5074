using System.Text.Json;
using Microsoft.Playwright;
using RefundPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RefundPortal.Tests.Browser;

/// <summary>
/// Passkeys on the static account pages with Chromium's virtual authenticator: add, name, log in with, delete. The page
/// is opened as "localhost" (WebAuthn refuses an IP address as the relying party).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountPasskeyTests(BrowserFixture browser)
{
    private async Task<IPage> OnLocalhostWithAnAuthenticatorAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = $"http://localhost:{browser.App.BaseUrl.Port}/",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true,
                ["hasUserVerification"] = true, ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });
        return page;
    }

    [Fact]
    public async Task APersonAddsNamesLogsInWithAndDeletesAPasskey()
    {
        var page = await OnLocalhostWithAnAuthenticatorAsync();
        var email = $"passkey-{Guid.NewGuid():N}@example.com";
        await AccountPages.RegisterAsync(page, browser.App, email);

        await page.GotoAsync("Account/Manage/Passkeys");
        await Expect(page.GetByText("You have no passkeys yet.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Name your passkey");
        await page.GetByLabel("Passkey name").FillAsync("Work laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByTestId("status-message")).ToHaveTextAsync("The passkey was renamed.");
        await Expect(page.GetByTestId("passkey")).ToContainTextAsync("Work laptop");

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Toolbar).GetByRole(AriaRole.Link, new() { Name = "Log in" })).ToBeVisibleAsync();
        // The login page offers the passkey as the email field's autofill (conditional mediation), and the virtual
        // authenticator, which needs no touch, answers it at once: the person is logged in without a password.
        await page.GotoAsync("Account/Login");
        await Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync(email);

        await page.GotoAsync("Account/Manage/Passkeys");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Work laptop" }).ClickAsync();
        await Expect(page.GetByTestId("status-message")).ToHaveTextAsync("The passkey was deleted.");
        await Expect(page.GetByText("You have no passkeys yet.")).ToBeVisibleAsync();
    }
}
