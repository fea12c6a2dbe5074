using System.Net;
using System.Text.RegularExpressions;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Accounts;

/// <summary>
/// An address MailKit cannot take as one plain mailbox is refused where an account gets its email, with the message
/// next to the field, and nothing is saved or queued.
/// </summary>
[Collection(AccountsCollection.Name)]
public sealed class AccountEmailValidationTests(AccountsApp fixture)
{
    public const string Refusal = "Enter an email address that mail can be delivered to, like name@example.com.";
    private AppServer App => fixture.App;

    public static TheoryData<string> Undeliverable => ["a(b@example.com", "a..b@example.com", "deleted-123@invalid"];

    [Theory]
    [MemberData(nameof(Undeliverable))]
    public async Task RegisterRefusesAnUndeliverableAddress(string address)
    {
        using var client = new PortalClient(App);

        using var response = await client.SubmitAsync("Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.Email"] = address, ["Input.Password"] = "Welcome#2026", ["Input.ConfirmPassword"] = "Welcome#2026",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertRefusedNextToTheField(await response.Content.ReadAsStringAsync(), "Input.Email");
        Assert.Null(await PortalClient.ScalarAsync(App, "SELECT Id FROM AspNetUsers WHERE Email = $e OR UserName = $e", ("$e", address)));
        Assert.DoesNotContain(await PortalClient.OutboxAsync(App), e => e.To == address);
    }

    [Theory]
    [MemberData(nameof(Undeliverable))]
    public async Task ChangingTheEmailRefusesAnUndeliverableAddress(string address)
    {
        using var client = new PortalClient(App);
        (await client.LogInAsync("arbiter@example.com")).Dispose();

        using var response = await client.SubmitAsync("Account/Manage/Email", "change-email",
            new Dictionary<string, string> { ["Input.NewEmail"] = address });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        AssertRefusedNextToTheField(html, "Input.NewEmail");
        Assert.DoesNotContain("We sent a link to the new address", html);
        Assert.DoesNotContain(await PortalClient.OutboxAsync(App), e => e.To == address);
        Assert.Equal("arbiter@example.com",
            await PortalClient.ScalarAsync(App, "SELECT Email FROM AspNetUsers WHERE UserName = 'arbiter@example.com'"));
    }

    /// <summary>The message in the field's own block: after its input, before any other field.</summary>
    private static void AssertRefusedNextToTheField(string html, string field) =>
        Assert.Matches(new Regex($"name=\"{Regex.Escape(field)}\"(?:(?!name=\")[\\s\\S])*?<div[^>]*>\\s*{Regex.Escape(WebUtility.HtmlEncode(Refusal))}\\s*</div>"), html);
}
