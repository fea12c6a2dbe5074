using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace RefundPortal.Tests.Support;

/// <summary>
/// A private PostgreSQL server on 127.0.0.1 for the whole test run, from Debian's packages (test.sh installs them):
/// its own data folder, a free port, trust authentication on loopback only, no fsync (a test database need not survive
/// a power cut). Started on first use, stopped when the test process ends. Each fixture gets a database of its own.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);
    private readonly string folder;

    private PostgresServer(string folder, int port)
    {
        this.folder = folder;
        Port = port;
    }

    public int Port { get; }

    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>A connection string to a new, empty database on the shared server.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var name = $"rp_{Guid.NewGuid():N}";
        await using var admin = new NpgsqlConnection(ConnectionString("postgres"));
        await admin.OpenAsync();
        await using var create = admin.CreateCommand();
        create.CommandText = $"CREATE DATABASE {name}";
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>A connection string to a database no one created yet (the app's start-up creates it, or says it cannot).</summary>
    public string MissingDatabase(string user = "postgres") => ConnectionString($"rp_{Guid.NewGuid():N}", user);

    /// <summary>A new login role with these attributes (<c>CREATEDB</c>, <c>NOCREATEDB</c>); loopback trusts it without a password.</summary>
    public async Task<string> NewRoleAsync(string attributes)
    {
        var name = $"rp_role_{Guid.NewGuid():N}";
        await using var admin = new NpgsqlConnection(ConnectionString("postgres"));
        await admin.OpenAsync();
        await using var create = admin.CreateCommand();
        create.CommandText = $"CREATE ROLE {name} LOGIN {attributes}";
        await create.ExecuteNonQueryAsync();
        return name;
    }

    public string ConnectionString(string database, string user = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username={user};Database={database};Pooling=true;Maximum Pool Size=50;Include Error Detail=true";

    private static string BinDirectory() =>
        Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d).Select(d => Path.Combine(d, "bin"))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
        ?? throw new InvalidOperationException("PostgreSQL is not installed: run test.sh, which installs Debian's postgresql.");

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = BinDirectory();
        var folder = Path.Combine(Path.GetTempPath(), "refundportal-pg", Guid.NewGuid().ToString("N"));
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(folder);
        // PostgreSQL refuses to run as root: as root, run it as Debian's postgres user, which owns its folder.
        var asRoot = Environment.UserName == "root";
        if (asRoot) await RunAsync("chown", ["-R", "postgres:postgres", folder]);
        var port = FreePort();
        await RunAsync(bin + "/initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"], asRoot);
        var options = $"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={folder} -c fsync=off -c synchronous_commit=off " +
                      "-c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB";
        await RunAsync(bin + "/pg_ctl", ["-D", data, "-o", options, "-l", Path.Combine(folder, "log.txt"), "-w", "-t", "60", "start"], asRoot);
        var server = new PostgresServer(folder, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { RunAsync(bin + "/pg_ctl", ["-D", data, "-m", "immediate", "stop"], asRoot).GetAwaiter().GetResult(); } catch { }
            try { Directory.Delete(folder, recursive: true); } catch { }
        };
        return server;
    }

    private static async Task RunAsync(string file, string[] args, bool asPostgres = false)
    {
        var start = asPostgres ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", file, .. args]) : new ProcessStartInfo(file, args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await output}{await error}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The same services as <see cref="TestApp"/>, on a fresh database of the private PostgreSQL server.</summary>
public sealed class PostgresTestApp : TestApp
{
    private string connectionString = "";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Database:Provider", "PostgreSql"),
        new("ConnectionStrings:RefundPortal", connectionString),
    ];

    public override async Task InitializeAsync()
    {
        connectionString = await (await PostgresServer.GetAsync()).NewDatabaseAsync();
        await base.InitializeAsync();
    }
}
