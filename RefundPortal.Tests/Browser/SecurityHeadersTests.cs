using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RefundPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RefundPortal.Tests.Browser;

/// <summary>The headers every response carries, and that the portal still works under its Content-Security-Policy.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SecurityHeadersTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/")]
    [InlineData("/not-a-page")]
    [InlineData("/health/live")]
    public async Task EveryResponseCarriesThePolicyHeaders(string path)
    {
        using var http = new HttpClient { BaseAddress = browser.App.BaseUrl };

        var response = await http.GetAsync(path);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task ABuyerSignsInBrowsesAndStartsAnApplicationWithoutAPolicyViolation()
    {
        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text);
        };

        await BrowserFixture.LogInAsync(page, "buyer@example.com");
        await BrowserFixture.NavLink(page, "Purchased Items").ClickAsync();
        await Expect(page.GetByTestId("order-card").First).ToBeVisibleAsync();
        await page.GetByTestId("apply-for-refund").And(page.Locator(":not([disabled])")).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("apply-refund$"));
        await Expect(page.GetByTestId("step-items")).ToBeVisibleAsync();

        Assert.Empty(violations);
    }
}
