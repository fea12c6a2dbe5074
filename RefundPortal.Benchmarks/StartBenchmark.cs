namespace RefundPortal.Benchmarks;

/// <summary>Process start to the first 200, the portal (a new database each time) beside the bare template, median of N.</summary>
internal static class StartBenchmark
{
    /// <summary>Returns the two medians in milliseconds: the portal's and the bare template's.</summary>
    public static async Task<(double Portal, double Bare)> RunAsync(int runs)
    {
        var bare = await BareTemplate.BuildAsync();
        var portal = new List<(TimeSpan Listening, TimeSpan Ready)>();
        var template = new List<TimeSpan>();
        for (var run = 0; run < runs; run++)
        {
            await using (var app = await AppProcess.StartAsync()) portal.Add((app.StartedIn, app.ReadyIn));
            template.Add(await BareTemplate.TimeToFirst200Async(bare, "/"));
        }
        var listening = Median(portal.Select(p => p.Listening));
        var ready = Median(portal.Select(p => p.Ready));
        var baseline = Median(template);
        Console.WriteLine($"start to first 200 (median of {runs}): portal sign-in page {listening:N0} ms (ready, demo world seeded: {ready:N0} ms), " +
                          $"bare template {baseline:N0} ms: {listening / baseline:N1}×");
        return (listening, baseline);
    }

    private static double Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Select(v => v.TotalMilliseconds).Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
