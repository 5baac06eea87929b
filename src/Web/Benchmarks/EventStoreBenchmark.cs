using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using Saraban.Web.Cli;
using Saraban.Workflow.EventStore;

namespace Saraban.Web.Benchmarks;

/// <summary>
/// Single-event appends, one transaction each, spread over many streams, from N concurrent writers;
/// then a check that the log holds exactly what was written and that the chain verifies.
/// </summary>
public static class EventStoreBenchmark
{
    private const string Help =
        $"""
        Usage: ./saraban bench eventstore --backend sqlite|postgres [--writers N] [--events N]

          --backend sqlite|postgres   which store (default sqlite)
          --writers N                 concurrent writers (default 1)
          --events N                  events to append after warm-up (default 20000)
          --per-append N              events per append (default 1; more builds big logs fast)
          --keep                      keep the database afterwards and print where it is
          --pgbench                   (postgres) also run pgbench, one-row INSERT per transaction at
                                      the same client count, and report our share of its rate
        {StoreArguments.Help}
        Runs on a fresh database (a new file, or a new schema that is dropped afterwards).
        The last line is JSON: backend, writers, events, eventsPerSecond, p50Ms, p99Ms, cpuUsPerEvent, lost, duplicates.
        """;

    public static async Task<int> RunAsync(string[] argv)
    {
        var args = new Arguments(argv);
        if (args.Has("help")) return Verbs.Print(Help, 0);
        var backend = args.Get("backend") ?? "sqlite";
        var writers = args.GetInt("writers", 1, max: 512);
        var events = args.GetInt("events", 20_000, max: 100_000_000);
        var perAppend = args.GetInt("per-append", 1, max: 10_000);
        var keep = args.Has("keep");
        var withPgbench = args.Has("pgbench");
        if (withPgbench && backend != "postgres") throw new UsageException("--pgbench goes with --backend postgres");
        var options = StoreArguments.Read(args, backend);
        args.RejectUnknown();

        await using var fresh = await FreshDatabase.CreateAsync(options, keep);
        await using var store = fresh.Options.CreateEventStore();
        await store.InitializeAsync();

        var written = new ConcurrentBag<Guid>();
        var meta = new EventMetadata("bench", "bench", Guid.NewGuid(), null);
        // Warm-up: JIT, connection pools, and SQLite's WAL grown to its working size (a live system runs there).
        int warmUp = Math.Max(2_000, writers * 20);
        await RunWriters(store, writers, warmUp, 1, "warm", meta, written, null);

        var latencies = new ConcurrentBag<long[]>();
        // CPU time as well as wall time: on a shared machine the wall clock drifts with the neighbours'
        // load and the disk's mood, while CPU per event shows what the append path itself costs.
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var progress = Progress.Start(events, () => written.Count - warmUp);
        await RunWriters(store, writers, events, perAppend, "run", meta, written, latencies);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        progress.Dispose();

        var (lost, duplicates, stored) = await CheckLog(store, written);
        var chain = await store.VerifyAsync();
        double? pgbenchTps = withPgbench && fresh.Schema is { } schema
            ? await Pgbench.RunAsync(fresh.Options.PostgresConnectionString!, schema, writers, seconds: Math.Clamp((int)Math.Ceiling(seconds), 5, 30))
            : null;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Ms(double q) => all.Length == 0 ? 0 : Math.Round(all[(int)Math.Min(all.Length - 1, q * all.Length)] * 1000.0 / Stopwatch.Frequency, 3);
        var result = new
        {
            backend = store.Backend, writers, events, eventsPerSecond = Math.Round(events / seconds),
            p50Ms = Ms(0.50), p99Ms = Ms(0.99), cpuUsPerEvent = Math.Round(cpu.TotalMicroseconds / events, 1), lost, duplicates, stored, chainHolds = chain.Holds, seconds = Math.Round(seconds, 2),
            pgbenchTps = pgbenchTps is { } tps ? Math.Round(tps) : (double?)null,
            ofPgbench = pgbenchTps is { } t ? Math.Round(events / seconds / t, 3) : (double?)null,
        };
        Console.WriteLine($"{store.Backend}, {writers} writer(s): {result.eventsPerSecond:N0} events/s, p50 {result.p50Ms} ms, p99 {result.p99Ms} ms, CPU {result.cpuUsPerEvent} µs/event; " +
                          $"log holds {stored:N0} events, lost {lost}, duplicates {duplicates}, chain {(chain.Holds ? "verifies" : "BROKEN: " + chain.Problem)}");
        if (pgbenchTps is { } pg) Console.WriteLine($"pgbench, {writers} clients, one-row INSERT per transaction: {pg:N0} tps; we reach {result.ofPgbench:P0} of it");
        if (withPgbench && pgbenchTps is null) Console.Error.WriteLine("pgbench is not installed: no comparison");
        Console.WriteLine(JsonSerializer.Serialize(result));
        return lost == 0 && duplicates == 0 && chain.Holds ? 0 : 1;
    }

