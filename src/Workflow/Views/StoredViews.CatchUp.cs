using Microsoft.Data.Sqlite;
using Npgsql;
using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Views;

public sealed partial class StoredViews
{
    /// <summary>
    /// One round of the daemon: each view's live and building generations take what the log has
    /// beyond their checkpoints, wherever this node holds (or can take) the lease. Views at the same
    /// position share each page read from the log. A building generation takes a bounded share per
    /// round, so a rebuild never holds up the live views; once caught up it replaces the live one.
    /// Returns how many events of the log were applied (by the view that applied most).
    /// </summary>
    public async Task<long> CatchUpAsync(CancellationToken ct = default, string? only = null)
    {
        await _applying.WaitAsync(ct);
        try
        {
            var states = await _db.QueryAsync($"SELECT {ViewGeneration.Columns} FROM view_state", ViewGeneration.Read, [], ct);
            var cursors = (
                from view in _views.Values
                where only is null || view.Name == only
                from g in states
                where g.Name == view.Name && g.SchemaVersion == view.SchemaVersion && g.Status is ViewGeneration.Live or ViewGeneration.Building
                orderby g.Name, g.Generation
                select new Cursor(view, g, new TableNames(new Dictionary<string, int> { [view.Name] = g.Generation }))).ToList();
            while (cursors.Where(c => !c.Done) is var active && active.Any())
                foreach (var group in active.GroupBy(c => c.Position).ToList())
                {
                    var reading = System.Diagnostics.Stopwatch.GetTimestamp();
                    var events = await _store.ReadAllAsync(group.Key, BatchSize, ct);
                    Time("(reading the log)", reading, 0);
                    var decoded = new System.Collections.Concurrent.ConcurrentDictionary<long, object>();
                    // On PostgreSQL each view's batch is its own transaction on its own connection, and the server spends
                    // a core on each: side by side they took 2,092,550 events from nothing in 211 s where one after another
                    // took 365 s (helpers paused). SQLite's views file has one writer. Reading the next page ahead of the
                    // views was tried and lost (257 s): on two cores the read only takes the views' time.
                    if (_db.Dialect == SqlDialect.Postgres) await Task.WhenAll(group.Select(c => StepAsync(c, group.Key, events, decoded, ct)));
                    else foreach (var c in group) await StepAsync(c, group.Key, events, decoded, ct);
                }
            foreach (var c in cursors.Where(c => c.CaughtUp && c.Generation.Status == ViewGeneration.Building))
                await SwitchAsync(c.View, c.Generation.Generation, ct);
            await DropRetiredAsync(states, ct);
            return cursors.Count == 0 ? 0 : cursors.Max(c => c.Applied);
        }
        finally { _applying.Release(); }
    }

    /// <summary>How many pages a building generation takes per round.</summary>
    private const int BuildingPagesPerRound = 25;

    private sealed class Cursor(IView view, ViewGeneration generation, TableNames names)
    {
        public IView View => view;
        public ViewGeneration Generation => generation;
        public TableNames Names => names;
        public long Position { get; set; } = generation.Position;
        public long Applied { get; set; }
        public int Pages { get; set; }
        public bool Done { get; set; }
        public bool CaughtUp { get; set; }
    }

    private async Task StepAsync(Cursor c, long from, IReadOnlyList<RecordedEvent> events, System.Collections.Concurrent.ConcurrentDictionary<long, object> decoded, CancellationToken ct)
    {
        if (events.Count == 0) { (c.Done, c.CaughtUp) = (true, true); return; }
        var outcome = await ApplyBatchAsync(c.View, c.Generation.Generation, c.Names, from, events, decoded, ct);
        if (outcome is null) { c.Done = true; return; } // another node holds the lease
        if (outcome.Value.Moved is { } moved) { c.Position = moved; return; } // another node applied it meanwhile
        c.Position = events[^1].Position;
        c.Applied += events.Count;
        c.Pages++;
        if (events.Count < BatchSize) (c.Done, c.CaughtUp) = (true, true);
        else if (c.Generation.Status == ViewGeneration.Building && c.Pages >= BuildingPagesPerRound) c.Done = true;
    }

    private readonly record struct Outcome(long? Moved);

