using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RefundPortal.Tests.Support;

/// <summary>
/// The account pages as a new person goes through them in a browser: register, open the confirmation link the portal
/// mailed (read from the app's outbox), and log in.
/// </summary>
public static partial class AccountPages
{
    /// <summary>The password the tests' new accounts get.</summary>
    public const string NewPassword = "Right#Pass1";

    /// <summary>Fills in the registration form (on the page already open) without sending it.</summary>
    public static async Task FillRegistrationAsync(IPage page, string email, string password = NewPassword)
    {
        await page.Locator("#Input\\.Email").FillAsync(email);
        await page.Locator("#Input\\.Password").FillAsync(password);
        await page.Locator("#Input\\.ConfirmPassword").FillAsync(password);
    }

    /// <summary>Registers <paramref name="email"/>, confirms it through the mailed link and logs in: a new buyer, signed in.</summary>
    public static async Task RegisterAsync(IPage page, AppServer app, string email, string password = NewPassword,
        string registerButton = "Register", string logInButton = "Log in")
    {
        await page.GotoAsync("Account/Register");
        await FillRegistrationAsync(page, email, password);
        await page.GetByRole(AriaRole.Button, new() { Name = registerButton, Exact = true }).ClickAsync();
        await ConfirmAndLogInAsync(page, app, email, password, logInButton);
    }

    /// <summary>After "Register": waits for "Check your email", opens the confirmation link and logs in.</summary>
    public static async Task ConfirmAndLogInAsync(IPage page, AppServer app, string email, string password = NewPassword, string logInButton = "Log in")
    {
        await Expect(page).ToHaveURLAsync(new Regex("Account/RegisterConfirmation"));
        await page.GotoAsync(await ConfirmationLinkAsync(app, email));
        await Expect(page.GetByTestId("status-message")).ToBeVisibleAsync();
        await page.GotoAsync("Account/Login");
        await page.Locator("#Input\\.Email").FillAsync(email);
        await page.Locator("#Input\\.Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = logInButton, Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync(email);
    }

    /// <summary>The path and query of the newest confirmation link mailed to <paramref name="email"/> (relative to the app).</summary>
    public static async Task<string> ConfirmationLinkAsync(AppServer app, string email) =>
        (await LinkAsync(app, email, ConfirmLink())).TrimStart('/');

    /// <summary>The newest link matching <paramref name="pattern"/> in the mail to <paramref name="email"/>, as a path and query.</summary>
    public static async Task<string> LinkAsync(AppServer app, string email, Regex pattern)
    {
        var mail = (await PortalClient.OutboxAsync(app)).LastOrDefault(m => string.Equals(m.To, email, StringComparison.OrdinalIgnoreCase));
        var link = pattern.Match(mail.Text ?? "");
        Assert.True(link.Success, $"No such link in the mail to {email}: {mail.Text}");
        var uri = new Uri(System.Net.WebUtility.HtmlDecode(link.Value));
        return uri.PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+?/Account/ConfirmEmail\?\S+")]
    private static partial Regex ConfirmLink();
}
