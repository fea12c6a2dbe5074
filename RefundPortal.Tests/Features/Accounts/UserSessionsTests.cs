using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RefundPortal.Data;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Accounts.Sessions;
using RefundPortal.Features.Admin;
using RefundPortal.Features.Notifications;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Accounts;

/// <summary>
/// The server side of the sign-in cookie on a real database: each browser's session, checked by every request and open
/// page, ended by signing out elsewhere or by a new password, and carrying the account's roles as they are now.
/// </summary>
public sealed class UserSessionsTests(TestApp app) : IClassFixture<TestApp>
{
    private const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
    private const string IPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1";
    private static readonly ClaimsPrincipal Nobody = new(new ClaimsIdentity());

    private UserSessions Sessions => app.Get<UserSessions>();

    /// <summary>What issuing a sign-in cookie does: the account's claims, and a session whose id the cookie carries.</summary>
    private async Task<ClaimsPrincipal> SignInAsync(CurrentUser user, string userAgent = Chrome, ClaimsPrincipal? current = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>()
            .CreateAsync((await users.FindByIdAsync(user.Id))!);
        var id = await Sessions.StartAsync(principal, current ?? Nobody, userAgent, CancellationToken.None);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(UserSessions.ClaimType, id));
        return principal;
    }

    private static IEnumerable<string> RolesOf(ClaimsPrincipal principal) => principal.FindAll(ClaimTypes.Role).Select(c => c.Value).Order();

    [Fact]
    public async Task ASessionStaysValidAndIsListedWithItsDeviceUntilItIsSignedOut()
    {
        var person = await app.NewUserAsync("sess", Roles.Buyer);
        var laptop = await SignInAsync(person);
        var phone = await SignInAsync(person, IPhone);

        Assert.Same(laptop, await Sessions.ValidateAsync(laptop, CancellationToken.None));
        var listed = await Sessions.ListAsync(phone, CancellationToken.None);
        Assert.Equal(2, listed.Count);
        Assert.Contains(listed, s => (s.Browser, s.Platform, s.IsCurrent) == ("Chrome", "Windows", false));
        Assert.Contains(listed, s => (s.Browser, s.Platform, s.IsCurrent) == ("Safari", "iPhone", true));

        await Sessions.EndAsync(laptop, CancellationToken.None);
        Assert.Null(await Sessions.ValidateAsync(laptop, CancellationToken.None));
        Assert.NotNull(await Sessions.ValidateAsync(phone, CancellationToken.None));
        // A cookie without a session (issued before sessions existed, or forged) is no sign-in.
        var bare = new ClaimsPrincipal(new ClaimsIdentity(laptop.Claims.Where(c => c.Type != UserSessions.ClaimType), "Identity.Application"));
        Assert.Null(await Sessions.ValidateAsync(bare, CancellationToken.None));
    }

    [Fact]
    public async Task SigningOutEverywhereElseEndsEveryOtherSessionAndKeepsThisOne()
    {
        var person = await app.NewUserAsync("else", Roles.Buyer);
        var here = await SignInAsync(person);
        var others = new[] { await SignInAsync(person, IPhone), await SignInAsync(person) };
        var stranger = await SignInAsync(await app.NewUserAsync("other", Roles.Buyer));

        Assert.Equal(2, await Sessions.EndOthersAsync(here, CancellationToken.None));

        Assert.NotNull(await Sessions.ValidateAsync(here, CancellationToken.None));
        foreach (var other in others) Assert.Null(await Sessions.ValidateAsync(other, CancellationToken.None));
        Assert.NotNull(await Sessions.ValidateAsync(stranger, CancellationToken.None));
        Assert.Equal([true], (await Sessions.ListAsync(here, CancellationToken.None)).Select(s => s.IsCurrent));
    }

    [Fact]
    public async Task ANewPasswordEndsTheOtherSessionsAndTheBrowserThatChangedItStaysSignedIn()
    {
        var person = await app.NewUserAsync("pass", Roles.Buyer);
        var changer = await SignInAsync(person);
        var other = await SignInAsync(person, IPhone);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var result = await users.ChangePasswordAsync((await users.FindByIdAsync(person.Id))!, DemoWorld.Password, "Another#Pass2");
            Assert.True(result.Succeeded);
        }
        // The changing browser's cookie is issued again (RefreshSignInAsync), with its session moved to the new stamp.
        var refreshed = await SignInAsync(person, current: changer);

        Assert.Equal(UserSessions.IdOf(changer), UserSessions.IdOf(refreshed));
        Assert.NotNull(await Sessions.ValidateAsync(refreshed, CancellationToken.None));
        Assert.Null(await Sessions.ValidateAsync(other, CancellationToken.None));
        Assert.Single(await Sessions.ListAsync(refreshed, CancellationToken.None));
        Assert.True(await Sessions.PurgeAsync(CancellationToken.None) >= 1);
        Assert.Equal(0, await app.NewDb().UserSessions.CountAsync(s => s.Id == UserSessions.IdOf(other)));
    }

    [Fact]
    public async Task ARoleTakenAwayIsGoneAtTheNextCheckWithoutSigningThePersonOut()
    {
        var person = await app.NewUserAsync("role", Roles.Buyer, Roles.Seller, Roles.Admin);
        var signedIn = await SignInAsync(person);
        var stampBefore = (await app.NewDb().Users.SingleAsync(u => u.Id == person.Id)).SecurityStamp;

        await app.Get<UserAdmin>().SetRoleAsync(await app.UserAsync("admin@example.com"), person.Id, Roles.Seller, granted: false);

        var checkedAgain = await Sessions.ValidateAsync(signedIn, CancellationToken.None);
        Assert.NotNull(checkedAgain);
        Assert.Equal([Roles.Admin, Roles.Buyer], RolesOf(checkedAgain));
        Assert.Equal(UserSessions.IdOf(signedIn), UserSessions.IdOf(checkedAgain));
        Assert.Equal(stampBefore, (await app.NewDb().Users.SingleAsync(u => u.Id == person.Id)).SecurityStamp);
        // The admin services read the role from the database, whatever the caller's claims still say.
        var admin = await app.UserAsync("admin@example.com");
        await app.Get<UserAdmin>().SetRoleAsync(admin, person.Id, Roles.Admin, granted: false);
        var staleAdmin = CurrentUser.From(signedIn)!;
        Assert.Contains(Roles.Admin, staleAdmin.Roles);
        await Assert.ThrowsAsync<ForbiddenException>(() => app.Get<UserAdmin>().ListAsync(staleAdmin, null, 1));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.Get<RefundPortal.Features.Integration.ApiClients.ApiClientService>().CreateAsync(staleAdmin, "Sneaky"));
    }

    [Fact]
    public async Task AnOpenPageLosesARoleTheMomentItIsTakenAway()
    {
        var person = await app.NewUserAsync("open", Roles.Buyer, Roles.Seller);
        var signedIn = await SignInAsync(person);
        using var page = new CircuitAuthenticationStateProvider(Sessions, app.Get<INotificationHub>(), NullLogger<CircuitAuthenticationStateProvider>.Instance);
        var changed = new TaskCompletionSource<AuthenticationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.SetAuthenticationState(Task.FromResult(new AuthenticationState(signedIn)));
        page.StartWatching();
        page.AuthenticationStateChanged += async state => changed.TrySetResult(await state);

        await app.Get<UserAdmin>().SetRoleAsync(await app.UserAsync("admin@example.com"), person.Id, Roles.Seller, granted: false);

        // Told through the hub, not at the next minute's check.
        var after = await changed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([Roles.Buyer], RolesOf(after.User));
        Assert.Equal([Roles.Buyer], RolesOf((await page.GetAuthenticationStateAsync()).User));
    }

    [Fact]
    public async Task AnOpenPageIsSignedOutWhenItsSessionIsEndedElsewhere()
    {
        var person = await app.NewUserAsync("kick", Roles.Buyer);
        var open = await SignInAsync(person);
        var elsewhere = await SignInAsync(person, IPhone);
        using var page = new CircuitAuthenticationStateProvider(Sessions, app.Get<INotificationHub>(), NullLogger<CircuitAuthenticationStateProvider>.Instance);
        var changed = new TaskCompletionSource<AuthenticationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.SetAuthenticationState(Task.FromResult(new AuthenticationState(open)));
        page.StartWatching();
        page.AuthenticationStateChanged += async state => changed.TrySetResult(await state);

        await Sessions.EndOthersAsync(elsewhere, CancellationToken.None);

        var after = await changed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(after.User.Identity?.IsAuthenticated);
    }

    [Theory]
    [InlineData(Chrome, "Chrome", "Windows")]
    [InlineData(IPhone, "Safari", "iPhone")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari", "macOS")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0", "Edge", "Windows")]
    [InlineData("Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36", "Chrome", "Android")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0", "Firefox", "Linux")]
    [InlineData("curl/8.5.0", null, null)]
    [InlineData("", null, null)]
    public void ADeviceIsNamedAsItsOwnerKnowsIt(string userAgent, string? browser, string? platform) =>
        Assert.Equal((browser, platform), DeviceNames.Of(userAgent));
}
