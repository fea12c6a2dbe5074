using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Admin;
using RefundPortal.Features.Integration.ApiClients;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Admin;

public sealed class UserAdminTests(TestApp app) : IClassFixture<TestApp>
{
    private Task<CurrentUser> AdminAsync() => app.UserAsync("admin@example.com");

    private async Task<(IList<string> Roles, string Stamp)> RolesOfAsync(string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        return (await users.GetRolesAsync(user), user.SecurityStamp!);
    }

    [Fact]
    public async Task AnAdminGrantsAndTakesAwayARoleWithoutSigningThePersonOut()
    {
        var person = await app.NewUserAsync("grow", Roles.Buyer);
        var (_, stampBefore) = await RolesOfAsync(person.Id);
        var users = app.Get<UserAdmin>();

        await users.SetRoleAsync(await AdminAsync(), person.Id, Roles.Seller, granted: true);
        var (roles, stamp) = await RolesOfAsync(person.Id);
        Assert.Equal([Roles.Buyer, Roles.Seller], roles.Order());
        // Their sessions read the new roles at the next request (UserSessionsTests); the stamp, which ends them, stays.
        Assert.Equal(stampBefore, stamp);
        // Granting again changes nothing.
        await users.SetRoleAsync(await AdminAsync(), person.Id, Roles.Seller, granted: true);
        Assert.Equal(stamp, (await RolesOfAsync(person.Id)).Stamp);

        await users.SetRoleAsync(await AdminAsync(), person.Id, Roles.Seller, granted: false);
        Assert.Equal([Roles.Buyer], (await RolesOfAsync(person.Id)).Roles);
    }

    [Fact]
    public async Task NoAdminRemovesTheirOwnAdminRoleAndThePortalKeepsOneAdmin()
    {
        var admin = await AdminAsync();
        var users = app.Get<UserAdmin>();
        Assert.Equal("You cannot take away your own Admin role: another admin must.",
            (await Assert.ThrowsAsync<DomainException>(() => users.SetRoleAsync(admin, admin.Id, Roles.Admin, granted: false))).Message);

        var second = await app.NewUserAsync("second", Roles.Buyer, Roles.Admin);
        await users.SetRoleAsync(second, admin.Id, Roles.Admin, granted: false);
        Assert.DoesNotContain(Roles.Admin, (await RolesOfAsync(admin.Id)).Roles);
        // Now second is the only admin: the former admin's stale claims count for nothing (the role is read from the
        // database), second cannot drop their own, and Buyer is not granted here at all. The last-admin rule under a
        // race is LastAdminTests'.
        var formerAdmin = admin with { Roles = new HashSet<string> { Roles.Admin } };
        Assert.Equal("This needs the Admin role.",
            (await Assert.ThrowsAsync<ForbiddenException>(() => users.SetRoleAsync(formerAdmin, second.Id, Roles.Admin, granted: false))).Message);
        await Assert.ThrowsAsync<DomainException>(() => users.SetRoleAsync(second, admin.Id, Roles.Buyer, granted: false));
        await users.SetRoleAsync(second, admin.Id, Roles.Admin, granted: true);
    }

    [Fact]
    public async Task OnlyAnAdminReadsOrChangesPeopleApiClientsOrWebhooks()
    {
        var arbiter = await app.UserAsync("arbiter@example.com");
        var buyer = await app.BuyerAsync();
        await Assert.ThrowsAsync<ForbiddenException>(() => app.Get<UserAdmin>().ListAsync(arbiter, null, 1));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.Get<UserAdmin>().SetRoleAsync(arbiter, buyer.Id, Roles.Admin, granted: true));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.Get<ApiClientService>().CreateAsync(arbiter, "Sneaky"));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            app.Get<RefundPortal.Features.Integration.Webhooks.WebhookEndpointService>().AddAsync(arbiter, "https://evil.example/hook", []));
        Assert.DoesNotContain(Roles.Admin, (await RolesOfAsync(buyer.Id)).Roles);
    }

    [Fact]
    public async Task PeopleAreSearchedByEmailOrNameAndPagedOnTheServer()
    {
        var admin = await AdminAsync();
        for (var i = 0; i < 3; i++) await app.NewUserAsync("zeta", Roles.Buyer);
        var users = app.Get<UserAdmin>();

        var zetas = await users.ListAsync(admin, "zeta-", 1, pageSize: 2);
        Assert.Equal((3, 2, 2), (zetas.TotalCount, zetas.Items.Count, zetas.PageCount));
        Assert.All(zetas.Items, u => Assert.StartsWith("zeta-", u.Email));
        Assert.Single((await users.ListAsync(admin, "zeta-", 2, pageSize: 2)).Items);
        // Wildcards are literal: "%" finds nobody.
        Assert.Equal(0, (await users.ListAsync(admin, "%", 1)).TotalCount);
        var arbiter = Assert.Single((await users.ListAsync(admin, "Ada Arbiter", 1)).Items);
        Assert.Equal(["Arbiter"], arbiter.Roles);
    }

    [Fact]
    public async Task AnApiClientKeyIsShownOnceStoredAsAHashAndStopsWorkingWhenRevoked()
    {
        var admin = await AdminAsync();
        var clients = app.Get<ApiClientService>();
        await Assert.ThrowsAsync<RefundValidationException>(() => clients.CreateAsync(admin, "  "));
        var (client, key) = await clients.CreateAsync(admin, "Order system");
        Assert.StartsWith("rp_", key);
        Assert.True(key.Length > 40);
        Assert.Equal(client.Id, (await clients.FindActiveAsync(key, default))!.Id);
        Assert.Equal("…" + key[^4..], client.KeyHint);
        await using (var db = app.NewDb())
            Assert.DoesNotContain(db.ApiClients, c => c.KeyHash == key);

        await clients.RevokeAsync(admin, client.Id);
        Assert.Null(await clients.FindActiveAsync(key, default));
        Assert.NotNull((await clients.ListAsync(admin, 1)).Items.Single(c => c.Id == client.Id).RevokedAt);
    }
}
