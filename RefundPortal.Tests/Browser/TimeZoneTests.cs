using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RefundPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RefundPortal.Tests.Browser;

/// <summary>
/// A reader whose browser is in Shanghai sees times in UTC+08:00, named so; choosing New York in the account moves
/// them there. On the demo world's yen order, amounts are whole yen.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class TimeZoneTests(BrowserFixture browser, OwnApp own) : IClassFixture<OwnApp>
{
    [GeneratedRegex(@"(\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}) (UTC\+08:00|E[SD]T)")]
    private static partial Regex Moment();

    /// <summary>The time of the timeline's first entry, read in the zone its name gives, as UTC.</summary>
    private static async Task<(DateTime Utc, string Zone)> FirstTimelineMomentAsync(IPage page)
    {
        var match = Moment().Match(await page.GetByTestId("timeline").Locator("li").Last.InnerTextAsync());
        Assert.True(match.Success, "The timeline names no zone the test expects.");
        var local = DateTime.ParseExact(match.Groups[1].Value, "d MMM yyyy HH:mm", CultureInfo.InvariantCulture);
        var offset = match.Groups[2].Value switch { "UTC+08:00" => 8, "EST" => -5, _ => -4 };
        return (local.AddHours(-offset), match.Groups[2].Value);
    }

    [Fact]
    public async Task TimesFollowTheBrowsersZoneUntilTheAccountChoosesOne()
    {
        var page = await browser.NewPageAsync(own.App, timeZone: "Asia/Shanghai");
        await BrowserFixture.LogInAsync(page, "buyer2@example.com");
        await Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();

        // The yen order: whole yen everywhere.
        await page.GotoAsync("purchased-items");
        var card = page.GetByTestId("order-card").Filter(new() { HasText = "Cast Iron Tea Kettle" });
        await Expect(card).ToContainTextAsync("JPY 9,100");
        await BrowserFixture.ApplyForRefundAsync(page, card, "Refund only, no return", "Quality problem", "The kettle is cracked.",
            BrowserFixture.Png("crack.png"), goodsReceived: "Goods received", product: "Cast Iron Tea Kettle");
        await Expect(page.GetByTestId("refund-amount")).ToContainTextAsync("JPY 4,800");
        var refundPath = new Uri(page.Url).AbsolutePath.TrimStart('/');

        // The browser's zone, named by its offset: China's "CST" would read as US Central.
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("UTC+08:00");
        var (inShanghai, _) = await FirstTimelineMomentAsync(page);

        // The account page offers the browser's zone first, and refuses a zone that is not on its list.
        await page.GotoAsync("Account/Manage/TimeZone");
        var select = page.Locator("#Input\\.ZoneId");
        await Expect(select.Locator("option").First).ToHaveTextAsync("Use my browser's time zone (currently Asia/Shanghai, UTC+08:00)");
        await select.EvaluateAsync("s => { s.options[1].value = 'Mars/Olympus_Mons'; s.selectedIndex = 1; }");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Choose a time zone from the list: that one is not known here.");
        await page.GotoAsync(refundPath);
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("UTC+08:00");

        // New York, chosen in the account, wins over the browser.
        await page.GotoAsync("Account/Manage/TimeZone");
        await select.SelectOptionAsync("America/New_York");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Your time zone has been updated");
        await Expect(select).ToHaveValueAsync("America/New_York");

        await page.GotoAsync(refundPath);
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync(new Regex("E[SD]T"));
        await Expect(page.GetByTestId("timeline")).Not.ToContainTextAsync("UTC+08:00");
        var (inNewYork, zone) = await FirstTimelineMomentAsync(page);
        Assert.Equal(inShanghai, inNewYork);
        Assert.Matches("E[SD]T", zone);
    }
}
