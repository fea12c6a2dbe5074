using System.Diagnostics;
using System.Net;

namespace RefundPortal.Benchmarks;

/// <summary>
/// The yardstick for start-up and circuits: a bare `dotnet new blazor --interactivity Server` app, created and built
/// in Release once under the temporary folder, started the same way as the portal.
/// </summary>
internal static class BareTemplate
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "refundportal-bench", "bare-blazor");

    public static async Task<string> BuildAsync()
    {
        var dll = Path.Combine(Folder, "bin", "Release", "net10.0", "BareBlazor.dll");
        if (File.Exists(dll)) return dll;
        Directory.CreateDirectory(Folder);
        await RunAsync("dotnet", "new", "blazor", "--interactivity", "Server", "--name", "BareBlazor", "--output", Folder, "--force");
        await RunAsync("dotnet", "build", Folder, "-c", "Release", "--nologo", "-v", "quiet");
        return dll;
    }

    /// <summary>From process start to the first 200 of <paramref name="path"/>.</summary>
    public static async Task<TimeSpan> TimeToFirst200Async(string dll, string path)
    {
        var (process, url, clock) = Start(dll);
        try
        {
            return await WaitFor200Async(url, path, clock);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    /// <summary>The bare app running, once it answers; the caller kills it.</summary>
    public static async Task<(Process Process, Uri Url)> StartAsync(string dll)
    {
        var (process, url, clock) = Start(dll);
        await WaitFor200Async(url, "/", clock);
        return (process, url);
    }

    private static (Process, Uri, Stopwatch) Start(string dll)
    {
        var url = new Uri($"http://127.0.0.1:{Browsers.FreePort()}");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = url.ToString();
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, url, clock);
    }

    private static async Task<TimeSpan> WaitFor200Async(Uri url, string path, Stopwatch clock)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var response = await http.GetAsync(new Uri(url, path));
                if (response.StatusCode == HttpStatusCode.OK) return clock.Elapsed;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(20);
        }
        throw new TimeoutException("The bare template did not answer.");
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {await output}{await errors}");
    }

}
