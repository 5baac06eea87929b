using System.Diagnostics;
using System.Text.Json;
using Saraban.Web.Cli;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Numbering;

namespace Saraban.Web.Benchmarks;

/// <summary>
/// N clerks of one organization registering letters at once until M receive numbers are issued;
/// then the whole series is checked: every number once, none missing.
/// </summary>
public static class NumberingBenchmark
{
    private const string Help =
        $"""
        Usage: ./saraban bench numbering --backend sqlite|postgres [--clerks N] [--count M]

          --backend sqlite|postgres   which store (default sqlite)
          --clerks N                  concurrent clerks (default 32)
          --count M                   numbers to issue (default 10000)
        {StoreArguments.Help}
        Runs on a fresh database. The last line is JSON: backend, clerks, issued, duplicates, gaps, perSecond.
        """;

    private sealed record LetterRegistered(int ReceiveNumber, string Subject);

    public static async Task<int> RunAsync(string[] argv)
    {
        var args = new Arguments(argv);
        if (args.Has("help")) return Verbs.Print(Help, 0);
        var backend = args.Get("backend") ?? "sqlite";
        var clerks = args.GetInt("clerks", 32, max: 1024);
        var count = args.GetInt("count", 10_000, max: 10_000_000);
        var options = StoreArguments.Read(args, backend);
        args.RejectUnknown();

        await using var fresh = await FreshDatabase.CreateAsync(options, keep: false);
        await using var store = fresh.Options.CreateEventStore();
        await store.InitializeAsync();
        var types = RunningNumbers.Register(new EventTypes()).Register<LetterRegistered>("letter-registered");
        var issuer = new NumberIssuer(store, types);
        const string office = "prov-53";
        var year = DateTime.UtcNow.Year;

        var clock = Stopwatch.StartNew();
        int taken = 0;
        await Task.WhenAll(Enumerable.Range(0, clerks).Select(clerk => Task.Run(async () =>
        {
            var meta = new EventMetadata($"clerk-{clerk}", office, Guid.CreateVersion7(), null);
            while (Interlocked.Increment(ref taken) <= count)
            {
                var letter = $"incoming-{Guid.CreateVersion7():N}";
                await issuer.IssueAsync(office, NumberSeries.Incoming, year, letter, n =>
                    [new StreamAppend(letter, ExpectedVersion.NoStream, [types.ToEventData(new LetterRegistered(n, "ขอเชิญประชุมเชิงปฏิบัติการ"), meta)])], meta);
            }
        })));
        var seconds = clock.Elapsed.TotalSeconds;

        // The check reads the letters back from the log, not from what the issuer said.
        var numbers = new List<int>();
        for (long after = 0; ;)
        {
            var batch = await store.ReadAllAsync(after, 10_000);
            if (batch.Count == 0) break;
            numbers.AddRange(batch.Where(e => e.Type == "letter-registered").Select(e => ((LetterRegistered)types.Deserialize(e)).ReceiveNumber));
            after = batch[^1].Position;
        }
        var distinct = numbers.ToHashSet();
        int duplicates = numbers.Count - distinct.Count;
        int gaps = Enumerable.Range(1, distinct.Count == 0 ? 0 : distinct.Max()).Count(n => !distinct.Contains(n));
        var book = await issuer.ReadAsync(office, NumberSeries.Incoming, year);
        var result = new
        {
            backend = store.Backend, clerks, issued = numbers.Count, duplicates, gaps, perSecond = Math.Round(count / seconds),
            bookNext = book.Next, seconds = Math.Round(seconds, 2),
        };
        Console.WriteLine($"{store.Backend}, {clerks} clerks: {numbers.Count:N0} numbers issued at {result.perSecond:N0}/s; duplicates {duplicates}, gaps {gaps}; next number {book.Next:N0}");
        Console.WriteLine(JsonSerializer.Serialize(result));
        return duplicates == 0 && gaps == 0 && numbers.Count == count && book.Next == count + 1 ? 0 : 1;
    }
}
