using Microsoft.Data.Sqlite;
using RefundPortal.Features.Refunds.Evidence;

namespace RefundPortal.Data;

/// <summary>
/// <c>dotnet run --project RefundPortal -- backup FOLDER</c> (while the portal runs) and <c>-- restore FOLDER</c> (while
/// it is stopped), with the same settings the portal reads.
/// </summary>
public static class MaintenanceCommands
{
    public static bool IsCommand(string[] args) => args is ["backup" or "restore", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [var command, var folder])
        {
            Console.Error.WriteLine("Usage: RefundPortal backup FOLDER | restore FOLDER");
            return 2;
        }
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.UseRootAppSettings();
        builder.Services.AddRefundPortal(builder.Configuration, builder.Environment);
        await using var app = builder.Build();
        try
        {
            var summary = command == "backup"
                ? await ActivatorUtilities.CreateInstance<Backup>(app.Services).CreateAsync(folder)
                : Backup.Restore(folder, DatabasePath(builder.Configuration, builder.Environment),
                    app.Services.GetRequiredService<EvidenceStore>().Folder);
            Console.WriteLine($"{command}: {summary.Folder}, database {summary.DatabaseBytes:N0} bytes, {summary.EvidenceFiles} evidence files.");
            return 0;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"{command} failed: {e.Message}");
            return 1;
        }
    }

    private static string DatabasePath(IConfiguration configuration, IHostEnvironment environment) =>
        new SqliteConnectionStringBuilder(Database.ResolveConnectionString(
            configuration.GetConnectionString("RefundPortal") ?? Database.DefaultConnectionString, environment.ContentRootPath)).DataSource;
}
