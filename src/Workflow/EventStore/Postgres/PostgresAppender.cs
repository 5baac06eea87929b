using Npgsql;

namespace Saraban.Workflow.EventStore.Postgres;

/// <summary>
/// The append path, with group commit. Each append is one statement that inserts all or nothing
/// (<see cref="PostgresAppendStatement"/>). Appends that arrive while earlier ones are being
/// committed wait in a queue, and the next free flush sends everything queued as one batch, which
/// PostgreSQL runs as one implicit transaction: one round trip and one commit (one WAL flush) for
/// the lot, instead of one each. A stale expected version inserts nothing without an error, so it
/// is told apart after the commit and costs the others nothing. An error from the server (a unique
/// key: a rare race with another process, a reused event id) rolls the whole batch back, and each
/// append of it is then tried alone, exactly as if it had never been grouped. A lone append with a
/// flush free goes at once: grouping adds no wait when there is nothing to group with.
/// </summary>
internal sealed class PostgresAppender(NpgsqlDataSource db, TimeProvider clock)
{
    // Two batches in flight: while one waits for its commit, the next one fills up. More would make
    // our own groups race each other for the same streams; 1 to 16 measured alike within this
    // machine's noise on the cascade and the 16-writer bench.
    private const int MaxFlushes = 2;
    private const int MaxGroup = 100;
    private const long MaxGroupBytes = 4 << 20;
    private readonly Queue<Pending> _queue = new();
    private int _flushing;

