using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Notifications;
using RefundPortal.Features.Notifications.Pages;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Components;

public sealed class NotificationComponentsTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<Notification> AddAsync(string userId, string title, int minutesAgo)
    {
        await using var db = app.NewDb();
        var n = new Notification
        {
            UserId = userId, Kind = "Applied", Title = title, Body = $"{title} body", Link = "my-refunds",
            CreatedAt = app.Now().AddMinutes(-minutesAgo),
        };
        db.Notifications.Add(n);
        await db.SaveChangesAsync();
        return n;
    }

    [Fact]
    public async Task TheBellCountsUnreadAndRisesLiveWithAPopUp()
    {
        var user = await app.UserAsync("seller2@example.com");
        await AddAsync(user.Id, "First", 10);
        await AddAsync(user.Id, "Second", 5);
        await using var context = MudTestContext.Create(app, user);
        var bell = context.Render<Bell>();
        var snackbar = context.Render<MudBlazor.MudSnackbarProvider>();

        bell.WaitForAssertion(() => Assert.Equal("2", bell.Find("[data-testid=bell]").GetAttribute("data-unread")));
        Assert.Equal("2", bell.Find(".mud-badge").TextContent.Trim());

        var third = await AddAsync(user.Id, "Seller agreed: return the goods", 0);
        app.Get<INotificationHub>().PublishToUser(user.Id, new LiveNotification(third.Id, third.Title, third.Body, third.Link));

        bell.WaitForAssertion(() => Assert.Equal("3", bell.Find(".mud-badge").TextContent.Trim()));
        snackbar.WaitForAssertion(() => Assert.Contains("Seller agreed: return the goods", snackbar.Find("[data-testid=live-notification]").TextContent));
    }

    [Fact]
    public async Task AtMostTwoPopUpsShowAtOnce()
    {
        var user = await app.NewUserAsync("popups", Roles.Seller);
        await using var context = MudTestContext.Create(app, user);
        var bell = context.Render<Bell>();
        var snackbar = context.Render<MudBlazor.MudSnackbarProvider>();
        bell.WaitForElement("[data-testid=bell][data-unread]");

        for (var i = 1; i <= 4; i++)
        {
            var n = await AddAsync(user.Id, $"Request {i}", 0);
            app.Get<INotificationHub>().PublishToUser(user.Id, new LiveNotification(n.Id, n.Title, n.Body, n.Link));
        }

        bell.WaitForAssertion(() => Assert.Equal("4", bell.Find(".mud-badge").TextContent.Trim()));
        snackbar.WaitForAssertion(() => Assert.Equal(2, snackbar.FindAll("[data-testid=live-notification]").Count));
    }

    [Fact]
    public async Task ThePageListsNewestFirstAndMarksAllRead()
    {
        var user = await app.UserAsync("arbiter@example.com");
        await AddAsync(user.Id, "Older", 60);
        await AddAsync(user.Id, "Newer", 1);
        await using var context = MudTestContext.Create(app, user);

        var page = context.Render<NotificationsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=notification]").Count));
        var titles = page.FindAll("[data-testid=notification] .mud-typography-subtitle1").Select(t => t.TextContent.Trim()).ToList();
        Assert.Equal(["Newer", "Older"], titles);
        Assert.Equal(2, page.FindAll("[data-testid=unread-dot]").Count);

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Mark all as read").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=unread-dot]")));
        await using var db = app.NewDb();
        Assert.Equal(0, await db.Notifications.CountAsync(n => n.UserId == user.Id && n.ReadAt == null));
    }

    [Fact]
    public async Task OpeningANotificationMarksItReadAndGoesToItsLink()
    {
        var user = await app.UserAsync("buyer2@example.com");
        var n = await AddAsync(user.Id, "Open me", 3);
        await using var context = MudTestContext.Create(app, user);
        var page = context.Render<NotificationsPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=notification]")));

        page.Find("[data-testid=notification]").Click();

        var navigation = context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        page.WaitForAssertion(() => Assert.EndsWith("/my-refunds", navigation.Uri));
        await using var db = app.NewDb();
        Assert.NotNull((await db.Notifications.SingleAsync(x => x.Id == n.Id)).ReadAt);
    }
}
