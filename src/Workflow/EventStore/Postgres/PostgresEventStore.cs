using System.Data.Common;
using Npgsql;

namespace Saraban.Workflow.EventStore.Postgres;

/// <summary>
/// The store for real deployments: several web nodes on one PostgreSQL database. An append is one
/// statement in its own transaction; positions and chain hashes come from <see cref="PostgresSealer"/>.
/// </summary>
public sealed class PostgresEventStore : IEventStore
{
    internal const string EventColumns = "stream_id, version, event_id, type, data, user_id, org_id, correlation_id, causation_id, recorded_at";
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

    private readonly NpgsqlDataSource _db;
    private readonly TimeProvider _clock;
    private readonly PostgresSealer _sealer;
    private readonly TimeSpan _readPatience;

    /// <param name="readPatience">How long a read of the global log waits for appends in flight to commit (default 2 s).</param>
    public PostgresEventStore(string connectionString, TimeProvider? clock = null, TimeSpan? readPatience = null)
    {
        _readPatience = readPatience ?? TimeSpan.FromSeconds(2);
        _db = PostgresConnections.Create(connectionString);
        _clock = clock ?? TimeProvider.System;
        _sealer = new PostgresSealer(_db);
    }

    public string Backend => "postgres";
    internal NpgsqlDataSource DataSource => _db;

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        try { await PostgresSchema.MigrateAsync(_db, ct); }
        catch (Exception ex) { throw PostgresConnections.Translate(ex, _db); }
    }

    public async Task<AppendResult> AppendAsync(string streamId, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default) =>
        (await AppendAsync([new StreamAppend(streamId, expected, events)], ct))[0];

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
            throw PostgresConnections.Translate(ex, _db);
        }
    }

    /// <summary>The new version of each stream, or null when an expected version did not hold (nothing written).</summary>
    private async Task<long[]?> TryInsertAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        var now = EventChain.TruncateToMicroseconds(_clock.GetUtcNow()).UtcDateTime;
        if (appends.Count == 1)
        {
            // One statement, its own transaction: the fast path every single append takes.
            await using var cmd = InsertCommand(appends[0], now);
            return await ExecuteInsertAsync(cmd, appends[0], ct) is long v ? [v] : null;
        }
        // Several streams: one transaction, all inserts sent as one batch (one round trip, not one each).
        await using var c = await _db.OpenConnectionAsync(ct);
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
        var cmd = _db.CreateCommand(sql);
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
        await using var cmd = _db.CreateCommand("SELECT event_id, stream_id, version FROM events WHERE event_id = ANY($1)");
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
        await using var cmd = _db.CreateCommand("SELECT COALESCE(MAX(version), 0) FROM events WHERE stream_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct));
    }

    public Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, long fromVersion = 1, int maxCount = int.MaxValue, CancellationToken ct = default) =>
        QueryAsync($"""
            SELECT COALESCE(l.position, 0), e.{EventColumns.Replace(", ", ", e.")}
            FROM events e LEFT JOIN event_log l ON l.event_row = e.id
            WHERE e.stream_id = $1 AND e.version >= $2 ORDER BY e.version LIMIT $3
            """, ct, streamId, fromVersion, (long)maxCount);

    public async Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken ct = default)
    {
        await SealAsync(ct);
        return await QueryAsync($"""
            SELECT l.position, e.{EventColumns.Replace(", ", ", e.")}
            FROM event_log l JOIN events e ON e.id = l.event_row
            WHERE l.position > $1 ORDER BY l.position LIMIT $2
            """, ct, afterPosition, (long)maxCount);
    }

    public async Task<long> HeadPositionAsync(CancellationToken ct = default)
    {
        await SealAsync(ct);
        try
        {
            await using var cmd = _db.CreateCommand("SELECT COALESCE(MAX(position), 0) FROM event_log");
            return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct));
        }
        catch (Exception ex) when (ex is not OperationCanceledException) { throw PostgresConnections.Translate(ex, _db); }
    }

    /// <summary>Seals what is sealable, so that a read sees every event committed before it.</summary>
    internal async Task SealAsync(CancellationToken ct)
    {
        try { await _sealer.SealAfterInFlightAsync(_readPatience, ct); }
        catch (Exception ex) when (ex is not OperationCanceledException) { throw PostgresConnections.Translate(ex, _db); }
    }

    public async Task<ChainReport> VerifyAsync(IProgress<long>? progress = null, CancellationToken ct = default)
    {
        // Sealing first hashes events committed before verify was asked (waiting briefly for appends
        // in flight, as reads do); everything already sealed is
        // checked against the hashes stored when it was sealed.
        try
        {
            await _sealer.SealAfterInFlightAsync(_readPatience, ct);
            await using var cmd = _db.CreateCommand($"""
                SELECT l.position, e.{EventColumns.Replace(", ", ", e.")}, l.hash, e.id IS NULL
                FROM event_log l LEFT JOIN events e ON e.id = l.event_row ORDER BY l.position
                """);
            var walker = new ChainWalker(denseOrder: true);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                if (r.GetBoolean(12))
                    return new ChainReport(walker.Checked, r.GetInt64(0), $"event at position {r.GetInt64(0)} was removed from the events table");
                if (!walker.Step(ReadEvent(r, 1, r.GetInt64(0)), (byte[])r[11])) break;
                if (walker.Checked % 100_000 == 0) progress?.Report(walker.Checked);
            }
            return walker.Finish();
        }
        catch (Exception ex) when (ex is not OperationCanceledException) { throw PostgresConnections.Translate(ex, _db); }
    }

    private async Task<IReadOnlyList<RecordedEvent>> QueryAsync(string sql, CancellationToken ct, params object[] args)
    {
        try
        {
            await using var cmd = _db.CreateCommand(sql);
            foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            var list = new List<RecordedEvent>();
            while (await r.ReadAsync(ct)) list.Add(ReadEvent(r, 1, r.GetInt64(0)));
            return list;
        }
        catch (Exception ex) when (ex is not OperationCanceledException) { throw PostgresConnections.Translate(ex, _db); }
    }

    /// <summary>Reads <see cref="EventColumns"/> starting at column <paramref name="at"/>.</summary>
    internal static RecordedEvent ReadEvent(DbDataReader r, int at, long position) => new(
        position, r.GetString(at), r.GetInt64(at + 1), r.GetGuid(at + 2), r.GetString(at + 3), r.GetString(at + 4),
        new EventMetadata(r.GetString(at + 5), r.GetString(at + 6), r.GetGuid(at + 7), r.IsDBNull(at + 8) ? null : r.GetGuid(at + 8)),
        new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(at + 9), DateTimeKind.Utc)));

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();
}
