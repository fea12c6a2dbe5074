using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Notifications;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Accounts;

/// <summary>The reader's zone: the account's choice, else the browser's cookie, else UTC; and the choice as it is saved.</summary>
public sealed class ReaderTimeTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly DateTime Winter = new(2026, 12, 3, 14, 5, 0, DateTimeKind.Utc);

    /// <summary>A fresh circuit's ReaderTime, resolved as Routes resolves it.</summary>
    private async Task<ReaderTime> ResolvedAsync(CurrentUser? user, string? cookie)
    {
        var time = ActivatorUtilities.CreateInstance<ReaderTime>(app.Services);
        await time.ResolveAsync(user, cookie);
        return time;
    }

    private async Task<string?> StoredAsync(CurrentUser user)
    {
        await using var db = app.NewDb();
        return await db.Users.Where(u => u.Id == user.Id).Select(u => u.TimeZoneId).SingleAsync();
    }

    [Fact]
    public async Task WithNoChoiceAndNoCookieTimesAreInUtc()
    {
        var (buyer, _) = await app.NewBuyerAndSellerAsync();
        var time = await ResolvedAsync(buyer, null);
        Assert.Equal("3 Dec 2026 14:05 UTC", time.Moment(Winter));
    }

    [Fact]
    public async Task WithNoChoiceTheBrowsersZoneIsUsed()
    {
        var (buyer, _) = await app.NewBuyerAndSellerAsync();
        var time = await ResolvedAsync(buyer, "Europe/Berlin");
        Assert.Equal("3 Dec 2026 15:05 CET", time.Moment(Winter));
        Assert.Equal("Europe/Berlin", time.BrowserZone?.Id);
    }

    [Fact]
    public async Task TheAccountsChoiceWinsOverTheBrowser()
    {
        var (buyer, _) = await app.NewBuyerAndSellerAsync();
        Assert.Null(await app.Get<TimeZonePreference>().SetAsync(buyer, "America/New_York"));

        var time = await ResolvedAsync(buyer, "Asia/Shanghai");

        Assert.Equal("3 Dec 2026 09:05 EST", time.Moment(Winter));
        Assert.Equal("Asia/Shanghai", time.BrowserZone?.Id);
        Assert.Equal("America/New_York", time.ChosenZone?.Id);
    }

    [Theory]
    [InlineData("../../../etc/passwd")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Europe/Berlin\"; path=/")]
    [InlineData("")]
    public async Task ABadCookieIsIgnored(string cookie)
    {
        var (buyer, _) = await app.NewBuyerAndSellerAsync();
        var time = await ResolvedAsync(buyer, cookie);
        Assert.Null(time.BrowserZone);
        Assert.Equal("3 Dec 2026 14:05 UTC", time.Moment(Winter));
    }

    [Fact]
    public async Task SomeoneSignedOutGetsTheBrowsersZone()
    {
        var time = await ResolvedAsync(null, "Asia/Tokyo");
        Assert.Equal("3 Dec 2026 23:05 JST", time.Moment(Winter));
    }

    [Fact]
    public async Task MessageTimesDropTheYearInTheReadersCurrentYear()
    {
        // The test clock stands in November 2026.
        var time = await ResolvedAsync(null, "Europe/Berlin");
        Assert.Equal("3 Dec 15:05 CET", time.MessageTime(Winter));
        Assert.Equal("3 Dec 2025 15:05 CET", time.MessageTime(Winter.AddYears(-1)));
    }

    [Fact]
    public async Task SavingAZoneStoresItAndAnEmptyChoiceGoesBackToTheBrowser()
    {
        var (buyer, _) = await app.NewBuyerAndSellerAsync();
        var preference = app.Get<TimeZonePreference>();

        Assert.Null(await preference.SetAsync(buyer, "Europe/Berlin"));
        Assert.Equal("Europe/Berlin", await StoredAsync(buyer));
        Assert.Equal("Europe/Berlin", await preference.GetAsync(buyer));

        Assert.Null(await preference.SetAsync(buyer, ""));
        Assert.Null(await StoredAsync(buyer));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("../../../etc/passwd")]
    [InlineData("<script>alert(1)</script>")]
    public async Task AnUnknownZoneIsRefusedAndChangesNothing(string zone)
    {
        var (buyer, _) = await app.NewBuyerAndSellerAsync();
        var preference = app.Get<TimeZonePreference>();
        Assert.Null(await preference.SetAsync(buyer, "Asia/Tokyo"));

        var error = await preference.SetAsync(buyer, zone);

        Assert.Equal("Choose a time zone from the list: that one is not known here.", error);
        Assert.Equal("Asia/Tokyo", await StoredAsync(buyer));
    }

    [Fact]
    public async Task SavingChangesOnlyTheSignedInUsersZone()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        Assert.Null(await app.Get<TimeZonePreference>().SetAsync(buyer, "Europe/Berlin"));
        Assert.Null(await StoredAsync(seller));
    }

    [Fact]
    public void TheChoicesAreGroupedByRegionWithUtcFirstAndEveryOneIsAKnownZone()
    {
        var choices = TimeZonePreference.Choices(Winter);

        Assert.Equal("UTC", choices[0].Region);
        Assert.Equal(choices.Skip(1).Select(c => c.Region).Order(StringComparer.Ordinal), choices.Skip(1).Select(c => c.Region));
        var europe = choices.Single(c => c.Region == "Europe").Zones;
        Assert.Contains(("Europe/Berlin", "Berlin (CET)"), europe);
        Assert.Contains(choices.Single(c => c.Region == "Asia").Zones, z => z == ("Asia/Shanghai", "Shanghai (UTC+08:00)"));
        Assert.All(choices.SelectMany(c => c.Zones), z => Assert.NotNull(TimeZones.Find(z.Id)));
    }

    [Fact]
    public async Task NotificationsAndEmailsUseTheRecipientsChosenZoneElseUtc()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var (buyer2, seller2) = await app.NewBuyerAndSellerAsync();
        Assert.Null(await app.Get<TimeZonePreference>().SetAsync(seller, "Asia/Tokyo"));

        var inTokyo = await app.ApplyRefundOnlyAsync(buyer, await app.PlaceOrderAsync(buyer, seller));
        var inUtc = await app.ApplyRefundOnlyAsync(buyer2, await app.PlaceOrderAsync(buyer2, seller2));

        await using var db = app.NewDb();
        async Task<(Notification Notification, string Deadline)> ToSellerAsync(int id, string sellerId)
        {
            var deadline = (await db.RefundRequests.SingleAsync(r => r.Id == id)).DeadlineAt!.Value;
            var notification = await db.Notifications.SingleAsync(n => n.RefundRequestId == id && n.UserId == sellerId);
            return (notification, deadline.ToString("d MMM yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        }
        var (tokyo, utcDeadline) = await ToSellerAsync(inTokyo, seller.Id);
        var tokyoDeadline = (await db.RefundRequests.SingleAsync(r => r.Id == inTokyo)).DeadlineAt!.Value.AddHours(9)
            .ToString("d MMM yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"Agree or refuse by {tokyoDeadline} JST.", tokyo.Body);
        Assert.DoesNotContain(utcDeadline, tokyo.Body);
        var (utc, deadline) = await ToSellerAsync(inUtc, seller2.Id);
        Assert.Contains($"Agree or refuse by {deadline} UTC.", utc.Body);

        var emails = await db.OutboxEmails.Where(e => e.ToAddress == seller.Email || e.ToAddress == seller2.Email).ToListAsync();
        Assert.Contains(emails, e => e.ToAddress == seller.Email && e.TextBody.Contains($"{tokyoDeadline} JST") && e.HtmlBody.Contains($"{tokyoDeadline} JST"));
        Assert.Contains(emails, e => e.ToAddress == seller2.Email && e.TextBody.Contains($"{deadline} UTC"));
    }
}
