using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace RefundPortal.Tests.Support;

/// <summary>
/// A real SMTP server process on 127.0.0.1 (aiosmtpd, from Debian's python3-aiosmtpd, which test.sh installs).
/// It keeps every accepted message as a file; it can be stopped and started again on the same port.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly string folder = Path.Combine(Path.GetTempPath(), "refundportal-smtp", Guid.NewGuid().ToString("N"));
    private Process? process;

    public int Port { get; } = FreePort();

    public static async Task<SmtpServer> StartAsync()
    {
        var server = new SmtpServer();
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Support", "smtp", "smtp_server.py");
        var start = new ProcessStartInfo(Python, [script, Port.ToString(), folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        process = Process.Start(start) ?? throw new InvalidOperationException("The SMTP server did not start.");
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        if (ready?.StartsWith("listening", StringComparison.Ordinal) != true)
            throw new InvalidOperationException($"The SMTP server did not come up: {ready} {await process.StandardError.ReadToEndAsync()}");
    }

    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process?.Dispose();
        process = null;
    }

    /// <summary>Every message the server accepted so far, in arrival order.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.eml").Order().Select(f => MimeMessage.Load(f)).ToList()
            : [];

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
