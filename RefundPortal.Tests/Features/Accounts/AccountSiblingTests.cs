using System.Net;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Accounts;

/// <summary>The account endpoints beside the reported ones: the personal data download and the links mailed out.</summary>
[Collection(AccountsCollection.Name)]
public sealed class AccountSiblingTests(AccountsApp fixture)
{
    private AppServer App => fixture.App;

    [Fact]
    public async Task APersonalDataDownloadWithoutTheFormsTokenIsRefused()
    {
        using var client = new PortalClient(App);
        (await client.LogInAsync("seller@example.com")).Dispose();

        using var response = await client.PostAsync("Account/Manage/DownloadPersonalData", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ThePersonalDataDownloadHoldsTheNameOthersSee()
    {
        using var client = new PortalClient(App);
        (await client.LogInAsync("seller@example.com")).Dispose();

        using var response = await client.PostFromAsync("Account/Manage/PersonalData", "Account/Manage/DownloadPersonalData",
            new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"DisplayName\":\"Sunrise Outdoor Co.\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AMangledEmailConfirmationLinkSaysSoInsteadOfFailing()
    {
        var id = await UserIdAsync("buyer@example.com");
        using var client = new PortalClient(App);

        using var response = await client.GetAsync($"Account/ConfirmEmail?userId={id}&code=a");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Error confirming your email.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AMangledEmailChangeLinkSaysSoInsteadOfFailing()
    {
        var id = await UserIdAsync("buyer@example.com");
        using var client = new PortalClient(App);

        using var response = await client.GetAsync($"Account/ConfirmEmailChange?userId={id}&email=new%40example.com&code=a");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Error changing email.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AMangledPasswordResetLinkGoesToTheInvalidLinkPage()
    {
        using var client = new PortalClient(App);

        using var response = await client.GetAsync("Account/ResetPassword?code=a");

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode}.");
        Assert.EndsWith("/Account/InvalidPasswordReset", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TheRegistrationConfirmationPageDoesNotTellWhichAddressesHaveAnAccount()
    {
        using var client = new PortalClient(App);

        using var known = await client.GetAsync("Account/RegisterConfirmation?email=buyer%40example.com");
        using var unknown = await client.GetAsync("Account/RegisterConfirmation?email=nobody%40example.com");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (known.StatusCode, unknown.StatusCode));
        Assert.DoesNotContain("Error finding user", await unknown.Content.ReadAsStringAsync());
    }

    private async Task<string> UserIdAsync(string email) =>
        (string)(await PortalClient.ScalarAsync(App, "SELECT Id FROM AspNetUsers WHERE Email = $e", ("$e", email)))!;
}
