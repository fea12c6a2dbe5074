using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace RefundPortal.Benchmarks;

/// <summary>
/// The managed heap of another .NET process after a full, blocking collection, read the way dotnet-gcdump does:
/// an EventPipe session with the GCHeapCollect keyword makes the runtime collect, and its GCHeapStats event gives the
/// size of every generation afterwards. Nothing to install; the process needs no code for it.
/// </summary>
internal static class HeapProbe
{
    public static async Task<long> LiveHeapBytesAsync(int processId)
    {
        var client = new DiagnosticsClient(processId);
        var keywords = (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect);
        using var session = client.StartEventPipeSession(
            [new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, keywords)], requestRundown: false);
        var result = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var fullCollection = false;
        var reading = Task.Run(() =>
        {
            using var source = new EventPipeEventSource(session.EventStream);
            source.Clr.GCStart += e => fullCollection = e.Depth == 2;
            source.Clr.GCHeapStats += e =>
            {
                if (!fullCollection) return;
                result.TrySetResult(e.GenerationSize0 + e.GenerationSize1 + e.GenerationSize2 + e.GenerationSize3 + e.GenerationSize4);
                source.StopProcessing();
            };
            source.Process();
        });
        try
        {
            return await result.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            await session.StopAsync(CancellationToken.None);
            await reading.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}
