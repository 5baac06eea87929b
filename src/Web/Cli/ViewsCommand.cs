using System.Diagnostics;
using System.Text.Json;
using Saraban.Workflow;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Routing;
using Saraban.Workflow.Views;

namespace Saraban.Web.Cli;

/// <summary><c>./saraban views status|rebuild|catch-up</c>: the stored views, operated.</summary>
public static class ViewsCommand
{
    private const string Help =
        $"""
        Usage: ./saraban views status [--json]
               ./saraban views rebuild [NAME] [--batch N] [--json]
               ./saraban views catch-up [--batch N] [--json]

          status     each view's position against the log's head, its lag, who applies it, the
                     events it set aside (could not apply)
          rebuild    builds NAME (every view when none is named) anew from the log's start, beside
                     the live one, which serves meanwhile; switches when it has caught up
          catch-up   applies what the log holds beyond each view's position, in this process
        Views: registers, inbox, tracking.
        {StoreArguments.Help}
          --batch N              events applied per transaction (default 2000)
          --json                 the result as one JSON line
        """;

    public static async Task<int> RunAsync(string[] argv)
    {
        var what = argv.FirstOrDefault();
        if (what is null or "--help" or "-h") return Verbs.Print(Help, what is null ? 2 : 0);
        var args = new Arguments(argv[1..]);
        if (args.Has("help")) return Verbs.Print(Help, 0);
        var options = StoreArguments.Read(args);
        var json = args.Has("json");
        var batch = args.GetInt("batch", 2000, max: 100_000);
        var name = what == "rebuild" ? args.Positional.FirstOrDefault() : null;
        if (args.Positional.Count > (what == "rebuild" ? 1 : 0)) throw new UsageException($"unexpected '{args.Positional[^1]}'");
        args.RejectUnknown();
        if (what is not ("status" or "rebuild" or "catch-up")) throw new UsageException($"unknown views command '{what}' (status, rebuild or catch-up)");
        if (options.PostgresConnectionString is null && !File.Exists(options.SqlitePath ?? StoreOptions.DefaultSqlitePath))
            throw new EventStoreUnavailableException($"No database at {Path.GetFullPath(options.SqlitePath ?? StoreOptions.DefaultSqlitePath)}.");

        await using var store = options.CreateEventStore();
        await store.InitializeAsync();
        var types = SarabanEvents.All();
        var directory = new DirectoryService(store, types);
        await directory.RefreshAsync();
        await using var views = await SarabanViews.OpenAsync(store, types, directory, RoutingCatalog.Load(RoutingCatalog.DefaultFolder()), batchSize: batch);
        if (name is not null && !views.Stored.Names.Contains(name))
            throw new DomainException($"no view named '{name}' (views: {string.Join(", ", views.Stored.Names.Order())})");

        switch (what)
        {
            case "status": return await StatusAsync(views.Stored, json);
            case "catch-up":
            {
                var started = Stopwatch.StartNew();
                var applied = await CatchUpAsync(views.Stored, await store.HeadPositionAsync());
                var spent = views.Stored.Timings.OrderBy(t => t.Key, StringComparer.Ordinal)
                    .ToDictionary(t => t.Key, t => new { applyMs = Math.Round(t.Value.ApplyMs), commitMs = Math.Round(t.Value.CommitMs) });
                if (!json)
                    foreach (var (part, t) in spent) Console.WriteLine($"  {part,-20} {t.applyMs,10:N0} ms applying {t.commitMs,10:N0} ms committing");
                Report(json, new { applied, seconds = Seconds(started), eventsPerSecond = Rate(applied, started), spent },
                    $"Applied {applied:N0} events of the log to the views in {started.Elapsed.TotalSeconds:0.00} s ({Rate(applied, started):N0} events/s).");
                return 0;
            }
            default:
            {
                var head = await store.HeadPositionAsync();
                var results = new List<object>();
                foreach (var view in name is null ? views.Stored.Names.Order().ToList() : [name])
                {
                    var started = Stopwatch.StartNew();
                    var progress = Console.IsErrorRedirected ? null : new Progress<long>(p => Console.Error.Write($"\r{view}: {p:N0} of {head:N0}…"));
                    var built = await views.Stored.RebuildAsync(view, progress);
                    if (progress is not null) Console.Error.Write("\r\x1b[K");
                    results.Add(new { view, generation = built.Generation, position = built.Position, seconds = Seconds(started), eventsPerSecond = Rate(built.Position, started) });
                    if (!json) Console.WriteLine($"{view}: rebuilt as generation {built.Generation} to position {built.Position:N0} in {started.Elapsed.TotalSeconds:0.00} s ({Rate(built.Position, started):N0} events/s).");
                }
                // Readers still on the old generations (a serving node looks again each second) move first.
                await Task.Delay(views.Stored.RetiredGrace);
                await views.Stored.DropRetiredAsync();
                if (json) Console.WriteLine(JsonSerializer.Serialize(results));
                return 0;
            }
        }
    }

