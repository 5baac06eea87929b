using System.Diagnostics;
using Saraban.Workflow;
using Saraban.Workflow.Access;
using Saraban.Workflow.Cascade;
using Saraban.Workflow.Demo;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Numbering;
using Saraban.Workflow.Routing;

namespace Saraban.Web.Benchmarks;

/// <summary>
/// A log shaped like a real one: the demo accounts and circular that serve makes on its first start,
/// then the national cascade run again and again (about 71,000 events a run) until the log holds the
/// events asked for. A log that holds them already is used as it is.
/// </summary>
internal static class CascadeLog
{
    /// <returns>The log's head position once it holds at least <paramref name="events"/>.</returns>
    public static async Task<long> EnsureAsync(StoreOptions options, long events, TextWriter progress, CancellationToken ct)
    {
        await using var store = options.CreateEventStore();
        await store.InitializeAsync(ct);
        var types = SarabanEvents.All();
        var catalog = RoutingCatalog.Load(RoutingCatalog.DefaultFolder());
        // Done here rather than left to serve, so serve's first start on this log is timed like every later one.
        await EnsureDemoAsync(store, types, catalog, ct);
        var head = await store.HeadPositionAsync(ct);
        if (head >= events)
        {
            progress.WriteLine($"log: {head:N0} events (at least {events:N0}), used as it is");
            return head;
        }

        progress.WriteLine($"log: {head:N0} events; running the national cascade until it holds {events:N0} (about {(events - head) / 71_000 + 1} runs)…");
        var clock = Stopwatch.StartNew();
        var from = head;
        for (int run = 1; head < events; run++)
        {
            var started = clock.Elapsed;
            using var cut = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var lastWave = new LastWave(cut);
            try
            {
                await new NationalCascade(store, types, TimeProvider.System, catalog).RunAsync(new CascadeOptions(), lastWave, cut.Token);
            }
            catch (OperationCanceledException) when (lastWave.Seen && !ct.IsCancellationRequested) { }
            head = await store.HeadPositionAsync(ct);
            var perSecond = (head - from) / clock.Elapsed.TotalSeconds;
            progress.WriteLine($"  run {run}: {head:N0} / {events:N0} events, {(clock.Elapsed - started).TotalSeconds:0.0} s this run, " +
                               $"{clock.Elapsed.TotalMinutes:0.0} min so far{(head < events ? $", roughly {(events - head) / perSecond / 60:0} min to go" : "")}");
        }
        return head;
    }

    /// <summary>The progress line of the cascade's last wave (the LAOs, who forward nothing): after it, the run writes nothing more.</summary>
    public const string LastWaveLine = "0 letters to deliver";

    /// <summary>
    /// Cuts a run short once everything it writes is written. What it does after that is its summary
    /// (the tracker and the count of chains), which replays the whole log from position 0: on a log
    /// of a million events that took longer than the run itself, and it made filling a log quadratic.
    /// The next run's delivery catches up on whatever the cut left undelivered (nothing: LAOs send nothing).
    /// </summary>
    private sealed class LastWave(CancellationTokenSource cut) : IProgress<string>
    {
        public bool Seen { get; private set; }

        public void Report(string value)
        {
            if (value != LastWaveLine) return;
            Seen = true;
            cut.Cancel();
        }
    }

    private static async Task EnsureDemoAsync(IEventStore store, EventTypes types, RoutingCatalog catalog, CancellationToken ct)
    {
        var directory = new DirectoryService(store, types);
        var access = new AccessService(store, types, directory, new Passwords());
        await DemoData.EnsureAsync(directory, access, TimeProvider.System, ct);
        var routing = new LetterRouting(store, types, catalog, access);
        var letters = new Correspondence(store, types, directory, access, new NumberIssuer(store, types), TimeProvider.System, routing);
        await DemoData.EnsureCircularAsync(letters, ct);
        await new Delivery(store, StoreOptions.ProjectionStorageFor(store), types, routing, directory).CatchUpAsync(ct);
    }
}
