namespace RefundPortal.Benchmarks;

/// <summary>
/// Issue 13's table: runs each benchmark at its default size, both sides of every ratio in this one run, and prints
/// the rows as Markdown with whether each meets its goal.
/// </summary>
internal static class Table
{
    private sealed record Row(string Figure, string Now, string Goal, bool Met);

    public static async Task RunAsync()
    {
        var rows = new List<Row>();
        var (worker, raw) = await DeadlineBenchmark.RunAsync(10_000);
        rows.Add(new("deadline worker ÷ raw SQLite loop, items/s", $"{worker:N0} ÷ {raw:N0} = {worker / raw:N2}", "≥ 1.0", worker / raw >= 1.0));

        var (lists, bareClick) = await ListBenchmark.RunAsync([1_000, 1_000_000]);
        var (small, large) = (lists[0], lists[^1]);
        var search = large.SearchMs / small.SearchMs;
        rows.Add(new("\"Purchased Items\" search to the first card, 1M orders ÷ 1k",
            $"{large.SearchMs:N0} ÷ {small.SearchMs:N0} ms = {search:N2}× (after the {ListBenchmark.SearchDebounceMs} ms debounce: " +
            $"{large.SearchMs - ListBenchmark.SearchDebounceMs:N0} ÷ {small.SearchMs - ListBenchmark.SearchDebounceMs:N0} ms)", "≤ 1.5×", search <= 1.5));
        var open = large.OpenMs / small.OpenMs;
        rows.Add(new("\"Refund Management\" open, 1M orders ÷ 1k", $"{large.OpenMs:N0} ÷ {small.OpenMs:N0} ms = {open:N2}×", "≤ 1.5×", open <= 1.5));
        var cpu = Math.Max(small.CpuPerClickMs, large.CpuPerClickMs);
        rows.Add(new("server CPU per list click, \"Refund Management\"", $"{small.CpuPerClickMs:N1} ms at 1k, {large.CpuPerClickMs:N1} ms at 1M (a bare template's /counter click: {bareClick:N1} ms)", "≤ 3 ms", cpu <= 3));

        var (portal, layout, bare) = await CircuitBenchmark.RunAsync(200);
        rows.Add(new("managed heap per live circuit, \"Refund Management\" ÷ bare /counter",
            $"{portal / 1024:N0} ÷ {bare / 1024:N0} KB = {portal / bare:N1}× (Home with the layout: {layout / 1024:N0} KB)", "≤ 2×", portal / bare <= 2));

        var (started, template) = await StartBenchmark.RunAsync(3);
        rows.Add(new("process start to first 200 ÷ bare template", $"{started:N0} ÷ {template:N0} ms = {started / template:N1}×", "≤ 1.5×", started / template <= 1.5));

        Console.WriteLine();
        Console.WriteLine("| figure | now | goal | met |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var row in rows) Console.WriteLine($"| {row.Figure} | {row.Now} | {row.Goal} | {(row.Met ? "yes" : "no")} |");
    }
}