    public Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct = default)
    {
        StreamAppend.Validate(appends);
        ct.ThrowIfCancellationRequested();
        var pending = new Pending(appends);
        bool flush;
        lock (_queue)
        {
            _queue.Enqueue(pending);
            flush = _flushing < MaxFlushes;
            if (flush) _flushing++;
        }
        if (flush) _ = FlushQueuedAsync();
        // A caller that gives up stops waiting; its append, once sent, may still be stored (as on
        // SQLite). Its event ids make a retry safe.
        return pending.Done.Task.WaitAsync(ct);
    }

    private async Task FlushQueuedAsync()
    {
        while (true)
        {
            var group = new List<Pending>();
            lock (_queue)
            {
                long bytes = 0;
                while (group.Count < MaxGroup && _queue.TryPeek(out var next) && (group.Count == 0 || bytes + next.Bytes <= MaxGroupBytes))
                {
                    group.Add(_queue.Dequeue());
                    bytes += next.Bytes;
                }
                if (group.Count == 0) { _flushing--; return; }
            }
            try { await FlushAsync(group); }
            catch (Exception ex)
            {
                // Not expected (FlushAsync answers every append); never leave a caller waiting.
                foreach (var p in group) p.Done.TrySetException(ex);
            }
        }
    }

    private async Task FlushAsync(List<Pending> group)
    {
        if (group.Count == 1)
        {
            await AloneAsync(group[0]);
            return;
        }
        var nothingInserted = new List<Pending>();
        try
        {
            var now = EventChain.TruncateToMicroseconds(clock.GetUtcNow()).UtcDateTime;
            await using var c = await db.OpenConnectionAsync();
            // No explicit transaction: the batch's statements run in one implicit transaction that
            // commits at its end, or rolls back whole on an error.
            await using var batch = new NpgsqlBatch(c);
            foreach (var p in group) batch.BatchCommands.Add(PostgresAppendStatement.Create(p.Appends, now));
            var results = new AppendResult[]?[group.Count];
            await using (var r = await batch.ExecuteReaderAsync())
            {
                for (int i = 0; i < group.Count; i++)
                {
                    results[i] = await PostgresAppendStatement.ReadAsync(r, group[i].Appends, CancellationToken.None);
                    await r.NextResultAsync();
                }
            }
            // Committed: the reader has read up to the server's "ready" after the commit.
            for (int i = 0; i < group.Count; i++)
                if (results[i] is { } done) group[i].Done.TrySetResult(done);
                else nothingInserted.Add(group[i]);
        }
        catch (PostgresException)
        {
            // The server refused a statement, so nothing of the batch is stored: each goes alone.
            await Task.WhenAll(group.Select(AloneAsync));
            return;
        }
        catch (Exception ex)
        {
            // The connection failed: as for an append made alone, the caller learns it and may retry.
            var error = PostgresConnections.Translate(ex, db);
            foreach (var p in group) p.Done.TrySetException(error);
            return;
        }
        await Task.WhenAll(nothingInserted.Select(p => Complete(p, () => NothingInsertedAsync(p.Appends, CancellationToken.None))));
    }

    private Task AloneAsync(Pending p) => Complete(p, () => AppendAloneAsync(p.Appends, CancellationToken.None));

    private static async Task Complete(Pending p, Func<Task<IReadOnlyList<AppendResult>>> append)
    {
        try { p.Done.TrySetResult(await append()); }
        catch (Exception ex) { p.Done.TrySetException(ex); }
    }

    /// <summary>One append in its own (implicit) transaction, retried on the races a unique key settles.</summary>
    private async Task<IReadOnlyList<AppendResult>> AppendAloneAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        try
        {
            // With "any", a concurrent writer may take the same next version; the unique key refuses
            // one of us and we simply go again with the new version.
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    if (await TryInsertAsync(appends, ct) is { } versions) return versions;
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
                {
                    if (await StoredAlreadyAsync(appends, ct) is { } done) return done;
                    if (appends.Any(a => a.Expected.IsAny) && attempt < 100)
                    {
                        // A hot stream: step aside a little, at random, so the racers spread out.
                        if (attempt > 2) await Task.Delay(Random.Shared.Next(0, Math.Min(attempt, 20)), ct);
                        continue;
                    }
                    throw await ConflictAsync(appends, ct);
                }
                return await NothingInsertedAsync(appends, ct);
            }
        }
        catch (Exception ex) when (ex is not EventStoreException and not OperationCanceledException)
        {
            throw PostgresConnections.Translate(ex, db);
        }
    }

    /// <returns>Each stream's new version, or null when an expected version did not hold (nothing written).</returns>
    private async Task<AppendResult[]?> TryInsertAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        var now = EventChain.TruncateToMicroseconds(clock.GetUtcNow()).UtcDateTime;
        await using var batch = db.CreateBatch();
        batch.BatchCommands.Add(PostgresAppendStatement.Create(appends, now));
        await using var r = await batch.ExecuteReaderAsync(ct);
        return await PostgresAppendStatement.ReadAsync(r, appends, ct);
    }

    /// <summary>Nothing was inserted: a retry of events already stored (success), or an expected version that did not hold.</summary>
    private async Task<IReadOnlyList<AppendResult>> NothingInsertedAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        try
        {
            if (await StoredAlreadyAsync(appends, ct) is { } again) return again;
            throw await ConflictAsync(appends, ct);
        }
        catch (Exception ex) when (ex is not EventStoreException and not OperationCanceledException)
        {
            throw PostgresConnections.Translate(ex, db);
        }
    }

    private async Task<WrongExpectedVersionException> ConflictAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        foreach (var a in appends)
        {
            var current = await CurrentVersionAsync(a.StreamId, ct);
            if (!a.Expected.IsAny && current != a.Expected.Value) return new WrongExpectedVersionException(a.StreamId, a.Expected, current);
        }
        var first = appends[0];
        return new WrongExpectedVersionException(first.StreamId, first.Expected, await CurrentVersionAsync(first.StreamId, ct));
    }

    /// <summary>When all the ids are stored as exactly these appends, it is a retry: report success, write nothing.</summary>
    private async Task<AppendResult[]?> StoredAlreadyAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT event_id, stream_id, version FROM events WHERE event_id = ANY($1)");
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = appends.SelectMany(a => a.Events).Select(e => e.EventId).ToArray() });
        var found = new Dictionary<Guid, (string Stream, long Version)>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) found[r.GetGuid(0)] = (r.GetString(1), r.GetInt64(2));
        if (found.Count == 0) return null;
        var results = new AppendResult[appends.Count];
        for (int i = 0; i < appends.Count; i++)
        {
            var a = appends[i];
            found.TryGetValue(a.Events[0].EventId, out var first);
            for (int k = 0; k < a.Events.Count; k++)
                if (!found.TryGetValue(a.Events[k].EventId, out var f) || f.Stream != a.StreamId || f.Version != first.Version + k)
                    throw new DuplicateEventIdException(a.Events[k].EventId, a.StreamId);
            results[i] = new AppendResult(await CurrentVersionAsync(a.StreamId, ct), AlreadyStored: true);
        }
        return results;
    }

    private async Task<long> CurrentVersionAsync(string streamId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT COALESCE(MAX(version), 0) FROM events WHERE stream_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct));
    }

    private sealed class Pending(IReadOnlyList<StreamAppend> appends)
    {
        public IReadOnlyList<StreamAppend> Appends { get; } = appends;
        public long Bytes { get; } = PostgresAppendStatement.Bytes(appends);
        public TaskCompletionSource<IReadOnlyList<AppendResult>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
