using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Notifications.Email;
using RefundPortal.Features.Refunds.Evidence;

namespace RefundPortal.Data;

/// <summary>
/// <c>dotnet run --project RefundPortal -- backup FOLDER</c> (while the portal runs), <c>-- restore FOLDER</c> (while
/// it is stopped) and <c>-- admin create EMAIL</c> (the first admin of a new portal), with the same settings the portal reads.
/// </summary>
public static class MaintenanceCommands
{
    private const string Usage = "Usage: RefundPortal backup FOLDER | restore FOLDER | admin create EMAIL";

    public static bool IsCommand(string[] args) => args is ["backup" or "restore" or "admin", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ([("backup" or "restore"), _] or ["admin", "create", _]))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.UseRootAppSettings();
        builder.Services.AddRefundPortal(builder.Configuration, builder.Environment);
        await using var app = builder.Build();
        try
        {
            if (args[0] == "admin") return await CreateAdminAsync(app.Services, args[2]);
            if (Database.ProviderOf(builder.Configuration) == DatabaseProviderKind.PostgreSql)
                throw new InvalidOperationException("on PostgreSQL, back up the database with pg_dump and Evidence:Directory with your file backup (README, \"Scaling out\").");
            var (command, folder) = (args[0], args[1]);
            var summary = command == "backup"
                ? await ActivatorUtilities.CreateInstance<Backup>(app.Services).CreateAsync(folder)
                : Backup.Restore(folder, DatabasePath(builder.Configuration, builder.Environment),
                    app.Services.GetRequiredService<EvidenceStore>().Folder);
            Console.WriteLine($"{command}: {summary.Folder}, database {summary.DatabaseBytes:N0} bytes, {summary.EvidenceFiles} evidence files.");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or DatabaseStartupException)
        {
            Console.Error.WriteLine($"{(args[0] == "admin" ? "admin create" : args[0])} failed: {e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// Grants Admin to the account with this email, creating it first (with a random password printed once) when there
    /// is none. Applies the migrations first, so it works on a new database.
    /// </summary>
    private static async Task<int> CreateAdminAsync(IServiceProvider services, string email)
    {
        if (!EmailAddresses.IsDeliverable(email))
        {
            Console.Error.WriteLine($"admin create failed: \"{email}\" is not an email address mail can be sent to.");
            return 1;
        }
        await services.InitializeDatabaseAsync();
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email);
        string? password = null;
        if (user is null)
        {
            user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email.Split('@')[0] };
            password = "Rp-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('/', '_').Replace('+', '-') + "9a";
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, Roles.Buyer);
        }
        if (!await users.IsInRoleAsync(user, Roles.Admin))
        {
            var granted = await users.AddToRoleAsync(user, Roles.Admin);
            if (!granted.Succeeded) throw new InvalidOperationException(string.Join(" ", granted.Errors.Select(e => e.Description)));
            await users.UpdateSecurityStampAsync(user);
        }
        Console.WriteLine(password is null
            ? $"admin create: {email} is an admin."
            : $"admin create: created {email} as an admin with the password {password} (shown once: sign in and change it).");
        return 0;
    }

    private static string DatabasePath(IConfiguration configuration, IHostEnvironment environment) =>
        new SqliteConnectionStringBuilder(Database.ResolveConnectionString(
            configuration.GetConnectionString("RefundPortal") ?? Database.DefaultConnectionString, environment.ContentRootPath)).DataSource;
}
