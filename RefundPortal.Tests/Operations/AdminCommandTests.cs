using Microsoft.Data.Sqlite;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Operations;

/// <summary><c>admin create EMAIL</c>: the first admin of a new portal, as an operator runs it.</summary>
public sealed class AdminCommandTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "refundportal-admin", Guid.NewGuid().ToString("N"));

    private Dictionary<string, string> Settings => new()
    {
        ["ConnectionStrings:RefundPortal"] = $"Data Source={Path.Combine(folder, "refundportal.db")}",
        // A new production portal: no demo world.
        ["Demo:Seed"] = "false",
    };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    private async Task<IReadOnlyList<string>> RolesOfAsync(string email)
    {
        await using var db = new SqliteConnection($"Data Source={Path.Combine(folder, "refundportal.db")};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = """
            SELECT r.Name FROM AspNetUsers u JOIN AspNetUserRoles ur ON ur.UserId = u.Id JOIN AspNetRoles r ON r.Id = ur.RoleId
            WHERE u.NormalizedEmail = upper($email) ORDER BY r.Name
            """;
        command.Parameters.AddWithValue("$email", email);
        var roles = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) roles.Add(reader.GetString(0));
        return roles;
    }

    [Fact]
    public async Task OnANewDatabaseItCreatesTheAdminWithAOneTimePasswordAndAgainItOnlyGrants()
    {
        var first = await AppServer.RunCommandAsync(["admin", "create", "ops@example.org"], Settings);
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Matches("created ops@example.org as an admin with the password Rp-\\S+ \\(shown once", first.Output);
        Assert.Equal(["Admin", "Buyer"], await RolesOfAsync("ops@example.org"));

        var again = await AppServer.RunCommandAsync(["admin", "create", "ops@example.org"], Settings);
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains("ops@example.org is an admin.", again.Output);
        Assert.DoesNotContain("password", again.Output);
    }

    [Fact]
    public async Task ABadEmailOrAMissingArgumentChangesNothing()
    {
        var bad = await AppServer.RunCommandAsync(["admin", "create", "not an email"], Settings);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("is not an email address", bad.Output);
        Assert.False(File.Exists(Path.Combine(folder, "refundportal.db")) && (await RolesOfAsync("not an email")).Count > 0);

        var usage = await AppServer.RunCommandAsync(["admin", "create"], Settings);
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("admin create EMAIL", usage.Output);
    }
}
