using System.Security.Cryptography;
using Microsoft.Playwright;
using RefundPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RefundPortal.Tests.Browser;

/// <summary>Two-factor authentication on the static account pages, end to end: set up, log in with a code, with a recovery code.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountTwoFactorTests(BrowserFixture browser)
{
    /// <summary>The code an authenticator app shows now for this key (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits).</summary>
    private static string AuthenticatorCode(string key)
    {
        var secret = Base32(key.Replace(" ", "").ToUpperInvariant());
        var step = BitConverter.GetBytes(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian) Array.Reverse(step);
        var hash = HMACSHA1.HashData(secret, step);
        var offset = hash[^1] & 0x0f;
        var number = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (number % 1_000_000).ToString("D6");
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }

    private static async Task LogOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Toolbar).GetByRole(AriaRole.Link, new() { Name = "Log in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task APersonSetsUpAnAuthenticatorAndLogsInWithItsCodeAndWithARecoveryCode()
    {
        var page = await browser.NewPageAsync();
        var email = $"2fa-{Guid.NewGuid():N}@example.com";
        await AccountPages.RegisterAsync(page, browser.App, email);

        await page.GotoAsync("Account/Manage/TwoFactorAuthentication");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add an authenticator app" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Set up an authenticator app");
        var key = (await page.GetByTestId("authenticator-key").TextContentAsync())!;
        await page.GetByLabel("Verification code").FillAsync(AuthenticatorCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("Recovery codes");
        await Expect(page.GetByTestId("status-message")).ToHaveTextAsync("Your authenticator app has been verified.");
        var codes = await page.GetByTestId("recovery-codes").Locator("li").AllTextContentsAsync();
        Assert.Equal(10, codes.Count);
        await page.GotoAsync("Account/Manage/TwoFactorAuthentication");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Turn off" })).ToBeVisibleAsync();

        // A code of the wrong length is refused under its field; the right one logs in, and the browser may be remembered.
        await LogOutAsync(page);
        await BrowserFixture.LogInAsync(page, email, "Right#Pass1");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Two-factor authentication");
        var code = page.GetByLabel("Authenticator code");
        await code.FillAsync("12345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.Locator($"[id='{await code.GetAttributeAsync("aria-describedby")}']")).ToHaveTextAsync("Enter the 6 digits your app shows.");
        await code.FillAsync(AuthenticatorCode(key));
        await page.GetByLabel("Remember this browser").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync(email);
        await page.GotoAsync("Account/Manage/TwoFactorAuthentication");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Forget this browser" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Forget this browser" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Forget this browser" })).ToHaveCountAsync(0);

        // Without the phone: a recovery code, once.
        await LogOutAsync(page);
        await BrowserFixture.LogInAsync(page, email, "Right#Pass1");
        await page.GetByRole(AriaRole.Link, new() { Name = "Log in with a recovery code" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Log in with a recovery code");
        await page.GetByLabel("Recovery code").FillAsync(codes[0]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync(email);
    }
}
