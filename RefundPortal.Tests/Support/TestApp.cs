using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using RefundPortal.Data;
using RefundPortal.Features.Accounts;

namespace RefundPortal.Tests.Support;

/// <summary>
/// The portal's real services on a real SQLite file of their own, seeded with the demo world, on a fake clock.
/// One per test class (xunit class fixture); disposing deletes the database.
/// </summary>
public class TestApp : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "refundportal-tests", Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    public ServiceProvider Services { get; private set; } = null!;
    /// <summary>The settings the services were composed from (the component tests compose theirs from the same).</summary>
    public IConfiguration Configuration { get; private set; } = null!;
    public IHostEnvironment Environment { get; private set; } = null!;
    public string DatabasePath => Path.Combine(folder, "refundportal.db");
    /// <summary>Where the evidence store writes (its default, under the content root).</summary>
    public string EvidenceFolder => Path.Combine(folder, "App_Data", "evidence");
    public string PickupFolder => Path.Combine(folder, "mail");

    /// <summary>The host environment the services see; the demo world's passwords depend on it.</summary>
    protected virtual string EnvironmentName => "Development";

    /// <summary>Settings a derived fixture adds (for example an SMTP server to send to).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    public virtual async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:RefundPortal"] = $"Data Source={DatabasePath}",
            ["Demo:Seed"] = "true",
            ["Email:PickupDirectory"] = Path.Combine(folder, "mail"),
            // A class's tests act as the same people far faster than people do; WriteLimiterTests shrinks it instead.
            ["RateLimits:WritesPerWindow"] = "10000",
            ["Evidence:UploadDirectory"] = Path.Combine(folder, "uploads"),
        }).AddInMemoryCollection(Settings).Build();
        var services = new ServiceCollection();
        Environment = new HostEnvironment(folder) { EnvironmentName = EnvironmentName };
        services.AddSingleton(Configuration);
        services.AddLogging();
        services.AddDataProtection();
        services.AddSingleton(Environment);
        services.AddRefundPortal(Configuration, Environment);
        services.AddSingleton<TimeProvider>(Clock);
        Services = services.BuildServiceProvider();
        await Services.InitializeDatabaseAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public AppDbContext NewDb() => Get<IDbContextFactory<AppDbContext>>().CreateDbContext();

    /// <summary>The demo account as services see it when signed in.</summary>
    public async Task<CurrentUser> UserAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        var roles = await users.GetRolesAsync(user);
        return new CurrentUser(user.Id, email, roles.ToHashSet());
    }

    public static ClaimsPrincipal Principal(CurrentUser user) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.Email),
         ..user.Roles.Select(r => new Claim(ClaimTypes.Role, r))], "Test"));

    private sealed class HostEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Development";
        public string ApplicationName { get; set; } = "RefundPortal";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new PhysicalFileProvider(root);
    }
}
