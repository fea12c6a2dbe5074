using System.Net;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Accounts;

/// <summary>"Delete data and close my account" over HTTP, for a buyer with orders.</summary>
[Collection(AccountsCollection.Name)]
public sealed class DeletePersonalDataPageTests(AccountsApp fixture)
{
    private const string Email = "buyer2@example.com";
    private AppServer App => fixture.App;

    [Fact]
    public async Task AWrongPasswordDeletesNothing()
    {
        using var client = new PortalClient(App);
        (await client.LogInAsync(Email)).Dispose();

        using var response = await client.SubmitAsync("Account/Manage/DeletePersonalData", "delete-user",
            new Dictionary<string, string> { ["Input.Password"] = "Wrong#2026" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Incorrect password.", await response.Content.ReadAsStringAsync());
        Assert.Equal("Bruno Buyer", await PortalClient.ScalarAsync(App, "SELECT DisplayName FROM AspNetUsers WHERE Email = $e", ("$e", Email)));
    }

    [Fact]
    public async Task ABuyerWithOrdersIsAnonymisedSignedOutAndCannotSignInAgain()
    {
        var id = (string)(await PortalClient.ScalarAsync(App, "SELECT Id FROM AspNetUsers WHERE Email = $e", ("$e", Email)))!;
        var orders = await PortalClient.ScalarAsync(App, "SELECT COUNT(*) FROM Orders WHERE BuyerId = $id", ("$id", id));
        Assert.NotEqual(0L, orders);
        using var client = new PortalClient(App);
        (await client.LogInAsync(Email)).Dispose();

        using var response = await client.SubmitAsync("Account/Manage/DeletePersonalData", "delete-user",
            new Dictionary<string, string> { ["Input.Password"] = "Demo#2026" });

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode}.");
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=;"));
        using (var after = await client.GetAsync("Account/Manage"))
            Assert.Contains("/Account/Login", after.Headers.Location?.OriginalString ?? "");
        Assert.Equal("Deleted user", await PortalClient.ScalarAsync(App, "SELECT DisplayName FROM AspNetUsers WHERE Id = $id", ("$id", id)));
        Assert.Equal(orders, await PortalClient.ScalarAsync(App, "SELECT COUNT(*) FROM Orders WHERE BuyerId = $id", ("$id", id)));

        using var again = new PortalClient(App);
        using var login = await again.LogInAsync(Email);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("Invalid login attempt", await login.Content.ReadAsStringAsync());
    }
}
