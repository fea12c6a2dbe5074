using System.Net;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Accounts;

/// <summary>Every link the account pages put in an email points at App:BaseUrl, whatever Host the request named.</summary>
[Collection(AccountsCollection.Name)]
public sealed class AccountEmailLinksTests(AccountsApp fixture)
{
    private const string ForgedHost = "evil.example:8443";
    private AppServer App => fixture.App;

    [Fact]
    public async Task APasswordResetLinkPointsAtTheBaseUrlNotTheHostHeader()
    {
        using var client = new PortalClient(App);

        using var response = await client.SubmitAsync("Account/ForgotPassword", "forgot-password",
            new Dictionary<string, string> { ["Input.Email"] = "buyer@example.com" }, host: ForgedHost);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var email = await LastEmailToAsync("buyer@example.com", "Reset your password");
        AssertLinksOnlyTo($"{AccountsApp.PublicBaseUrl}Account/ResetPassword?code=", email);
    }

    [Fact]
    public async Task AResentConfirmationLinkPointsAtTheBaseUrl()
    {
        using var client = new PortalClient(App);

        using var response = await client.SubmitAsync("Account/ResendEmailConfirmation", "resend-email-confirmation",
            new Dictionary<string, string> { ["Input.Email"] = "buyer@example.com" }, host: ForgedHost);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var email = await LastEmailToAsync("buyer@example.com", "Confirm your email");
        AssertLinksOnlyTo($"{AccountsApp.PublicBaseUrl}Account/ConfirmEmail?userId=", email);
    }

    [Fact]
    public async Task ARegistrationConfirmationLinkPointsAtTheBaseUrl()
    {
        using var client = new PortalClient(App);
        var address = $"new-{Guid.NewGuid():N}"[..12] + "@example.com";

        using var response = await client.SubmitAsync("Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.Email"] = address, ["Input.Password"] = "Welcome#2026", ["Input.ConfirmPassword"] = "Welcome#2026",
        }, host: ForgedHost);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var email = await LastEmailToAsync(address, "Confirm your email");
        AssertLinksOnlyTo($"{AccountsApp.PublicBaseUrl}Account/ConfirmEmail?userId=", email);
    }

    [Fact]
    public async Task AnEmailChangeLinkPointsAtTheBaseUrl()
    {
        using var client = new PortalClient(App);
        (await client.LogInAsync("arbiter@example.com")).Dispose();
        var address = $"ada-{Guid.NewGuid():N}"[..12] + "@example.com";

        using var response = await client.SubmitAsync("Account/Manage/Email", "change-email",
            new Dictionary<string, string> { ["Input.NewEmail"] = address }, host: ForgedHost);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("We sent a link to the new address", await response.Content.ReadAsStringAsync());
        var email = await LastEmailToAsync(address, "Confirm your email");
        AssertLinksOnlyTo($"{AccountsApp.PublicBaseUrl}Account/ConfirmEmailChange?userId=", email);
    }

    private async Task<(string To, string Subject, string Text, string Html)> LastEmailToAsync(string address, string subject)
    {
        var emails = await PortalClient.OutboxAsync(App);
        return Assert.Single(emails.Where(e => e.To == address && e.Subject.Contains(subject)).TakeLast(1));
    }

    private static void AssertLinksOnlyTo(string expectedStart, (string To, string Subject, string Text, string Html) email)
    {
        Assert.Contains(expectedStart, email.Text);
        Assert.Contains(WebUtility.HtmlEncode(expectedStart), email.Html);
        foreach (var body in new[] { email.Text, email.Html })
        {
            Assert.DoesNotContain("evil.example", body);
            Assert.DoesNotContain("127.0.0.1", body);
        }
    }
}
