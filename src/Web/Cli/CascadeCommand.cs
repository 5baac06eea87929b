using System.Globalization;
using System.Text.Json;
using Saraban.Web.Benchmarks;
using Saraban.Workflow;
using Saraban.Workflow.Cascade;
using Saraban.Workflow.Routing;

namespace Saraban.Web.Cli;

public static class CascadeCommand
{
    private const string Help =
        $"""
        Usage: ./saraban cascade [--backend sqlite|postgres] [--db PATH | --postgres "CONN"] [options]

        Runs the example of DOMAIN.md on the national directory: the PM Office's circular to every
        governor, each province and district registering, minuting, approving and forwarding it,
        every LAO registering and acknowledging it. Staff are simulated.

          --backend sqlite|postgres   which store (default sqlite); without --db, a fresh database
        {StoreArguments.Help}
          --keep                      keep the fresh database afterwards and print where it is
          --late SHARE                share of offices that act only after all others (0 to 1, default 0)
          --never SHARE               share of offices that never act (0 to 1, default 0)
          --seed N                    which offices are late or never (default 2567)
          --provinces P1,P2           only these provinces (default: all 76 and Bangkok)
          --parallel N                offices acting at the same moment (default 32)
          --no-actions                the circular asks nothing (no replies, submissions or extension)
        The last line is JSON: backend, organizationsReached, lettersDispatched, receipts, events, seconds, chainsVerified.
        """;

    public static async Task<int> RunAsync(string[] argv)
    {
        var args = new Arguments(argv, "keep", "no-actions");
        if (args.Has("help")) return Verbs.Print(Help, 0);
        var backend = args.Get("backend") ?? (args.Has("postgres") ? "postgres" : "sqlite");
        var options = StoreArguments.Read(args, backend);
        var explicitDb = args.Get("db") is not null || args.Get("postgres") is not null;
        var keep = args.Has("keep");
        var cascade = new CascadeOptions(Share(args, "late"), Share(args, "never"), args.GetInt("seed", 2567, min: 0),
            args.Get("provinces")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            args.GetInt("parallel", 32, max: 512), Actions: !args.Has("no-actions"));
        args.RejectUnknown();
        if (cascade.LateShare + cascade.NeverShare > 1) throw new UsageException("--late and --never together cannot exceed 1");

        await using var fresh = explicitDb ? null : await FreshDatabase.CreateAsync(options, keep);
        // The seed's timeline (14 March – September 2567): events are recorded at the simulated time.
        var clock = new CascadeClock(Saraban.Workflow.Cascade.SeedStory.RequestSent);
        await using var store = (fresh?.Options ?? options).CreateEventStore(clock);
        await store.InitializeAsync();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var progress = new Progress<string>(s => Console.Error.WriteLine($"  [{started.Elapsed.TotalSeconds,6:0.00} s] {s}"));
        var r = await new NationalCascade(store, SarabanEvents.All(), clock, RoutingCatalog.Load(RoutingCatalog.DefaultFolder())).RunAsync(cascade, progress);

        Console.WriteLine($"Circular {r.OriginLetterId}: {r.LettersDispatched:N0} letters dispatched, {r.OrganizationsReached:N0} offices reached, {r.Receipts:N0} registered, in {r.Seconds:0.00} s ({r.Events:N0} events).");
        foreach (var (level, (reached, registered, acted)) in r.Summary)
            Console.WriteLine($"  {level,-14} reached {reached,6:N0}   registered {registered,6:N0}   acted {acted,6:N0}");
        Console.WriteLine($"  LAOs: {r.LocalOfficesRegistered:N0} of {r.LocalOfficesExpected:N0} registered; {r.LocalOfficesExpected - r.LocalOfficesRegistered:N0} not yet (late offices {r.Late:N0}, never {r.Never:N0}); {r.ChainsVerified:N0} LAO letters chain back to the PM Office's original.");
        if (r.Story is { } story)
            Console.WriteLine($"  Actions: {story.Requested:N0} LAOs asked; {story.Replied:N0} replied with nominees; {story.Submitted:N0} submitted the self-assessment, {story.Late:N0} late; the extension moved {story.DeadlineMoved:N0} deadlines in {story.DeadlineMovesSeconds} s; national compliance (every LAO, by province) read in {story.ComplianceQueryMs} ms (median of 21).");
        Console.WriteLine($"  \"Which LAOs of province P have not registered it?\" answered in {r.TrackerQueryMedianMs} ms (median over provinces; slowest {r.TrackerQueryMaxMs} ms).");
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            backend = store.Backend, organizationsReached = r.OrganizationsReached, lettersDispatched = r.LettersDispatched, receipts = r.Receipts,
            events = r.Events, seconds = r.Seconds, chainsVerified = r.ChainsVerified,
            requested = r.Story?.Requested, submitted = r.Story?.Submitted, late = r.Story?.Late, remindersSent = r.Story?.RemindersSent,
            deadlineMoved = r.Story?.DeadlineMoved, deadlineMovesSeconds = r.Story?.DeadlineMovesSeconds, replied = r.Story?.Replied,
            complianceQueryMs = r.Story?.ComplianceQueryMs,
        }));
        return 0;
    }

    private static double Share(Arguments args, string name)
    {
        var raw = args.Get(name);
        if (raw is null) return 0;
        return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v is >= 0 and <= 1
            ? v : throw new UsageException($"--{name} must be a share from 0 to 1, not '{raw}'");
    }
}
