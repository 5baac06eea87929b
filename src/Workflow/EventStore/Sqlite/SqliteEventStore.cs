using Microsoft.Data.Sqlite;

namespace Saraban.Workflow.EventStore.Sqlite;

/// <summary>
/// The embedded default: one SQLite file in WAL mode. SQLite lets one writer in at a time, so the
/// chain hash is computed inside the append's own transaction and positions are dense (1, 2, 3…).
/// </summary>
public sealed class SqliteEventStore : IEventStore
{
    private const string Columns = "position, stream_id, version, event_id, type, data, user_id, org_id, correlation_id, causation_id, recorded_at";
    private readonly SqliteConnections _connections;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private SqliteConnection? _writer;

    public SqliteEventStore(string path, TimeProvider? clock = null)
    {
        _connections = new SqliteConnections(System.IO.Path.GetFullPath(path));
        _clock = clock ?? TimeProvider.System;
    }

    public string Backend => "sqlite";
    public string Path => _connections.Path;
    internal SqliteConnections Connections => _connections;

    public Task InitializeAsync(CancellationToken ct = default)
    {
        var dir = System.IO.Path.GetDirectoryName(_connections.Path);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        using var c = _connections.Open();
        try
        {
            SqliteConnections.Execute(c, "PRAGMA journal_mode = WAL;");
            SqliteSchema.Migrate(c, _connections.Path);
        }
        catch (SqliteException ex) { throw SqliteConnections.Translate(ex, _connections.Path); }
        return Task.CompletedTask;
    }

