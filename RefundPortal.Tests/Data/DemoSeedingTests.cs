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
