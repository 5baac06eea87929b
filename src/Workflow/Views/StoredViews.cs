using System.Data.Common;
using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Views;

/// <summary>
/// The stored views of one database: their generations, the reads pages make, and catching them up
/// with the log. Any number of nodes may hold one; a lease in each generation's state row lets one
/// node apply a view at a time, and another takes over when the lease runs out (the holder died).
/// </summary>
public sealed partial class StoredViews : IViewReader, IAsyncDisposable
{
    private readonly IEventStore _store;
    private readonly ViewDatabase _db;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, IView> _views;
    private readonly SemaphoreSlim _applying = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private volatile ReaderMap? _readers;

    /// <param name="node">Who holds leases, in status; unique per process.</param>
    public StoredViews(IEventStore store, ViewDatabase db, IEnumerable<IView> views, TimeProvider? clock = null, string? node = null)
    {
        _store = store;
        _db = db;
        _clock = clock ?? TimeProvider.System;
        _views = views.ToDictionary(v => v.Name, StringComparer.Ordinal);
        Node = node ?? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";
    }

    public string Node { get; }
    internal ViewDatabase Database => _db;
    public SqlDialect Dialect => _db.Dialect;
    public string Where => _db.Where;
    public IReadOnlyCollection<string> Names => _views.Keys;

    /// <summary>Events per batch: one transaction of rows and checkpoint.</summary>
    public int BatchSize { get; init; } = 2000;

    /// <summary>How long a node's claim on a view lasts without a batch: another node takes over after it.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a retired generation's tables stay for readers still on it.</summary>
    public TimeSpan RetiredGrace { get; init; } = TimeSpan.FromSeconds(5);