    private static Task RunWriters(IEventStore store, int writers, int total, int perAppend, string phase, EventMetadata meta,
        ConcurrentBag<Guid> written, ConcurrentBag<long[]>? latencies)
    {
        int next = 0;
        return Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var versions = new Dictionary<string, long>();
            var mine = new List<long>(total / writers + 1);
            int taken;
            while ((taken = Math.Min(perAppend, total - (Interlocked.Add(ref next, perAppend) - perAppend))) > 0)
            {
                var stream = $"bench-{phase}-{w}-{mine.Count % 64}";
                var version = versions.GetValueOrDefault(stream);
                var batch = Enumerable.Range(0, taken).Select(i => new EventData(Guid.CreateVersion7(), "bench-letter-registered",
                    $$"""{"writer":{{w}},"n":{{mine.Count}},"i":{{i}},"subject":"ขอเชิญประชุมเชิงปฏิบัติการ"}""", meta)).ToArray();
                var t = Stopwatch.GetTimestamp();
                await store.AppendAsync(stream, ExpectedVersion.Exactly(version), batch);
                mine.Add(Stopwatch.GetTimestamp() - t);
                versions[stream] = version + taken;
                foreach (var e in batch) written.Add(e.EventId);
            }
            latencies?.Add(mine.ToArray());
        })));
    }

    /// <summary>
    /// Reads the whole log back. On PostgreSQL an event becomes readable once no older transaction
    /// is still open anywhere on the server, so the check keeps reading (up to a minute without
    /// progress) before it calls an event lost: late is not lost.
    /// </summary>
    private static async Task<(long Lost, long Duplicates, long Stored)> CheckLog(IEventStore store, ConcurrentBag<Guid> written)
    {
        var seen = new HashSet<Guid>();
        long stored = 0, duplicates = 0, after = 0;
        var patience = Stopwatch.StartNew();
        while (true)
        {
            var batch = await store.ReadAllAsync(after, 10_000);
            if (batch.Count == 0)
            {
                if (seen.Count >= written.Count || patience.Elapsed > TimeSpan.FromMinutes(1)) break;
                await Task.Delay(100);
                continue;
            }
            patience.Restart();
            foreach (var e in batch) { stored++; if (!seen.Add(e.EventId)) duplicates++; }
            after = batch[^1].Position;
        }
        long lost = written.Count(id => !seen.Contains(id));
        return (lost, duplicates + Math.Max(0, seen.Count - written.Count), stored);
    }

    /// <summary>Progress on a terminal only, so piped output stays clean.</summary>
    private sealed class Progress : IDisposable
    {
        private readonly Timer? _timer;
        private Progress(Timer? t) => _timer = t;

        public static Progress Start(int total, Func<int> done) => Console.IsErrorRedirected
            ? new Progress(null)
            : new Progress(new Timer(_ => Console.Error.Write($"\r{done():N0} / {total:N0} appended…"), null, 500, 500));

        public void Dispose()
        {
            if (_timer is null) return;
            _timer.Dispose();
            Console.Error.Write("\r\x1b[K");
        }
    }
}

/// <summary>A database the benchmark may fill and throw away: a new SQLite file, or a new PostgreSQL schema.</summary>
internal sealed class FreshDatabase : IAsyncDisposable
{
    private readonly Func<Task> _drop;
    public StoreOptions Options { get; }

    /// <summary>The PostgreSQL schema made for the run; null on SQLite.</summary>
    public string? Schema { get; }

    private FreshDatabase(StoreOptions options, Func<Task> drop, string? schema = null) => (Options, _drop, Schema) = (options, drop, schema);

    public static async Task<FreshDatabase> CreateAsync(StoreOptions requested, bool keep)
    {
        var name = "bench_" + Guid.NewGuid().ToString("N")[..12];
        if (requested.PostgresConnectionString is not { } cs)
        {
            var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(requested.SqlitePath ?? StoreOptions.DefaultSqlitePath))!, name + ".db");
            return new FreshDatabase(new StoreOptions(path, null), keep ? Kept($"--db {path}") : () =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                var views = Saraban.Workflow.Views.ViewDatabase.ViewsFileOf(path);
                foreach (var f in new[] { path, path + "-wal", path + "-shm", views, views + "-wal", views + "-shm" }) File.Delete(f);
                return Task.CompletedTask;
            });
        }
        try
        {
            await Exec(cs, $"CREATE SCHEMA {name}");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new EventStoreUnavailableException($"Cannot prepare a benchmark schema in PostgreSQL: {ex.Message}", ex);
        }
        var scoped = new NpgsqlConnectionStringBuilder(cs) { SearchPath = name, MaxPoolSize = 200 }.ConnectionString;
        return new FreshDatabase(new StoreOptions(null, scoped), keep ? Kept($"schema {name}") : () => Exec(cs, $"DROP SCHEMA {name} CASCADE"), name);
    }

    private static Func<Task> Kept(string where) => () =>
    {
        Console.Error.WriteLine($"kept the benchmark database: {where}");
        return Task.CompletedTask;
    };

    private static async Task Exec(string cs, string sql)
    {
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _drop();
    }
}
