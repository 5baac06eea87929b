using System.Data.Common;
using Npgsql;

namespace Saraban.Workflow.EventStore.Postgres;

/// <summary>
/// The store for real deployments: several web nodes on one PostgreSQL database. An append is one
/// statement; concurrent appends of a process share a batch and a commit (<see cref="PostgresAppender"/>);
/// positions and chain hashes come from <see cref="PostgresSealer"/>.
/// </summary>
public sealed class PostgresEventStore : IEventStore
{
    internal const string EventColumns = "stream_id, version, event_id, type, data, user_id, org_id, correlation_id, causation_id, recorded_at";
    private readonly NpgsqlDataSource _db;
    // Statements that find rows by stream or id (appends, stream reads) run on a pool with generic
    // plans: planned once per connection instead of on every run (see PostgresConnections).
    private readonly NpgsqlDataSource _byKeyDb;
    private readonly TimeProvider _clock;
    private readonly PostgresSealer _sealer;
    private readonly TimeSpan _readPatience;
    private readonly PostgresAppender _appender;

    /// <param name="readPatience">How long a read of the global log waits for appends in flight to commit (default 2 s).</param>
    public PostgresEventStore(string connectionString, TimeProvider? clock = null, TimeSpan? readPatience = null)
    {
        _readPatience = readPatience ?? TimeSpan.FromSeconds(2);
        ConnectionString = connectionString;
        _db = PostgresConnections.Create(connectionString);
        _clock = clock ?? TimeProvider.System;
        _sealer = new PostgresSealer(_db);
        _byKeyDb = PostgresConnections.Create(connectionString, genericPlans: true);
        _appender = new PostgresAppender(_byKeyDb, _clock);
    }

    public string Backend => "postgres";
    internal NpgsqlDataSource DataSource => _db;
    internal string ConnectionString { get; }

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        try { await PostgresSchema.MigrateAsync(_db, ct); }
        catch (Exception ex) { throw PostgresConnections.Translate(ex, _db); }
    }

    public async Task<AppendResult> AppendAsync(string streamId, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default) =>
        (await AppendAsync([new StreamAppend(streamId, expected, events)], ct))[0];

    public Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct = default) =>
        _appender.AppendAsync(appends, ct);

    public Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, long fromVersion = 1, int maxCount = int.MaxValue, CancellationToken ct = default) =>
        QueryAsync(_byKeyDb, $"""
            SELECT COALESCE(l.position, 0), e.{EventColumns.Replace(", ", ", e.")}
            FROM events e LEFT JOIN event_log l ON l.event_row = e.id
            WHERE e.stream_id = $1 AND e.version >= $2 ORDER BY e.version LIMIT $3
            """, ct, streamId, fromVersion, (long)maxCount);

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<RecordedEvent>>> ReadStreamsAsync(IReadOnlyList<string> streamIds, CancellationToken ct = default)
    {
        var ids = streamIds.Distinct(StringComparer.Ordinal).ToArray();
        // The position by a lookup per event, not a join: with an array of streams (and streams as
        // skewed as the directory's) the planner's estimates would have it hash-join the whole log.
        var events = await QueryAsync(_byKeyDb, $"""
            SELECT COALESCE((SELECT l.position FROM event_log l WHERE l.event_row = e.id), 0), e.{EventColumns.Replace(", ", ", e.")}
            FROM events e WHERE e.stream_id = ANY($1) ORDER BY e.stream_id, e.version
            """, ct, (object)ids); // one parameter, the array (not params spread)
        var found = ids.ToDictionary(id => id, _ => new List<RecordedEvent>(), StringComparer.Ordinal);
        foreach (var e in events) found[e.StreamId].Add(e);
        return found.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<RecordedEvent>)kv.Value, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken ct = default)
    {
        await SealAsync(ct);
        return await QueryAsync(_db, $"""
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
            var announced = new List<string>();
            await using (var a = _db.CreateCommand($"SELECT e.data FROM events e JOIN event_log l ON l.event_row = e.id WHERE e.type = '{Erasures.EventType}' ORDER BY l.position"))
            await using (var ar = await a.ExecuteReaderAsync(ct))
                while (await ar.ReadAsync(ct)) announced.Add(ar.GetString(0));
            var walker = new ChainWalker(denseOrder: true, Erasures.Index(announced));
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

    public async Task<IReadOnlyDictionary<long, byte[]>> HashesAsync(IReadOnlyList<long> positions, CancellationToken ct = default)
    {
        try
        {
            await _sealer.SealAfterInFlightAsync(_readPatience, ct);
            await using var cmd = _db.CreateCommand("SELECT position, hash FROM event_log WHERE position = ANY($1)");
            cmd.Parameters.Add(new NpgsqlParameter { Value = positions.Distinct().ToArray() });
            var found = new Dictionary<long, byte[]>();
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) found[r.GetInt64(0)] = (byte[])r[1];
            return found;
        }
        catch (Exception ex) when (ex is not OperationCanceledException) { throw PostgresConnections.Translate(ex, _db); }
    }

    /// <summary>
    /// One transaction of UPDATEs. The old row versions stay in the table's pages until VACUUM
    /// reclaims them (and in the server's WAL until it is recycled): PostgreSQL gives no way to
    /// overwrite them short of VACUUM FULL, which would lock the whole log; so a plain VACUUM follows,
    /// and no live row holds the content.
    /// </summary>
    public async Task<int> EraseAsync(IReadOnlyList<EventErasure> erasures, CancellationToken ct = default)
    {
        try
        {
            int erased = 0;
            await using (var c = await _db.OpenConnectionAsync(ct))
            await using (var tx = await c.BeginTransactionAsync(ct))
            {
                foreach (var e in erasures)
                {
                    await using var cmd = new NpgsqlCommand("""
                        UPDATE events SET data = $1 FROM event_log l
                        WHERE l.position = $2 AND l.hash = $3 AND events.id = l.event_row AND events.data <> $1
                        """, c, tx);
                    cmd.Parameters.Add(new NpgsqlParameter { Value = e.Data });
                    cmd.Parameters.Add(new NpgsqlParameter { Value = e.Position });
                    cmd.Parameters.Add(new NpgsqlParameter { Value = e.Hash });
                    erased += await cmd.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
            }
            await using (var vacuum = _db.CreateCommand("VACUUM events")) await vacuum.ExecuteNonQueryAsync(ct);
            return erased;
        }
        catch (Exception ex) when (ex is not OperationCanceledException) { throw PostgresConnections.Translate(ex, _db); }
    }

    private async Task<IReadOnlyList<RecordedEvent>> QueryAsync(NpgsqlDataSource db, string sql, CancellationToken ct, params object[] args)
    {
        try
        {
            await using var cmd = db.CreateCommand(sql);
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

    public async ValueTask DisposeAsync()
    {
        await _byKeyDb.DisposeAsync();
        await _db.DisposeAsync();
    }
}
