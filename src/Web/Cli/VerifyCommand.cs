using System.Text.Json;
using Saraban.Workflow.EventStore;

namespace Saraban.Web.Cli;

public static class VerifyCommand
{
    private const string Help =
        $"""
        Usage: ./saraban verify [--db PATH | --postgres "CONN"] [--json]

        Recomputes every event's chained hash. Exits 0 and prints the count when the whole log
        holds; exits 1 naming the first position that was altered or removed.

        {StoreArguments.Help}
          --json                 print the result as JSON
        """;

    public static async Task<int> RunAsync(string[] argv)
    {
        var args = new Arguments(argv);
        if (args.Has("help")) return Verbs.Print(Help, 0);
        var options = StoreArguments.Read(args);
        bool json = args.Has("json");
        args.RejectUnknown();

        if (options.PostgresConnectionString is null && !File.Exists(options.SqlitePath ?? StoreOptions.DefaultSqlitePath))
            throw new EventStoreUnavailableException($"No database at {Path.GetFullPath(options.SqlitePath ?? StoreOptions.DefaultSqlitePath)}.");
        await using var store = options.CreateEventStore();
        await store.InitializeAsync();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var progress = Console.IsErrorRedirected ? null : new Progress<long>(n => Console.Error.Write($"\r{n:N0} events checked…"));
        var report = await store.VerifyAsync(progress);
        if (progress is not null) Console.Error.Write("\r\x1b[K");

        if (json)
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                backend = store.Backend, holds = report.Holds, events = report.EventsChecked,
                firstBadPosition = report.FirstBadPosition, problem = report.Problem, seconds = Math.Round(started.Elapsed.TotalSeconds, 3),
            }));
        else if (report.Holds)
            Console.WriteLine($"The chain holds: {report.EventsChecked:N0} events verified in {started.Elapsed.TotalSeconds:0.00} s.");
        else
            Console.Error.WriteLine($"saraban verify: the chain is broken at position {report.FirstBadPosition}: {report.Problem}.");
        return report.Holds ? 0 : 1;
    }
}
