using System.Text.Json;
using Saraban.Workflow.EventStore;

namespace Saraban.Web.Cli;

public static class VerifyCommand
{
    private const string Help =
        $"""
        Usage: ./saraban verify [--db PATH | --postgres "CONN"] [--json]

        Recomputes every event's chained hash, then hashes every file a live letter names (its
        enclosures) against the SHA-256 its event holds. Exits 0 and prints the counts when the
        whole log and every file hold; exits 1 naming the first position that was altered or
        removed, or each file missing or changed.

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
        var files = await Saraban.Workflow.Files.FileCheck.RunAsync(store, Saraban.Workflow.SarabanEvents.All(), Saraban.Workflow.Files.FileStores.For(store));
        var holds = report.Holds && files.Holds;

        if (json)
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                backend = store.Backend, holds, events = report.EventsChecked, erased = report.Erased,
                firstBadPosition = report.FirstBadPosition, problem = report.Problem, seconds = Math.Round(started.Elapsed.TotalSeconds, 3),
                files = files.FilesChecked, fileBytes = files.BytesChecked, fileProblems = files.Problems,
            }));
        else
        {
            if (holds)
                Console.WriteLine($"The chain holds: {report.EventsChecked:N0} events verified ({report.Erased:N0} erased as destructions announced) in {started.Elapsed.TotalSeconds:0.00} s; {files.FilesChecked:N0} files ({files.BytesChecked:N0} bytes) match their events.");
            else if (report.Holds)
                Console.Error.WriteLine($"saraban verify: the chain holds ({report.EventsChecked:N0} events), but {files.Problems.Count} of {files.FilesChecked:N0} files do not match their events:");
            else
                Console.Error.WriteLine($"saraban verify: the chain is broken at position {report.FirstBadPosition}: {report.Problem}.");
            foreach (var p in files.Problems)
                Console.Error.WriteLine($"saraban verify: file {p.Sha256[..16]}… ({p.FileName}, file {p.Number} of letter {p.StreamId}) is {p.What}.");
        }
        return holds ? 0 : 1;
    }
}
