using RefundPortal.Benchmarks;

// Prints figures; asserts nothing. Build in Release: dotnet run -c Release --project RefundPortal.Benchmarks -- <what> [size]
//   table           every benchmark below at its default size, then issue 13's table with both sides of each ratio
//   deadlines [N]   N due refund requests worked through by one pass of the deadline worker (default 10,000)
//   circuits [N]    N live "Refund Management" circuits on one app node: heap and memory per circuit (default 200)
//   lists [sizes]   list pages in a browser at each size of order history, e.g. "1000,1000000" (the default)
//   start [N]       process start to the first 200, beside a bare `dotnet new blazor` app, median of N runs (default 3)
//   stats [N]       Refund Statistics, the Dispute Board and the CSV export on N orders of one seller, one in ten with a
//                   refund request (default 1,000,000: 100,000 refunds)
var what = args.Length > 0 ? args[0] : "table";
int Size(int fallback) => args.Length > 1 ? int.Parse(args[1]) : fallback;
IReadOnlyList<int> Sizes() => [.. (args.Length > 1 ? args[1] : "1000,1000000").Split(',').Select(int.Parse)];
switch (what)
{
    case "table": await Table.RunAsync(); break;
    case "deadlines": await DeadlineBenchmark.RunAsync(Size(10_000)); break;
    case "circuits": await CircuitBenchmark.RunAsync(Size(200)); break;
    case "start": await StartBenchmark.RunAsync(Size(3)); break;
    case "lists": await ListBenchmark.RunAsync(Sizes()); break;
    case "stats": await StatisticsBenchmark.RunAsync(Size(1_000_000)); break;
    default:
        Console.Error.WriteLine($"Unknown benchmark \"{what}\": table, deadlines, circuits, lists, start or stats.");
        return 2;
}
return 0;
