using Microsoft.Data.Sqlite;
using Npgsql;
using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Views;

public sealed partial class StoredViews
{
    /// <summary>
    /// One round of the daemon: each view's live and building generations take what the log has
    /// beyond their checkpoints, batch by batch, wherever this node holds (or can take) the lease.
    /// A building generation that has caught up replaces the live one. Returns the events applied.
    /// </summary>
    public async Task<long> CatchUpAsync(CancellationToken ct = default, string? only = null)
    {
        await _applying.WaitAsync(ct);
        try
        {
            var pages = new Dictionary<long, IReadOnlyList<RecordedEvent>>();
            long applied = 0;
            var states = await _db.QueryAsync($"SELECT {ViewGeneration.Columns} FROM view_state", ViewGeneration.Read, [], ct);
            foreach (var view in _views.Values)
            {
                if (only is not null && view.Name != only) continue;
                foreach (var generation in states.Where(s => s.Name == view.Name && s.SchemaVersion == view.SchemaVersion
                             && s.Status is ViewGeneration.Live or ViewGeneration.Building).OrderBy(s => s.Generation))
                {
                    var (count, caughtUp) = await CatchUpAsync(view, generation, pages, ct);
                    applied += count;
                    if (caughtUp && generation.Status == ViewGeneration.Building) await SwitchAsync(view, generation.Generation, ct);
                }
            }
            await DropRetiredAsync(states, ct);
            return applied;
        }
        finally { _applying.Release(); }
    }

    private async Task<(long Applied, bool CaughtUp)> CatchUpAsync(IView view, ViewGeneration generation, Dictionary<long, IReadOnlyList<RecordedEvent>> pages, CancellationToken ct)
    {
        long position = generation.Position, applied = 0;
        var names = new TableNames(new Dictionary<string, int> { [view.Name] = generation.Generation });
        while (true)
        {
            if (!pages.TryGetValue(position, out var events))
                pages[position] = events = await _store.ReadAllAsync(position, BatchSize, ct);
            if (events.Count == 0) return (applied, true);
            var outcome = await ApplyBatchAsync(view, generation.Generation, names, position, events, ct);
            if (outcome is null) return (applied, false); // another node holds the lease
            if (outcome.Value.Moved is { } moved) { position = moved; continue; } // another node applied it meanwhile
            position = events[^1].Position;
            applied += events.Count;
            if (events.Count < BatchSize) return (applied, true);
        }
    }

    private readonly record struct Outcome(long? Moved);

    /// <summary>
    /// The batch's rows and its checkpoint in one transaction, begun by taking the lease. When an
    /// event cannot be applied, the batch is rolled back and applied again one event per
    /// transaction, so the bad event alone is set aside (recorded in view_errors) and the rest kept.
    /// </summary>
    private async Task<Outcome?> ApplyBatchAsync(IView view, int generation, TableNames names, long from, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        try
        {
            return await ApplyAsync(view, generation, names, from, events, ct);
        }
        catch (Exception ex) when (IsAboutTheEvent(ex))
        {
            long position = from;
            foreach (var e in events)
            {
                Outcome? one;
                try { one = await ApplyAsync(view, generation, names, position, [e], ct); }
                catch (Exception bad) when (IsAboutTheEvent(bad)) { one = await SetAsideAsync(view, generation, position, e, bad, ct); }
                if (one is null || one.Value.Moved is not null) return one;
                position = e.Position;
            }
            return new Outcome(null);
        }
    }

    private async Task<Outcome?> ApplyAsync(IView view, int generation, TableNames names, long from, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        await using var tx = await _db.BeginAsync(ct);
        var (claimed, outcome) = await ClaimAsync(tx, view.Name, generation, from, ct);
        if (!claimed) return outcome;
        var writer = new ViewWriter(tx, names, _db.Dialect);
        int handled = 0;
        foreach (var e in events)
            if (view.Handles(e.Type)) { await view.ApplyAsync(e, writer, ct); handled++; }
        tx.Execute("UPDATE view_state SET position = $1, applied = applied + $2, updated_at = $3 WHERE name = $4 AND generation = $5",
            [events[^1].Position, (long)handled, Now, view.Name, generation]);
        await tx.CommitAsync(ct);
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
        OperationCanceledException or EventStoreUnavailableException or EventStoreCorruptException => false,
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
