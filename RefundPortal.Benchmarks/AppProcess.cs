using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text;

namespace RefundPortal.Benchmarks;

/// <summary>The built portal as its own process on 127.0.0.1, on a fresh SQLite file with the demo world, as `dotnet run` would start it.</summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly string folder;
    private readonly StringBuilder output = new();

    private AppProcess(Process process, string folder, Uri baseUrl) => (this.process, this.folder, BaseUrl) = (process, folder, baseUrl);

    public Uri BaseUrl { get; }
    public int Id => process.Id;
    public string DataFolder => folder;

    /// <summary>CPU time the process has used so far (user and system).</summary>
    public TimeSpan CpuTime()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }
    /// <summary>From process start to the first 200 of the sign-in page.</summary>
    public TimeSpan StartedIn { get; private set; }
    /// <summary>From process start to the first 200 of <c>/health/ready</c> (the demo world seeded).</summary>
    public TimeSpan ReadyIn { get; private set; }

    public long ResidentBytes()
    {
        process.Refresh();
        return process.WorkingSet64;
    }

    /// <summary>The app's SQLite file.</summary>
    public string DatabasePath => Path.Combine(folder, "refundportal.db");

    /// <summary>Keeps the data folder when disposed, to start the app again on it.</summary>
    public bool KeepData { get; set; }

    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null, string? dataFolder = null)
    {
        var root = RepositoryRoot();
        var configuration = typeof(AppProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var dll = Path.Combine(root, "RefundPortal", "bin", configuration, "net10.0", "RefundPortal.dll");
        var folder = dataFolder ?? Path.Combine(Path.GetTempPath(), "refundportal-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var url = new Uri($"http://127.0.0.1:{Browsers.FreePort()}");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.Combine(root, "RefundPortal"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Development serves the static assets from the build output and seeds the demo world.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = url.ToString();
        start.Environment["ConnectionStrings__RefundPortal"] = $"Data Source={Path.Combine(folder, "refundportal.db")}";
        start.Environment["Email__PickupDirectory"] = Path.Combine(folder, "mail");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["RateLimits__AccountPostsPerWindow"] = "100000";
        start.Environment["RateLimits__CircuitsPerWindow"] = "100000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key.Replace(":", "__")] = value;
        // REFUNDPORTAL_BENCH_LOG=<file>: every SQL command with its time is appended to that file when the app stops.
        if (LogFile is not null) start.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information";

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        var app = new AppProcess(process, folder, url);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (app.output) app.output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (app.output) app.output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (process.HasExited) throw new InvalidOperationException($"The app exited: {app.output}");
            try
            {
                if (app.StartedIn == TimeSpan.Zero)
                {
                    using var page = await http.GetAsync(new Uri(url, "Account/Login"));
                    if (page.StatusCode == HttpStatusCode.OK) app.StartedIn = clock.Elapsed;
                }
                if (app.StartedIn != TimeSpan.Zero)
                {
                    using var ready = await http.GetAsync(new Uri(url, "health/ready"));
                    if (ready.StatusCode == HttpStatusCode.OK)
                    {
                        app.ReadyIn = clock.Elapsed;
                        return app;
                    }
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(20);
        }
        throw new TimeoutException($"The app did not answer: {app.output}");
    }

    private static readonly string? LogFile = Environment.GetEnvironmentVariable("REFUNDPORTAL_BENCH_LOG");

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        if (LogFile is not null) lock (output) File.AppendAllText(LogFile, output.ToString());
        process.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!KeepData) try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }


    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RefundPortal.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("RefundPortal.sln not found above the benchmark's output.");
    }
}
