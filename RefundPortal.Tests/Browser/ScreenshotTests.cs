using Microsoft.Playwright;
using RefundPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RefundPortal.Tests.Browser;

/// <summary>
/// The main pages on a laptop (1280 px) and a phone (390 px), each checked to show its heading and not to scroll
/// sideways, and saved as PNG where REFUNDPORTAL_SCREENSHOTS says (the README's pictures in docs/screenshots were made
/// so). Run on request only: the phone layouts are checked on every run by <see cref="PhoneLayoutTests"/>, and these
/// pictures would add half a minute to each.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserFixture browser, OwnApp own) : IClassFixture<OwnApp>
{
    private static readonly string Folder = Environment.GetEnvironmentVariable(ScreenshotTheoryAttribute.Variable) ?? "";

    private async Task<IPage> SignedInAsync(string email, int width, int height)
    {
        var page = await browser.NewPageAsync(own.App, width, height);
        await BrowserFixture.LogInAsync(page, email);
        await Expect(page.GetByTestId("bell")).ToBeVisibleAsync();
        return page;
    }

    private static async Task ShootAsync(IPage page, string path, string heading, string name, int width)
    {
        await page.GotoAsync(path);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-progress-linear")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= width, $"{path} scrolls sideways at {width} px.");
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, $"{name}-{(width < 600 ? "phone" : "laptop")}.png") });
    }

    [ScreenshotTheory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task TheMainPagesOnALaptopAndAPhone(int width, int height)
    {
        var visitor = await browser.NewPageAsync(own.App, width, height);
        await ShootAsync(visitor, "Account/Login", "Log in", "login", width);

        var buyer = await SignedInAsync(width < 600 ? "buyer2@example.com" : "buyer@example.com", width, height);
        await ShootAsync(buyer, "purchased-items", "Purchased Items", "purchased-items", width);
        await buyer.GotoAsync("purchased-items");
        var received = buyer.GetByTestId("order-card").Filter(new() { HasText = "Received" }).Filter(new() { HasNotText = "Completed" })
            .Filter(new() { Has = buyer.GetByTestId("apply-for-refund") }).First;
        await BrowserFixture.ApplyForRefundAsync(buyer, received, "Refund only", "Wrong item", "A different colour came.", BrowserFixture.Png("colour.png"));
        var refund = new Uri(buyer.Url).AbsolutePath.TrimStart('/');
        var id = refund.Split('/')[1];
        await ShootAsync(buyer, refund, $"Refund #{id}", "refund-buyer", width);

        var seller = await SignedInAsync(width < 600 ? "seller2@example.com" : "seller@example.com", width, height);
        await ShootAsync(seller, "", "RefundPortal", "home-seller", width);
        await ShootAsync(seller, "refund-management", "Refund Management", "refund-management", width);
        await ShootAsync(seller, "refund-statistics", "Refund Statistics", "refund-statistics", width);
        // The new request left the seller an unread notification: the bell's badge shows whole, inside the app bar.
        var badge = seller.GetByTestId("bell-count").Locator(".mud-badge");
        await Expect(badge).ToBeVisibleAsync();
        var (box, bar) = ((await badge.BoundingBoxAsync())!, (await seller.Locator(".mud-appbar").BoundingBoxAsync())!);
        Assert.True(box.Y >= bar.Y && box.Y + box.Height <= bar.Y + bar.Height && box.X + box.Width <= width,
            $"The bell's badge is at {box.X:0},{box.Y:0} ({box.Width:0}×{box.Height:0}); the app bar spans {bar.Y:0}–{bar.Y + bar.Height:0}.");
        var arbiter = await SignedInAsync("arbiter@example.com", width, height);
        await ShootAsync(arbiter, "dispute-center", "Dispute Center", "dispute-center", width);
        await ShootAsync(arbiter, "dispute-board", "Dispute Board", "dispute-board", width);
    }
}

/// <summary>A theory that runs only when REFUNDPORTAL_SCREENSHOTS names the folder for the pictures.</summary>
public sealed class ScreenshotTheoryAttribute : TheoryAttribute
{
    public const string Variable = "REFUNDPORTAL_SCREENSHOTS";

    public ScreenshotTheoryAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable))) Skip = $"Takes the README's screenshots when {Variable} names a folder.";
    }
}
