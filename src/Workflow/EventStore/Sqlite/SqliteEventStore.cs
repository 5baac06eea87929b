using Microsoft.Data.Sqlite;

namespace Saraban.Workflow.EventStore.Sqlite;

/// <summary>
/// The embedded default: one SQLite file in WAL mode. SQLite lets one writer in at a time, so the
/// chain hash is computed inside the append's own transaction and positions are dense (1, 2, 3…).
/// </summary>
public sealed class SqliteEventStore : IEventStore
{
    private const string Columns = SqliteAppender.Columns;
    private readonly SqliteConnections _connections;
    private readonly TimeProvider _clock;
    private const int MaxGroup = 1000;
    private readonly Queue<PendingAppend> _queue = new();
    private bool _draining;
    private SqliteAppender? _writer;
    private readonly SqliteCheckpointer _checkpointer;

    public SqliteEventStore(string path, TimeProvider? clock = null)
    {
        _connections = new SqliteConnections(System.IO.Path.GetFullPath(path));
        _clock = clock ?? TimeProvider.System;
        _checkpointer = new SqliteCheckpointer(_connections);
    }

    public string Backend => "sqlite";
    public string Path => _connections.Path;
    internal SqliteConnections Connections => _connections;

    public Task InitializeAsync(CancellationToken ct = default)
    {
        var dir = System.IO.Path.GetDirectoryName(_connections.Path);
        if (!string.IsNullOrEmpty(dir)) System.IO.Directory.CreateDirectory(dir);
        using var c = _connections.Open();
        try
        {
            SqliteConnections.Execute(c, "PRAGMA journal_mode = WAL;");
            SqliteSchema.Migrate(c, _connections.Path);
        }
        catch (SqliteException ex) { throw SqliteConnections.Translate(ex, _connections.Path); }
        return Task.CompletedTask;
    }

    public async Task<AppendResult> AppendAsync(string streamId, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default) =>
        (await AppendAsync([new StreamAppend(streamId, expected, events)], ct))[0];

    /// <summary>
    /// Appends wait in a queue; whoever finds the writer idle commits everything queued as one group
    /// (see <see cref="SqliteAppender.AppendGroup"/>): concurrent callers share one fsync instead of
    /// queueing for one each. A lone caller commits alone, with no hand-off.
    /// </summary>
    public Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct = default)
    {
        StreamAppend.Validate(appends);
        var pending = new PendingAppend(appends);
        bool drain;
        lock (_queue)
        {
            _queue.Enqueue(pending);
            drain = !_draining;
            _draining = true;
        }
        if (drain) DrainOneGroup();
        return pending.Done.Task.WaitAsync(ct);
    }

    private void DrainOneGroup()
    {
        List<PendingAppend> group;
        lock (_queue)
        {
            group = new List<PendingAppend>(Math.Min(_queue.Count, MaxGroup));
            while (group.Count < MaxGroup && _queue.TryDequeue(out var next)) group.Add(next);
        }
        try
        {
            _writer ??= new SqliteAppender(_connections.Open());
            _writer.AppendGroup(group, EventChain.TruncateToMicroseconds(_clock.GetUtcNow()));
            int events = 0;
            foreach (var p in group) events += p.Events;
            _checkpointer.Committed(events);
        }
        catch (Exception ex)
        {
            var error = ex is SqliteException se ? SqliteConnections.Translate(se, _connections.Path) : ex;
            foreach (var p in group) p.Error = error;
            // The connection may be in any state after a failed commit: start afresh next time.
            _writer?.Dispose();
            _writer = null;
        }
        foreach (var p in group) p.Complete();
        lock (_queue)
        {
            if (_queue.Count == 0) { _draining = false; return; }
        }
        _ = Task.Run(DrainOneGroup);
    }

    public Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, long fromVersion = 1, int maxCount = int.MaxValue, CancellationToken ct = default) =>
        Task.FromResult(Query(
            $"SELECT {Columns} FROM events WHERE stream_id = $s AND version >= $v ORDER BY version LIMIT $n",
            ("$s", streamId), ("$v", fromVersion), ("$n", maxCount)));

    public Task<IReadOnlyDictionary<string, IReadOnlyList<RecordedEvent>>> ReadStreamsAsync(IReadOnlyList<string> streamIds, CancellationToken ct = default)
    {
        // In-process: one query per stream costs no round trip, and keeps each on its index.
        var found = new Dictionary<string, IReadOnlyList<RecordedEvent>>(StringComparer.Ordinal);
        foreach (var id in streamIds.Distinct(StringComparer.Ordinal))
            found[id] = Query($"SELECT {Columns} FROM events WHERE stream_id = $s ORDER BY version", ("$s", id));
        return Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<RecordedEvent>>>(found);
    }

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
        try
        {
            var walker = new ChainWalker(denseOrder: true, Erasures.Index(Strings(c, $"SELECT data FROM events WHERE type = '{Erasures.EventType}' ORDER BY position")));
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                if (!walker.Step(ReadEvent(r), (byte[])r.GetValue(11))) break;
                if (walker.Checked % 100_000 == 0) { progress?.Report(walker.Checked); ct.ThrowIfCancellationRequested(); }
            }
            return Task.FromResult(walker.Finish());
        }
        catch (SqliteException ex) { throw SqliteConnections.Translate(ex, _connections.Path); }
    }

    private static List<string> Strings(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        while (r.Read()) list.Add(r.GetString(0));
        return list;
    }

    public Task<IReadOnlyDictionary<long, byte[]>> HashesAsync(IReadOnlyList<long> positions, CancellationToken ct = default)
    {
        try
        {
            using var c = _connections.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT hash FROM events WHERE position = $p";
            var p = cmd.Parameters.Add("$p", SqliteType.Integer);
            var found = new Dictionary<long, byte[]>();
            foreach (var position in positions.Distinct())
            {
                p.Value = position;
                if (cmd.ExecuteScalar() is byte[] hash) found[position] = hash;
            }
            return Task.FromResult<IReadOnlyDictionary<long, byte[]>>(found);
        }
        catch (SqliteException ex) { throw SqliteConnections.Translate(ex, _connections.Path); }
    }

    /// <summary>
    /// One transaction (every connection has <c>secure_delete</c>: the freed cells and pages of the
    /// old data are zeroed), then a checkpoint that truncates the WAL, whose frames would still hold
    /// the pages as they were. No VACUUM: it would rewrite the whole log while appends wait.
    /// </summary>
    public Task<int> EraseAsync(IReadOnlyList<EventErasure> erasures, CancellationToken ct = default)
    {
        try
        {
            using var c = _connections.Open();
            int erased = 0;
            using (var tx = c.BeginTransaction(deferred: false))
            {
                using var cmd = c.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = "UPDATE events SET data = $d WHERE position = $p AND hash = $h AND data <> $d";
                var (d, p, h) = (cmd.Parameters.Add("$d", SqliteType.Text), cmd.Parameters.Add("$p", SqliteType.Integer), cmd.Parameters.Add("$h", SqliteType.Blob));
                foreach (var e in erasures)
                {
                    (d.Value, p.Value, h.Value) = (e.Data, e.Position, e.Hash);
                    erased += cmd.ExecuteNonQuery();
                }
                tx.Commit();
            }
            SqliteConnections.Execute(c, "PRAGMA wal_checkpoint(TRUNCATE);");
            return Task.FromResult(erased);
        }
        catch (SqliteException ex) { throw SqliteConnections.Translate(ex, _connections.Path); }
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
        _checkpointer.Dispose();
        _writer?.Dispose();
        return ValueTask.CompletedTask;
    }
}
