using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RefundPortal.Tests.Support;

/// <summary>
/// A real socket on 127.0.0.1 standing where the SMTP server should be, which accepts every connection and then either
/// never says a word (a black hole) or drips its greeting one byte at a time and never finishes the line (a tarpit,
/// which no per-operation timeout catches). Disposing closes it and every connection it holds.
/// </summary>
public sealed class UnresponsiveSmtpListener : IDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stop = new();
    private readonly List<TcpClient> held = [];
    private readonly Task accepting;

    private UnresponsiveSmtpListener(int port, TimeSpan? dripEvery)
    {
        listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        accepting = AcceptAsync(dripEvery);
    }

    public static UnresponsiveSmtpListener BlackHole(int port) => new(port, null);

    public static UnresponsiveSmtpListener Tarpit(int port, TimeSpan dripEvery) => new(port, dripEvery);

    /// <summary>How many connections it accepted.</summary>
    public int Accepted
    {
        get { lock (held) return held.Count; }
    }

    private async Task AcceptAsync(TimeSpan? dripEvery)
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                lock (held) held.Add(client);
                if (dripEvery is { } every) _ = DripAsync(client, every);
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    private async Task DripAsync(TcpClient client, TimeSpan every)
    {
        var greeting = Encoding.ASCII.GetBytes("220 tarpit.example ESMTP ");
        try
        {
            var stream = client.GetStream();
            for (var i = 0; ; i++)
            {
                await stream.WriteAsync(greeting.AsMemory(i % greeting.Length, 1), stop.Token);
                await Task.Delay(every, stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException) { }
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        lock (held)
            foreach (var client in held) client.Dispose();
        try { accepting.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        stop.Dispose();
    }
}
