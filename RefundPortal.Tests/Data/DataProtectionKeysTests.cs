using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Data;

/// <summary>A second process on the same database: another node, or this one after a restart.</summary>
internal sealed class SameDatabaseApp(string databasePath) : TestApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("ConnectionStrings:RefundPortal", $"Data Source={databasePath}")];
}

public sealed class DataProtectionKeysTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task ACookieProtectedBeforeARestartIsReadAfterIt()
    {
        var protectedBefore = app.Get<IDataProtectionProvider>().CreateProtector("Identity.Application").Protect("signed in");

        var restarted = new SameDatabaseApp(app.DatabasePath);
        await restarted.InitializeAsync();
        try
        {
            var read = restarted.Get<IDataProtectionProvider>().CreateProtector("Identity.Application").Unprotect(protectedBefore);
            await using var db = app.NewDb();
            Assert.Equal("signed in", read);
            Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
        }
        finally
        {
            await restarted.DisposeAsync();
        }
    }
}