    /// <summary>Applies until every view has reached <paramref name="head"/>, waiting out the lease of a node that died holding one.</summary>
    private static async Task<long> CatchUpAsync(StoredViews views, long head)
    {
        var patience = views.Lease + TimeSpan.FromSeconds(30);
        var deadline = DateTime.UtcNow + patience;
        long applied = 0;
        for (bool said = false; ; )
        {
            var round = await views.CatchUpAsync();
            applied += round;
            if (await views.WaitForAsync(head, TimeSpan.Zero)) return applied;
            // A generation being rebuilt takes a share of pages per round: still moving here is not waiting on anyone.
            if (round > 0) { deadline = DateTime.UtcNow + patience; continue; }
            var held = (await views.StatusAsync()).Where(s => s.Lag > 0).Select(s => $"{s.Name} by {s.Serving?.Owner}").ToList();
            if (DateTime.UtcNow > deadline) throw new EventStoreException($"the views are still behind the log, applied elsewhere: {string.Join(", ", held)}");
            if (!said) Console.Error.WriteLine($"saraban views: waiting for another process's lease ({string.Join(", ", held)}; at most {views.Lease.TotalSeconds:0} s)");
            said = true;
            await Task.Delay(250);
        }
    }

    private static async Task<int> StatusAsync(StoredViews views, bool json)
    {
        var status = await views.StatusAsync();
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(status.Select(s => new
            {
                view = s.Name, head = s.Head, position = s.Serving?.Position, lag = s.Lag, generation = s.Serving?.Generation, owner = s.Serving?.Owner,
                leaseUntil = s.Serving?.LeaseUntil, updatedAt = s.Serving?.UpdatedAt, errors = s.ErrorCount,
                latestErrors = s.LatestErrors.Select(e => new { e.Position, e.StreamId, e.EventType, e.Error, e.At }),
                generations = s.Generations.Select(g => new { g.Generation, g.Status, g.Position, g.SchemaVersion }),
            })));
            return status.Any(s => s.ErrorCount > 0) ? 1 : 0;
        }
        Console.WriteLine($"{"view",-10} {"position",12} {"head",12} {"lag",9}  {"errors",6}  applied by");
        foreach (var s in status)
        {
            Console.WriteLine($"{s.Name,-10} {s.Serving?.Position ?? 0,12:N0} {s.Head,12:N0} {s.Lag,9:N0}  {s.ErrorCount,6:N0}  {s.Serving?.Owner ?? "-"}");
            foreach (var g in s.Generations.Where(g => g != s.Serving))
                Console.WriteLine($"  generation {g.Generation} {g.Status} at {g.Position:N0}");
            foreach (var e in s.LatestErrors)
                Console.WriteLine($"  set aside: position {e.Position:N0} ({e.EventType} on {e.StreamId}): {e.Error}");
        }
        return status.Any(s => s.ErrorCount > 0) ? 1 : 0;
    }

    private static void Report(bool json, object figures, string text) => Console.WriteLine(json ? JsonSerializer.Serialize(figures) : text);
    private static double Seconds(Stopwatch s) => Math.Round(s.Elapsed.TotalSeconds, 3);
    private static double Rate(long events, Stopwatch s) => Math.Round(events / Math.Max(s.Elapsed.TotalSeconds, 1e-6));
}
