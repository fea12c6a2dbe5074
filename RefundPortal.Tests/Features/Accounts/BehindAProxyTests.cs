using System.Net;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Accounts;

/// <summary>
/// X-Forwarded-Proto and X-Forwarded-For count only from the proxies and networks the settings name: the app behind a
/// TLS-terminating proxy then sees https (its sign-in cookie is Secure), and anyone else's headers are ignored.
/// </summary>
public sealed class BehindAProxyTests(BehindAProxyTests.ProxiedApp fixture) : IClassFixture<BehindAProxyTests.ProxiedApp>
{
    public sealed class ProxiedApp : ServedApp
    {
        // The tests' own address is in the trusted network; the named proxy is someone else.
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["ForwardedHeaders:KnownProxies:0"] = "10.20.30.40",
            ["ForwardedHeaders:KnownNetworks:0"] = "127.0.0.0/8",
        };
    }

    [Fact]
    public async Task ATrustedProxysHttpsMakesTheSignInCookieSecure()
    {
        var cookie = await SignInCookieAsync(fixture.App);

        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Logs in through a "proxy" that says the client came over https; returns the sign-in cookie as set.</summary>
    internal static async Task<string> SignInCookieAsync(AppServer app, string email = "buyer2@example.com")
    {
        using var client = new PortalClient(app);
        using var page = await client.GetAsync("Account/Login");
        var token = PortalClient.AntiforgeryToken(await page.Content.ReadAsStringAsync());
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var http = new HttpClient(handler) { BaseAddress = app.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login", ["__RequestVerificationToken"] = token,
                ["Input.Email"] = email, ["Input.Password"] = "Demo#2026",
            }),
        };
        request.Headers.Add("Cookie", string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application="));
    }
}

/// <summary>The same "proxy" headers sent to the account tests' app, which names no proxy (it needs no app of its own).</summary>
[Collection(AccountsCollection.Name)]
public sealed class WithoutAProxyTests(AccountsApp fixture)
{
    [Fact]
    public async Task WithNoProxyConfiguredForwardedHeadersAreIgnored()
    {
        // seller2 only signs in in this collection (buyer2 is deleted by its personal data tests).
        var cookie = await BehindAProxyTests.SignInCookieAsync(fixture.App, "seller2@example.com");

        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