    public async Task<AppendResult> AppendAsync(string streamId, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default)
    {
        EventLimits.Validate(streamId, events);
        await _writeGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _writer ??= _connections.Open();
            return Append(_writer, streamId, expected, events);
        }
        catch (SqliteException ex) { throw SqliteConnections.Translate(ex, _connections.Path); }
        finally { _writeGate.Release(); }
    }

    private AppendResult Append(SqliteConnection c, string streamId, ExpectedVersion expected, IReadOnlyList<EventData> events)
    {
        // IMMEDIATE takes the write lock up front, so version check and insert see the same state
        // even when another process shares the file.
        using var tx = c.BeginTransaction(deferred: false);
        var stored = FindStored(c, tx, events[0].EventId);
        if (stored is { } s)
            return Idempotent(c, tx, streamId, events, s);

        long current = StreamVersion(c, tx, streamId);
        if (!expected.IsAny && expected.Value != current)
            throw new WrongExpectedVersionException(streamId, expected, current);

        var (position, previous) = Head(c, tx);
        var now = EventChain.TruncateToMicroseconds(_clock.GetUtcNow());
        using var insert = c.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = $"INSERT INTO events ({Columns}, hash) VALUES ($p, $s, $v, $id, $t, $d, $u, $o, $c, $k, $at, $h)";
        var p = new[] { "$p", "$s", "$v", "$id", "$t", "$d", "$u", "$o", "$c", "$k", "$at", "$h" }
            .Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        long version = current;
        foreach (var e in events)
        {
            var recorded = new RecordedEvent(++position, streamId, ++version, e.EventId, e.Type, e.Data, e.Metadata, now);
            previous = EventChain.Next(previous, recorded);
            object?[] values = [recorded.Position, streamId, version, e.EventId.ToString(), e.Type, e.Data,
                e.Metadata.UserId, e.Metadata.OrganizationId, e.Metadata.CorrelationId.ToString(),
                (object?)e.Metadata.CausationId?.ToString() ?? DBNull.Value, EventChain.ToUnixMicroseconds(now), previous];
            for (int i = 0; i < p.Length; i++) p[i].Value = values[i];
            try { insert.ExecuteNonQuery(); }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 19 /* CONSTRAINT */)
            {
                throw new DuplicateEventIdException(e.EventId, streamId);
            }
        }
        tx.Commit();
        return new AppendResult(version, AlreadyStored: false);
    }

    private static AppendResult Idempotent(SqliteConnection c, SqliteTransaction tx, string streamId, IReadOnlyList<EventData> events, (string Stream, long Version) first)
    {
        for (int i = 0; i < events.Count; i++)
        {
            var found = i == 0 ? first : FindStored(c, tx, events[i].EventId);
            if (found is not { } f || f.Stream != streamId || f.Version != first.Version + i)
                throw new DuplicateEventIdException(events[i].EventId, streamId);
        }
        return new AppendResult(StreamVersion(c, tx, streamId), AlreadyStored: true);
    }

    private static (string Stream, long Version)? FindStored(SqliteConnection c, SqliteTransaction tx, Guid eventId)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT stream_id, version FROM events WHERE event_id = $id";
        cmd.Parameters.AddWithValue("$id", eventId.ToString());
        using var r = cmd.ExecuteReader();
        return r.Read() ? (r.GetString(0), r.GetInt64(1)) : null;
    }

    private static long StreamVersion(SqliteConnection c, SqliteTransaction tx, string streamId)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT COALESCE(MAX(version), 0) FROM events WHERE stream_id = $s";
        cmd.Parameters.AddWithValue("$s", streamId);
        return Convert.ToInt64(cmd.ExecuteScalar());
    }

    private static (long Position, byte[] Hash) Head(SqliteConnection c, SqliteTransaction tx)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT position, hash FROM events ORDER BY position DESC LIMIT 1";
        using var r = cmd.ExecuteReader();
        return r.Read() ? (r.GetInt64(0), (byte[])r.GetValue(1)) : (0, EventChain.Genesis.ToArray());
    }

    public Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, long fromVersion = 1, int maxCount = int.MaxValue, CancellationToken ct = default) =>
        Task.FromResult(Query(
            $"SELECT {Columns} FROM events WHERE stream_id = $s AND version >= $v ORDER BY version LIMIT $n",
            ("$s", streamId), ("$v", fromVersion), ("$n", maxCount)));

    public Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken ct = default) =>
        Task.FromResult(Query(
            $"SELECT {Columns} FROM events WHERE position > $p ORDER BY position LIMIT $n",
            ("$p", afterPosition), ("$n", maxCount)));

    public Task<long> HeadPositionAsync(CancellationToken ct = default)
    {
        using var c = _connections.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COALESCE(MAX(position), 0) FROM events";
        try { return Task.FromResult(Convert.ToInt64(cmd.ExecuteScalar())); }
        catch (SqliteException ex) { throw SqliteConnections.Translate(ex, _connections.Path); }
    }

    public Task<ChainReport> VerifyAsync(IProgress<long>? progress = null, CancellationToken ct = default)
    {
        using var c = _connections.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {Columns}, hash FROM events ORDER BY position";
        var walker = new ChainWalker(denseOrder: true);
        try
        {
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                if (!walker.Step(ReadEvent(r), (byte[])r.GetValue(11))) break;
                if (walker.Checked % 100_000 == 0) { progress?.Report(walker.Checked); ct.ThrowIfCancellationRequested(); }
            }
        }
        catch (SqliteException ex) { throw SqliteConnections.Translate(ex, _connections.Path); }
        return Task.FromResult(walker.Finish());
    }

    private IReadOnlyList<RecordedEvent> Query(string sql, params (string Name, object Value)[] args)
    {
        try
        {
            using var c = _connections.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            foreach (var (n, v) in args) cmd.Parameters.AddWithValue(n, v);
            using var r = cmd.ExecuteReader();
            var list = new List<RecordedEvent>();
            while (r.Read()) list.Add(ReadEvent(r));
            return list;
        }
        catch (SqliteException ex) { throw SqliteConnections.Translate(ex, _connections.Path); }
    }

    private static RecordedEvent ReadEvent(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetInt64(2), Guid.Parse(r.GetString(3)), r.GetString(4), r.GetString(5),
        new EventMetadata(r.GetString(6), r.GetString(7), Guid.Parse(r.GetString(8)), r.IsDBNull(9) ? null : Guid.Parse(r.GetString(9))),
        EventChain.FromUnixMicroseconds(r.GetInt64(10)));

    public ValueTask DisposeAsync()
    {
        _writer?.Dispose();
        _writeGate.Dispose();
        return ValueTask.CompletedTask;
    }
}
