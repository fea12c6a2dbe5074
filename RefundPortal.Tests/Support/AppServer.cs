using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace RefundPortal.Tests.Support;

/// <summary>
/// The real portal as its own process on 127.0.0.1, on a free port and a fresh SQLite database seeded with the demo
/// world. Started from the app's own build output, the way `dotnet run` would, so static assets resolve as in development.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly string folder;

    private AppServer(Process process, string folder, Uri baseUrl)
    {
        this.process = process;
        this.folder = folder;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }
    /// <summary>The app's SQLite file, to read what a request left behind (for example the outbox).</summary>
    public string DatabasePath => Path.Combine(folder, "refundportal.db");
    /// <summary>Where the app writes emails as .eml files when no SMTP server is set.</summary>
    public string PickupFolder => Path.Combine(folder, "mail");
    public string Output { get { lock (output) return output.ToString(); } }

    /// <summary>The built app, as <c>dotnet run</c> would start it.</summary>
    private static string AppDll()
    {
        var configuration = typeof(AppServer).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dll = Path.Combine(RepositoryRoot(), "RefundPortal", "bin", configuration, "net10.0", "RefundPortal.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the app first.", dll);
    }

    /// <summary>Runs the app as a one-off command (for example <c>backup FOLDER</c>) with these settings; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet", [AppDll(), .. args])
        {
            WorkingDirectory = Path.Combine(RepositoryRoot(), "RefundPortal"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The command did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>
    /// Settings that put the limits per address back at what a deployment gets (the test servers otherwise raise them:
    /// a test acts far faster than people do), for the tests of the limits as people meet them.
    /// </summary>
    public static IReadOnlyDictionary<string, string> DefaultRateLimits { get; } = DefaultsOf(new RefundPortal.Features.Security.RateLimitSettings());

    private static Dictionary<string, string> DefaultsOf(RefundPortal.Features.Security.RateLimitSettings defaults) => new()
    {
        ["RateLimits:AccountPostsPerWindow"] = $"{defaults.AccountPostsPerWindow}",
        ["RateLimits:MailPostsPerWindow"] = $"{defaults.MailPostsPerWindow}",
        ["RateLimits:FailedSignInsPerAddress"] = $"{defaults.FailedSignInsPerAddress}",
        ["RateLimits:CircuitsPerWindow"] = $"{defaults.CircuitsPerWindow}",
        ["RateLimits:WritesPerWindow"] = $"{defaults.WritesPerWindow}",
    };

    public static async Task<AppServer> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var root = RepositoryRoot();
        var dll = AppDll();

        var folder = Path.Combine(Path.GetTempPath(), "refundportal-browser", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.Combine(root, "RefundPortal"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = url.ToString();
        start.Environment["ConnectionStrings__RefundPortal"] = $"Data Source={Path.Combine(folder, "refundportal.db")}";
        start.Environment["Demo__Seed"] = "true";
        start.Environment["Email__PickupDirectory"] = Path.Combine(folder, "mail");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Every test signs in, opens pages and acts from 127.0.0.1, far faster than people do; the rate limit tests pass their own
        // limits (DefaultRateLimits for the real ones).
        start.Environment["RateLimits__AccountPostsPerWindow"] = "10000";
        start.Environment["RateLimits__CircuitsPerWindow"] = "10000";
        start.Environment["RateLimits__MailPostsPerWindow"] = "10000";
        start.Environment["RateLimits__FailedSignInsPerAddress"] = "10000";
        start.Environment["RateLimits__WritesPerWindow"] = "10000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            start.Environment[key.Replace(":", "__")] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        var server = new AppServer(process, folder, url);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilServingAsync(TimeSpan.FromSeconds(90));
        return server;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    private async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < timeout)
        {
            if (process.HasExited) throw new InvalidOperationException($"The app exited with {process.ExitCode}:\n{Output}");
            try
            {
                // Ready, not merely listening: the demo world is seeded after the server starts (README, "Health").
                using var response = await http.GetAsync(new Uri(BaseUrl, "health/ready"));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The app did not answer within {timeout}:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RefundPortal.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("RefundPortal.sln not found above the test output.");
    }
}
