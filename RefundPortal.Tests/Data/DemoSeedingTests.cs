using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RefundPortal.Data;
using RefundPortal.Features.Accounts;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Data;

/// <summary>A portal started in Production with no demo setting: no demo accounts, but the roles registration needs.</summary>
public sealed class ProductionWithoutDemoSetting : TestApp
{
    protected override string EnvironmentName => "Production";
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Demo:Seed", null)];
}

/// <summary>An operator who sets Demo:Seed in Production on purpose.</summary>
public sealed class ProductionWithDemoSeed : TestApp
{
    protected override string EnvironmentName => "Production";
}

public sealed class DemoSeedingInProductionTests(ProductionWithoutDemoSetting app) : IClassFixture<ProductionWithoutDemoSetting>
{
    [Fact]
    public async Task NoDemoAccountExistsButTheRolesDo()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();

        Assert.Empty(users.Users);
        foreach (var role in Roles.All) Assert.True(await roles.RoleExistsAsync(role), role);
    }
}

public sealed class ExplicitDemoSeedOutsideDevelopmentTests(ProductionWithDemoSeed app) : IClassFixture<ProductionWithDemoSeed>
{
    [Fact]
    public async Task TheDemoWorldIsSeededButNoAccountHasThePublicPassword()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();

        foreach (var (email, _, _) in DemoWorld.Accounts)
        {
            var user = await users.FindByEmailAsync(email);
            Assert.NotNull(user);
            Assert.False(await users.CheckPasswordAsync(user, DemoWorld.Password), email);
        }
    }
}

/// <summary>A new database on which nothing was seeded at start (the test seeds by hand).</summary>
public sealed class UnseededDevelopment : TestApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Demo:Seed", "false")];
}

public sealed class InterruptedDemoSeedTests(UnseededDevelopment app) : IClassFixture<UnseededDevelopment>
{
    [Fact]
    public async Task ASeedKilledWhileCreatingTheAccountsIsFinishedAtTheNextStartAndOnlyOnce()
    {
        // What a kill between the accounts and the world leaves: two demo accounts, one without its roles, no orders.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var buyer = new ApplicationUser { UserName = "buyer@example.com", Email = "buyer@example.com", EmailConfirmed = true, DisplayName = "Buyer" };
            Assert.True((await users.CreateAsync(buyer, "Another#2026")).Succeeded);
            var seller = new ApplicationUser { UserName = "seller@example.com", Email = "seller@example.com", EmailConfirmed = true, DisplayName = "Seller" };
            Assert.True((await users.CreateAsync(seller, "Another#2026")).Succeeded);
            Assert.True((await users.AddToRoleAsync(seller, Roles.Seller)).Succeeded);
        }

        // The next start, with the demo world wanted (twice: the second finds it done).
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var world = ActivatorUtilities.CreateInstance<DemoWorld>(scope.ServiceProvider);
            await world.SeedIfNewAsync(CancellationToken.None);
            await world.SeedIfNewAsync(CancellationToken.None);
        }

        await using var check = app.Services.CreateAsyncScope();
        var manager = check.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        foreach (var (email, _, roles) in DemoWorld.Accounts)
        {
            var user = await manager.FindByEmailAsync(email);
            Assert.NotNull(user);
            Assert.True(await manager.CheckPasswordAsync(user, DemoWorld.Password), email);
            Assert.Equal(roles.Order(), (await manager.GetRolesAsync(user)).Order());
        }
        await using var db = app.NewDb();
        var orders = db.Orders.Count();
        Assert.True(orders is > 40 and < 60, $"{orders} orders: seeded once?");
    }
}