    private long Now => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Creates the bookkeeping tables, and a first generation of each view that has none (or whose tables are older than the code).</summary>
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await _db.InitializeAsync(ct);
        await using var tx = await _db.BeginExclusiveAsync(ct);
        var all = await tx.QueryAsync($"SELECT {ViewGeneration.Columns} FROM view_state", ViewGeneration.Read, [], ct);
        foreach (var view in _views.Values)
        {
            var mine = all.Where(g => g.Name == view.Name).ToList();
            var live = mine.FirstOrDefault(g => g.Status == ViewGeneration.Live);
            if (live is not null && live.SchemaVersion > view.SchemaVersion)
                throw new EventStoreException($"The view '{view.Name}' in {_db.Where} has version {live.SchemaVersion}, newer than this program's {view.SchemaVersion}; upgrade Saraban.");
            if (live is null) CreateGeneration(tx, view, mine, ViewGeneration.Live);
            else if (live.SchemaVersion < view.SchemaVersion && !mine.Any(g => g.Status == ViewGeneration.Building && g.SchemaVersion == view.SchemaVersion))
                CreateGeneration(tx, view, mine, ViewGeneration.Building);
        }
        await tx.CommitAsync(ct);
        _readers = null;
    }

    private int CreateGeneration(ViewTransaction tx, IView view, IReadOnlyList<ViewGeneration> existing, string status)
    {
        int generation = existing.Count == 0 ? 1 : existing.Max(g => g.Generation) + 1;
        var names = new TableNames(new Dictionary<string, int> { [view.Name] = generation });
        foreach (var table in view.Tables) tx.Execute($"DROP TABLE IF EXISTS {TableNames.Table(view.Name, generation, table)}", []);
        foreach (var statement in view.Schema(_db.Dialect)) tx.Execute(_db.SchemaStatement(names.Expand(statement)), []);
        tx.Execute("DELETE FROM view_errors WHERE name = $1 AND generation = $2", [view.Name, generation]);
        tx.Execute($"INSERT INTO view_state ({ViewGeneration.Columns}) VALUES ($1, $2, $3, $4, 0, 0, NULL, NULL, $5)",
            [view.Name, generation, view.SchemaVersion, status, Now]);
        return generation;
    }

    /// <summary>Every view's generations, its errors, and the log's head.</summary>
    public async Task<IReadOnlyList<ViewStatus>> StatusAsync(CancellationToken ct = default)
    {
        var head = await _store.HeadPositionAsync(ct);
        var states = await _db.QueryAsync($"SELECT {ViewGeneration.Columns} FROM view_state ORDER BY name, generation", ViewGeneration.Read, [], ct);
        var counts = await _db.QueryAsync("SELECT name, generation, COUNT(*) FROM view_errors GROUP BY name, generation",
            r => (Name: r.GetString(0), Generation: Convert.ToInt32(r.GetValue(1)), Count: Convert.ToInt32(r.GetValue(2))), [], ct);
        var result = new List<ViewStatus>();
        foreach (var view in _views.Values.OrderBy(v => v.Name, StringComparer.Ordinal))
        {
            var generations = states.Where(s => s.Name == view.Name).ToList();
            var serving = new ViewStatus(view.Name, view.SchemaVersion, head, generations, 0, []).Serving;
            int errors = serving is null ? 0 : counts.Where(c => c.Name == view.Name && c.Generation == serving.Generation).Sum(c => c.Count);
            var latest = serving is null || errors == 0 ? [] : await _db.QueryAsync(
                "SELECT name, generation, position, stream_id, event_type, error, at FROM view_errors WHERE name = $1 AND generation = $2 ORDER BY position DESC LIMIT 5",
                ViewError.Read, [view.Name, serving.Generation], ct);
            result.Add(new ViewStatus(view.Name, view.SchemaVersion, head, generations, errors, latest));
        }
        return result;
    }

    /// <summary>
    /// Waits until every view has applied the log up to <paramref name="position"/>, nudging this
    /// node's daemon; false when <paramref name="timeout"/> passed first (the page then shows what
    /// the views have).
    /// </summary>
    public async Task<bool> WaitForAsync(long position, TimeSpan timeout, CancellationToken ct = default)
    {
        var deadline = _clock.GetUtcNow() + timeout;
        for (int round = 0; ; round++)
        {
            var map = await ReadersAsync(ct, fresh: round > 0);
            if (map.Positions.Values.All(p => p >= position)) return true;
            if (_clock.GetUtcNow() >= deadline) return false;
            Wake();
            await Task.Delay(round < 20 ? 2 : 10, ct);
        }
    }

    /// <summary>Tells this node's daemon there is something new, so it does not wait out its pause.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0) _wake.Release();
    }

    /// <summary>Waits for <see cref="Wake"/> or the pause, whichever comes first.</summary>
    public Task<bool> PauseAsync(TimeSpan pause, CancellationToken ct) => _wake.WaitAsync(pause, ct);

    public async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken ct, params object?[] args)
    {
        var readers = await ReadersAsync(ct);
        try { return await _db.QueryAsync(readers.Names.Expand(sql), map, args, ct); }
        catch (Exception ex) when (_db.IsMissingTable(ex))
        {
            // A rebuild switched generations and dropped the one this node was reading.
            readers = await ReadersAsync(ct, fresh: true);
            return await _db.QueryAsync(readers.Names.Expand(sql), map, args, ct);
        }
    }

    private sealed record ReaderMap(TableNames Names, IReadOnlyDictionary<string, long> Positions, DateTimeOffset ReadAt);

    /// <summary>Which generation each view is read from: its live one, unless that was made by older code and a newer one is being built.</summary>
    private async Task<ReaderMap> ReadersAsync(CancellationToken ct, bool fresh = false)
    {
        var now = _clock.GetUtcNow();
        if (!fresh && _readers is { } known && now - known.ReadAt < TimeSpan.FromSeconds(1)) return known;
        var states = await _db.QueryAsync($"SELECT {ViewGeneration.Columns} FROM view_state", ViewGeneration.Read, [], ct);
        var generations = new Dictionary<string, int>(StringComparer.Ordinal);
        var positions = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var view in _views.Values)
        {
            var serving = new ViewStatus(view.Name, view.SchemaVersion, 0, states.Where(s => s.Name == view.Name).ToList(), 0, []).Serving
                ?? throw new EventStoreException($"The view '{view.Name}' has no tables in {_db.Where} yet; start ./saraban serve or run ./saraban views rebuild {view.Name}.");
            generations[view.Name] = serving.Generation;
            positions[view.Name] = serving.Position;
        }
        var map = new ReaderMap(new TableNames(generations), positions, now);
        _readers = map;
        return map;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (double ApplyMs, double CommitMs)> _timings = new(StringComparer.Ordinal);

    /// <summary>Where this process's catching up spent its time, per view (applying the batch; committing it) and reading the log.</summary>
    public IReadOnlyDictionary<string, (double ApplyMs, double CommitMs)> Timings => _timings;

    private void Time(string what, long started, long committing)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        var apply = System.Diagnostics.Stopwatch.GetElapsedTime(started, committing == 0 ? now : committing).TotalMilliseconds;
        var commit = committing == 0 ? 0 : System.Diagnostics.Stopwatch.GetElapsedTime(committing, now).TotalMilliseconds;
        _timings.AddOrUpdate(what, (apply, commit), (_, t) => (t.ApplyMs + apply, t.CommitMs + commit));
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    /// <summary>See <see cref="ViewDatabase.CompactAsync"/>: after a destruction, once the views have applied it.</summary>
    public Task CompactAsync(CancellationToken ct = default) => _db.CompactAsync(ct);
}
