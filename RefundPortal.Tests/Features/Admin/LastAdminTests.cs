using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Admin;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Admin;

/// <summary>
/// The portal always keeps an admin, even when two admins take each other's Admin role at the same instant: the count
/// and the change run in one transaction, one at a time (SQLite's write lock, PostgreSQL's advisory lock).
/// </summary>
public abstract class LastAdminTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TestApp
{
    private async Task<int> AdminCountAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().GetUsersInRoleAsync(Roles.Admin)).Count;
    }

    [Fact]
    public async Task TwoAdminsTakingEachOthersRoleAtOnceLeaveOneAdmin()
    {
        // The demo admin steps back first, so each round starts with exactly the two admins of the round.
        var demoAdmin = await app.UserAsync("admin@example.com");
        var keeper = await app.NewUserAsync("keep", Roles.Buyer, Roles.Admin);
        await app.Get<UserAdmin>().SetRoleAsync(keeper, demoAdmin.Id, Roles.Admin, granted: false);

        var current = keeper;
        for (var round = 0; round < 10; round++)
        {
            var other = await app.NewUserAsync($"peer{round}", Roles.Buyer, Roles.Admin);
            Assert.Equal(2, await AdminCountAsync());
            using var start = new SemaphoreSlim(0);
            async Task<Exception?> Demote(CurrentUser by, CurrentUser whom)
            {
                await start.WaitAsync();
                try
                {
                    await using var scope = app.Services.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<UserAdmin>().SetRoleAsync(by, whom.Id, Roles.Admin, granted: false);
                    return null;
                }
                catch (Exception e) when (e is DomainException or ForbiddenException)
                {
                    return e;
                }
            }
            var first = Task.Run(() => Demote(current, other));
            var second = Task.Run(() => Demote(other, current));
            start.Release(2);
            var outcomes = await Task.WhenAll(first, second);

            Assert.Equal(1, await AdminCountAsync());
            Assert.Single(outcomes, e => e is null);
            // The loser is refused either as the last admin or as no admin any more, depending on who counted first.
            Assert.Contains(outcomes.Single(e => e is not null)!.Message, new[] { "The portal needs at least one admin.", "This needs the Admin role." });
            current = outcomes[0] is null ? current : other;
        }
    }
}

public sealed class LastAdminTestsOnSqlite(TestApp app) : LastAdminTests<TestApp>(app);

public sealed class LastAdminTestsOnPostgreSql(PostgresTestApp app) : LastAdminTests<PostgresTestApp>(app);