    /// <summary>
    /// The batch's rows and its checkpoint in one transaction, begun by taking the lease. When an
    /// event cannot be applied, the batch is rolled back and applied again one event per
    /// transaction, so the bad event alone is set aside (recorded in view_errors) and the rest kept.
    /// </summary>
    private async Task<Outcome?> ApplyBatchAsync(IView view, int generation, TableNames names, long from, IReadOnlyList<RecordedEvent> events,
        System.Collections.Concurrent.ConcurrentDictionary<long, object> decoded, CancellationToken ct)
    {
        try
        {
            return await ApplyAsync(view, generation, names, from, events, decoded, ct);
        }
        catch (Exception ex) when (IsAboutTheEvent(ex))
        {
            long position = from;
            foreach (var e in events)
            {
                Outcome? one;
                try { one = await ApplyAsync(view, generation, names, position, [e], decoded, ct); }
                catch (Exception bad) when (IsAboutTheEvent(bad)) { one = await SetAsideAsync(view, generation, position, e, bad, ct); }
                if (one is null || one.Value.Moved is not null) return one;
                position = e.Position;
            }
            return new Outcome(null);
        }
    }

    private async Task<Outcome?> ApplyAsync(IView view, int generation, TableNames names, long from, IReadOnlyList<RecordedEvent> events,
        System.Collections.Concurrent.ConcurrentDictionary<long, object> decoded, CancellationToken ct)
    {
        await using var tx = await _db.BeginAsync(ct);
        var (claimed, outcome) = await ClaimAsync(tx, view.Name, generation, from, ct);
        if (!claimed) return outcome;
        // A view is made again from the log, and its checkpoint commits with its rows: a commit lost
        // in a crash is applied again, so it need not wait for its WAL to reach the disk.
        if (_db.Dialect == SqlDialect.Postgres) tx.Execute("SET LOCAL synchronous_commit = off", []);
        var writer = new ViewWriter(tx, names, _db.Dialect, decoded);
        int handled = 0;
        var applying = System.Diagnostics.Stopwatch.GetTimestamp();
        await view.PrepareAsync(events, writer, ct);
        foreach (var e in events)
            if (view.Handles(e.Type)) { await view.ApplyAsync(e, writer, ct); handled++; }
        await view.CompleteAsync(writer, ct);
        tx.Execute("UPDATE view_state SET position = $1, applied = applied + $2, updated_at = $3 WHERE name = $4 AND generation = $5",
            [events[^1].Position, (long)handled, Now, view.Name, generation]);
        var committing = System.Diagnostics.Stopwatch.GetTimestamp();
        await tx.CommitAsync(ct);
        Time(view.Name, applying, committing);
        return new Outcome(null);
    }

    private async Task<Outcome?> SetAsideAsync(IView view, int generation, long from, RecordedEvent e, Exception error, CancellationToken ct)
    {
        await using var tx = await _db.BeginAsync(ct);
        var (claimed, outcome) = await ClaimAsync(tx, view.Name, generation, from, ct);
        if (!claimed) return outcome;
        var message = $"{error.GetType().Name}: {error.Message}";
        tx.Execute("INSERT INTO view_errors (name, generation, position, stream_id, event_type, error, at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
            [view.Name, generation, e.Position, e.StreamId, e.Type, message.Length > 2000 ? message[..2000] : message, Now]);
        tx.Execute("UPDATE view_state SET position = $1, updated_at = $2 WHERE name = $3 AND generation = $4", [e.Position, Now, view.Name, generation]);
        await tx.CommitAsync(ct);
        return new Outcome(null);
    }

    /// <summary>Takes or renews the lease; (false, null) when another node holds it, (false, moved) when the checkpoint is no longer where this batch began.</summary>
    private async Task<(bool Claimed, Outcome? Outcome)> ClaimAsync(ViewTransaction tx, string view, int generation, long from, CancellationToken ct)
    {
        var now = Now;
        var at = await tx.QueryAsync(
            "UPDATE view_state SET owner = $1, lease_until = $2 WHERE name = $3 AND generation = $4 AND status IN ('live', 'building') " +
            "AND (owner IS NULL OR owner = $1 OR lease_until < $5) RETURNING position",
            r => r.GetInt64(0), [Node, now + (long)Lease.TotalMilliseconds, view, generation, now], ct);
        if (at.Count == 0) return (false, null);
        return at[0] == from ? (true, null) : (false, new Outcome(at[0]));
    }

