using Npgsql;

namespace Saraban.Workflow.EventStore.Postgres;

/// <summary>
/// The append path: one statement in its own transaction for one stream; one batch in one
/// transaction for several. No lock: concurrent appends commit as the server groups them, and the
/// unique keys (stream and version; event id) refuse what must not happen twice.
/// </summary>
internal sealed class PostgresAppender(NpgsqlDataSource db, TimeProvider clock)
{
    private const string EventColumns = PostgresEventStore.EventColumns;
    private const string InsertHead =
        $"INSERT INTO events ({EventColumns}) SELECT $1, ";
    private const string InsertTail =
        """
        t.ord + cur.v, t.id, t.type, t.data, t.u, t.o, t.c, t.k::uuid, $9
        FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[])
             WITH ORDINALITY AS t(id, type, data, u, o, c, k, ord)
        """;
    // Expected version given: the previous version must exist, so no append can leave a hole.
    private const string AppendExact = InsertHead + InsertTail +
        ", (SELECT $10::bigint AS v) cur WHERE $10 = 0 OR EXISTS (SELECT 1 FROM events WHERE stream_id = $1 AND version = $10)";
    private const string AppendAny = InsertHead + InsertTail +
        ", (SELECT COALESCE(MAX(version), 0) AS v FROM events WHERE stream_id = $1) cur";

    // One event, the common case: scalar parameters cost the server less than unnesting arrays.
    private const string SingleTail = "$11 + cur.v, $2, $3, $4, $5, $6, $7, $8::uuid, $9 FROM ";
    private const string AppendOneExact = InsertHead + SingleTail +
        "(SELECT $10::bigint AS v) cur WHERE $10 = 0 OR EXISTS (SELECT 1 FROM events WHERE stream_id = $1 AND version = $10)";
    private const string AppendOneAny = InsertHead + SingleTail +
        "(SELECT COALESCE(MAX(version), 0) AS v FROM events WHERE stream_id = $1) cur";

    public async Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct = default)
    {
        StreamAppend.Validate(appends);
        try
        {
            // With "any", a concurrent writer may take the same next version; the unique key refuses
            // one of us and we simply go again with the new version.
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    if (await TryInsertAsync(appends, ct) is { } versions)
                        return versions.Select(v => new AppendResult(v, false)).ToArray();
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
                if (await StoredAlreadyAsync(appends, ct) is { } again) return again;
                throw await ConflictAsync(appends, ct);
            }
        }
        catch (Exception ex) when (ex is not EventStoreException and not OperationCanceledException)
        {
            throw PostgresConnections.Translate(ex, db);
        }
    }

    /// <summary>The new version of each stream, or null when an expected version did not hold (nothing written).</summary>
    private async Task<long[]?> TryInsertAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        var now = EventChain.TruncateToMicroseconds(clock.GetUtcNow()).UtcDateTime;
        if (appends.Count == 1)
        {
            // One statement, its own transaction: the fast path every single append takes.
            await using var cmd = InsertCommand(appends[0], now);
            return await ExecuteInsertAsync(cmd, appends[0], ct) is long v ? [v] : null;
        }
        // Several streams: one transaction, all inserts sent as one batch (one round trip, not one each).
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(c, tx);
        foreach (var a in appends)
        {
            var (sql, parameters) = InsertStatement(a, now);
            var command = new NpgsqlBatchCommand(sql + (a.Expected.IsAny ? "" : " RETURNING version"));
            command.Parameters.AddRange(parameters.ToArray());
            batch.BatchCommands.Add(command);
        }
        var versions = new long[appends.Count];
        await using (var r = await batch.ExecuteReaderAsync(ct))
        {
            for (int i = 0; i < appends.Count; i++)
            {
                long? max = null;
                while (await r.ReadAsync(ct)) max = Math.Max(max ?? 0, r.GetInt64(0));
                if (max is not long v) return null; // an expected version did not hold: disposing rolls back
                versions[i] = v;
                await r.NextResultAsync(ct);
            }
        }
        await tx.CommitAsync(ct);
        return versions;
    }

    private NpgsqlCommand InsertCommand(StreamAppend a, DateTime now)
    {
        var (sql, parameters) = InsertStatement(a, now);
        var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddRange(parameters.ToArray());
        return cmd;
    }

    private static (string Sql, List<NpgsqlParameter> Parameters) InsertStatement(StreamAppend a, DateTime now)
    {
        var events = a.Events;
        var one = events.Count == 1;
        var sql = Returning(one
            ? (a.Expected.IsAny ? AppendOneAny : AppendOneExact)
            : (a.Expected.IsAny ? AppendAny : AppendExact), a.Expected);
        var p = new List<NpgsqlParameter>();
        p.Add(new NpgsqlParameter<string> { TypedValue = a.StreamId });
        if (one)
        {
            var e = events[0];
            p.Add(new NpgsqlParameter<Guid> { TypedValue = e.EventId });
            p.Add(new NpgsqlParameter<string> { TypedValue = e.Type });
            p.Add(new NpgsqlParameter<string> { TypedValue = e.Data });
            p.Add(new NpgsqlParameter<string> { TypedValue = e.Metadata.UserId });
            p.Add(new NpgsqlParameter<string> { TypedValue = e.Metadata.OrganizationId });
            p.Add(new NpgsqlParameter<Guid> { TypedValue = e.Metadata.CorrelationId });
            p.Add(new NpgsqlParameter { Value = (object?)e.Metadata.CausationId?.ToString() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        }
        else
        {
            p.Add(new NpgsqlParameter<Guid[]> { TypedValue = events.Select(e => e.EventId).ToArray() });
            p.Add(new NpgsqlParameter<string[]> { TypedValue = events.Select(e => e.Type).ToArray() });
            p.Add(new NpgsqlParameter<string[]> { TypedValue = events.Select(e => e.Data).ToArray() });
            p.Add(new NpgsqlParameter<string[]> { TypedValue = events.Select(e => e.Metadata.UserId).ToArray() });
            p.Add(new NpgsqlParameter<string[]> { TypedValue = events.Select(e => e.Metadata.OrganizationId).ToArray() });
            p.Add(new NpgsqlParameter<Guid[]> { TypedValue = events.Select(e => e.Metadata.CorrelationId).ToArray() });
            p.Add(new NpgsqlParameter<string?[]> { TypedValue = events.Select(e => e.Metadata.CausationId?.ToString()).ToArray() });
        }
        p.Add(new NpgsqlParameter<DateTime> { TypedValue = now });
        p.Add(new NpgsqlParameter<long> { TypedValue = a.Expected.IsAny ? 0 : a.Expected.Value });
        if (one) p.Add(new NpgsqlParameter<long> { TypedValue = 1 });
        return (sql, p);
    }

    /// <summary>With "any" the new version comes back with the insert, saving a round trip.</summary>
    private static string Returning(string insert, ExpectedVersion expected) => expected.IsAny ? insert + " RETURNING version" : insert;

    /// <returns>The stream's new version, or null when nothing was inserted (the expected version did not hold).</returns>
    private static async Task<long?> ExecuteInsertAsync(NpgsqlCommand cmd, StreamAppend a, CancellationToken ct)
    {
        if (!a.Expected.IsAny)
            return await cmd.ExecuteNonQueryAsync(ct) > 0 ? a.Expected.Value + a.Events.Count : null;
        long? max = null;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) max = Math.Max(max ?? 0, r.GetInt64(0));
        return max;
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
}
