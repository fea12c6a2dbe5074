using System.Net;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Accounts;

/// <summary>After signing in, registering or out, a return address of another site sends the person home, never there and never to an error.</summary>
[Collection(AccountsCollection.Name)]
public sealed class ReturnUrlTests(AccountsApp fixture)
{
    private AppServer App => fixture.App;

    public static TheoryData<string> Foreign => ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)", "http://[::1"];

    [Theory]
    [MemberData(nameof(Foreign))]
    public async Task LoggingInWithAForeignReturnUrlGoesHome(string returnUrl)
    {
        using var client = new PortalClient(App);

        using var response = await client.LogInAsync("seller@example.com", returnUrl: returnUrl);

        AssertRedirectedWithinTheApp(response, "/");
    }

    [Fact]
    public async Task LoggingInWithTheAppsOwnAbsoluteAddressReturnsThere()
    {
        using var client = new PortalClient(App);

        // What RedirectToLogin sends: the page asked for, as an absolute address of the app.
        using var response = await client.LogInAsync("seller@example.com", returnUrl: new Uri(App.BaseUrl, "sold?page=2").AbsoluteUri);

        AssertRedirectedWithinTheApp(response, "/sold?page=2");
    }

    [Fact]
    public async Task RegisteringWithAForeignReturnUrlStaysInTheApp()
    {
        using var client = new PortalClient(App);
        var address = $"ret-{Guid.NewGuid():N}"[..12] + "@example.com";

        using var response = await client.SubmitAsync($"Account/Register?ReturnUrl={Uri.EscapeDataString("https://evil.example/")}", "register",
            new Dictionary<string, string> { ["Input.Email"] = address, ["Input.Password"] = "Welcome#2026", ["Input.ConfirmPassword"] = "Welcome#2026" });

        // Not signed in yet: the address is confirmed first (and no return address travels with it).
        AssertRedirectedWithinTheApp(response, $"/Account/RegisterConfirmation?email={Uri.EscapeDataString(address)}");
    }

    [Theory]
    [InlineData("/evil.example/")]
    [InlineData("\\evil.example/")]
    public async Task LoggingOutWithAForeignReturnUrlGoesHome(string returnUrl)
    {
        using var client = new PortalClient(App);
        (await client.LogInAsync("seller2@example.com")).Dispose();

        using var response = await client.PostFromAsync("Account/Manage", "Account/Logout", new Dictionary<string, string> { ["returnUrl"] = returnUrl });

        AssertRedirectedWithinTheApp(response, "/");
    }

    private void AssertRedirectedWithinTheApp(HttpResponseMessage response, string pathAndQuery)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode}.");
        var location = response.Headers.Location!;
        var target = location.IsAbsoluteUri ? location : new Uri(App.BaseUrl, location);
        Assert.Equal(App.BaseUrl.Authority, target.Authority);
        Assert.Equal(pathAndQuery, target.PathAndQuery);
        Assert.DoesNotContain("evil.example", location.OriginalString);
        Assert.False(location.OriginalString.StartsWith("//") || location.OriginalString.StartsWith("/\\"), location.OriginalString);
    }
}