    /// <summary>Failures of the database itself are retried later; anything else is the event's and sets it aside.</summary>
    private static bool IsAboutTheEvent(Exception ex) => ex switch
    {
        // Running out of memory or stack is this process's trouble, not the event's: setting the event aside would
        // drop it from the view for good (seen when a test capped the heap: events set aside as OutOfMemoryException).
        OperationCanceledException or EventStoreUnavailableException or EventStoreCorruptException or OutOfMemoryException or InsufficientExecutionStackException => false,
        PostgresException pg => pg.SqlState is not ("40001" or "40P01" or "57P01" or "57P02" or "57P03" or "53300" or "08006" or "42P01"),
        NpgsqlException => false,
        SqliteException s => s.SqliteErrorCode is not (5 or 6 or 10 or 13 or 14),
        _ => true,
    };

    /// <summary>A building generation that has caught up becomes the live one; the old one is retired.</summary>
    private async Task SwitchAsync(IView view, int generation, CancellationToken ct)
    {
        await using (var tx = await _db.BeginExclusiveAsync(ct))
        {
            var building = await tx.QueryAsync("SELECT 1 FROM view_state WHERE name = $1 AND generation = $2 AND status = 'building'", r => 1, [view.Name, generation], ct);
            if (building.Count == 0) return;
            tx.Execute("UPDATE view_state SET status = 'retired', owner = NULL, updated_at = $1 WHERE name = $2 AND status = 'live'", [Now, view.Name]);
            tx.Execute("UPDATE view_state SET status = 'live', updated_at = $1 WHERE name = $2 AND generation = $3", [Now, view.Name, generation]);
            await tx.CommitAsync(ct);
        }
        _readers = null;
    }

    /// <summary>Drops the tables of generations retired longer ago than <see cref="RetiredGrace"/>: no reader is still on them.</summary>
    public async Task DropRetiredAsync(CancellationToken ct = default) =>
        await DropRetiredAsync(await _db.QueryAsync($"SELECT {ViewGeneration.Columns} FROM view_state", ViewGeneration.Read, [], ct), ct);

    private async Task DropRetiredAsync(IReadOnlyList<ViewGeneration> states, CancellationToken ct)
    {
        var due = states.Where(s => s.Status == ViewGeneration.Retired && _clock.GetUtcNow() - s.UpdatedAt >= RetiredGrace && _views.ContainsKey(s.Name)).ToList();
        if (due.Count == 0) return;
        await using var tx = await _db.BeginExclusiveAsync(ct);
        foreach (var s in due)
        {
            foreach (var table in _views[s.Name].Tables) tx.Execute($"DROP TABLE IF EXISTS {TableNames.Table(s.Name, s.Generation, table)}", []);
            tx.Execute("DELETE FROM view_errors WHERE name = $1 AND generation = $2", [s.Name, s.Generation]);
            tx.Execute("DELETE FROM view_state WHERE name = $1 AND generation = $2 AND status = 'retired'", [s.Name, s.Generation]);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Builds a new generation of the view from position 0 beside the live one, which keeps serving
    /// (and keeps being applied on the serving nodes) meanwhile; switches when it has caught up.
    /// </summary>
    public async Task<ViewGeneration> RebuildAsync(string name, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        if (!_views.TryGetValue(name, out var view))
            throw new ArgumentException($"no view named '{name}' (views: {string.Join(", ", _views.Keys.Order())})");
        int generation;
        await using (var tx = await _db.BeginExclusiveAsync(ct))
        {
            var mine = await tx.QueryAsync($"SELECT {ViewGeneration.Columns} FROM view_state WHERE name = $1", ViewGeneration.Read, [name], ct);
            foreach (var old in mine.Where(g => g.Status == ViewGeneration.Building)) // an earlier rebuild that was abandoned
                tx.Execute("UPDATE view_state SET status = 'retired', updated_at = $1 WHERE name = $2 AND generation = $3", [0L, name, old.Generation]);
            generation = CreateGeneration(tx, view, mine, mine.Any(g => g.Status == ViewGeneration.Live) ? ViewGeneration.Building : ViewGeneration.Live);
            await tx.CommitAsync(ct);
        }
        while (true)
        {
            await CatchUpAsync(ct, only: name);
            var state = (await _db.QueryAsync($"SELECT {ViewGeneration.Columns} FROM view_state WHERE name = $1 AND generation = $2", ViewGeneration.Read, [name, generation], ct)).Single();
            progress?.Report(state.Position);
            if (state.Status == ViewGeneration.Live) return state;
            if (state.Status == ViewGeneration.Retired) throw new EventStoreException($"The rebuild of '{name}' was replaced by another rebuild.");
            await Task.Delay(50, ct); // another node holds this generation's lease: it builds, this waits
        }
    }
}
