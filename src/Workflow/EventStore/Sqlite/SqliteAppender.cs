using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Saraban.Workflow.EventStore.Sqlite;

/// <summary>
/// The single writer connection with its statements prepared once: at a few thousand durable
/// appends a second, re-preparing SQL per append would cost as much as the work itself.
/// </summary>
internal sealed class SqliteAppender : IDisposable
{
    internal const string Columns = "position, stream_id, version, event_id, type, data, user_id, org_id, correlation_id, causation_id, recorded_at";
    private readonly SqliteConnection _c;
    private readonly SqliteCommand _state, _find, _insert, _begin, _commit, _rollback, _save, _release, _rollbackTo;
    private readonly SqliteParameter _stateId, _stateStream, _findId;
    private readonly SqliteParameter[] _values;

    public SqliteAppender(SqliteConnection connection)
    {
        _c = connection;
        // The background checkpointer copies the WAL; the writer's own autocheckpoint is its backstop.
        SqliteConnections.Execute(_c, $"PRAGMA wal_autocheckpoint = {SqliteCheckpointer.WriterBackstopPages};");
        // Everything the decision needs, in one step: is the first event already stored (a retry),
        // the stream's version, and the chain's head.
        (_state, var sp) = Prepare("""
            SELECT (SELECT stream_id FROM events WHERE event_id = $id),
                   (SELECT COALESCE(MAX(version), 0) FROM events WHERE stream_id = $s),
                   (SELECT position FROM events ORDER BY position DESC LIMIT 1),
                   (SELECT hash FROM events ORDER BY position DESC LIMIT 1)
            """, "$id", "$s");
        (_stateId, _stateStream) = (sp[0], sp[1]);
        (_find, var fp) = Prepare("SELECT stream_id, version FROM events WHERE event_id = $id", "$id");
        _findId = fp[0];
        (_begin, _) = Prepare("BEGIN IMMEDIATE");
        (_commit, _) = Prepare("COMMIT");
        (_rollback, _) = Prepare("ROLLBACK");
        (_save, _) = Prepare("SAVEPOINT append");
        (_release, _) = Prepare("RELEASE append");
        (_rollbackTo, _) = Prepare("ROLLBACK TO append");
        (_insert, _values) = Prepare($"INSERT INTO events ({Columns}, hash) VALUES ($p, $s, $v, $id, $t, $d, $u, $o, $c, $k, $at, $h)",
            "$p", "$s", "$v", "$id", "$t", "$d", "$u", "$o", "$c", "$k", "$at", "$h");
    }

    /// <summary>
    /// Commits a group of appends in one transaction, each inside its own savepoint: every append
    /// stays all-or-nothing and sees the ones before it, and the group pays for one fsync. An append
    /// refused by the store's rules rolls back to its savepoint alone; any other failure (the disk)
    /// fails the whole group, and nothing of it is stored.
    /// </summary>
    public void AppendGroup(IReadOnlyList<PendingAppend> group, DateTimeOffset now)
    {
        // IMMEDIATE takes the write lock up front, so the checks and the inserts see one state even
        // when another process shares the file. The transaction statements are prepared once, like
        // the others (SqliteConnection.BeginTransaction would compile BEGIN and COMMIT every time).
        _begin.ExecuteNonQuery();
        try
        {
            if (group.Count == 1)
            {
                // Alone, the transaction is the savepoint: a refusal simply leaves without committing.
                try { group[0].Results = Append(group[0].Appends, now); }
                catch (EventStoreException ex) { group[0].Error = ex; return; }
            }
            else
            {
                foreach (var pending in group)
                {
                    _save.ExecuteNonQuery();
                    try
                    {
                        pending.Results = Append(pending.Appends, now);
                        _release.ExecuteNonQuery();
                    }
                    catch (EventStoreException ex)
                    {
                        _rollbackTo.ExecuteNonQuery();
                        _release.ExecuteNonQuery();
                        pending.Error = ex;
                    }
                }
            }
            _commit.ExecuteNonQuery();
        }
        finally
        {
            // Still in the transaction: a refusal, or a failure before or during COMMIT. (SQLite may
            // already have rolled back by itself after an I/O error; then there is nothing to undo.)
            if (raw.sqlite3_get_autocommit(_c.Handle) == 0) _rollback.ExecuteNonQuery();
        }
    }

    private IReadOnlyList<AppendResult> Append(IReadOnlyList<StreamAppend> appends, DateTimeOffset now)
    {
        var results = new AppendResult[appends.Count];
        for (int i = 0; i < appends.Count; i++)
        {
            var (streamId, expected, events) = (appends[i].StreamId, appends[i].Expected, appends[i].Events);
            var state = ReadState(events[0].EventId, streamId);
            if (state.StoredStream is not null)
            {
                if (i > 0) throw new DuplicateEventIdException(events[0].EventId, streamId);
                return Idempotent(appends);
            }
            if (!expected.IsAny && expected.Value != state.Current)
                throw new WrongExpectedVersionException(streamId, expected, state.Current);
            results[i] = new AppendResult(Insert(streamId, events, state, now), AlreadyStored: false);
        }
        return results;
    }

    private (string? StoredStream, long Current, long Position, byte[] Previous) ReadState(Guid firstEvent, string streamId)
    {
        _stateId.Value = firstEvent.ToString();
        _stateStream.Value = streamId;
        using var r = _state.ExecuteReader();
        r.Read();
        return (r.IsDBNull(0) ? null : r.GetString(0),
            r.GetInt64(1),
            r.IsDBNull(2) ? 0 : r.GetInt64(2),
            r.IsDBNull(3) ? EventChain.Genesis.ToArray() : (byte[])r.GetValue(3));
    }

    private long Insert(string streamId, IReadOnlyList<EventData> events, (string? _, long Current, long Position, byte[] Previous) state, DateTimeOffset now)
    {
        var (version, position, previous) = (state.Current, state.Position, state.Previous);
        foreach (var e in events)
        {
            var recorded = new RecordedEvent(++position, streamId, ++version, e.EventId, e.Type, e.Data, e.Metadata, now);
            previous = EventChain.Next(previous, recorded);
            object?[] values = [recorded.Position, streamId, version, e.EventId.ToString(), e.Type, e.Data,
                e.Metadata.UserId, e.Metadata.OrganizationId, e.Metadata.CorrelationId.ToString(),
                (object?)e.Metadata.CausationId?.ToString() ?? DBNull.Value, EventChain.ToUnixMicroseconds(now), previous];
            for (int i = 0; i < _values.Length; i++) _values[i].Value = values[i];
            try { _insert.ExecuteNonQuery(); }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 19 /* CONSTRAINT */)
            {
                throw new DuplicateEventIdException(e.EventId, streamId);
            }
        }
        return version;
    }

    /// <summary>A retry is only a retry when every id is stored, in its stream, in its order.</summary>
    private AppendResult[] Idempotent(IReadOnlyList<StreamAppend> appends)
    {
        var results = new AppendResult[appends.Count];
        for (int a = 0; a < appends.Count; a++)
        {
            var (streamId, _, events) = appends[a];
            long firstVersion = 0;
            for (int i = 0; i < events.Count; i++)
            {
                _findId.Value = events[i].EventId.ToString();
                using var r = _find.ExecuteReader();
                if (!r.Read() || r.GetString(0) != streamId) throw new DuplicateEventIdException(events[i].EventId, streamId);
                if (i == 0) firstVersion = r.GetInt64(1);
                else if (r.GetInt64(1) != firstVersion + i) throw new DuplicateEventIdException(events[i].EventId, streamId);
            }
            results[a] = new AppendResult(ReadState(events[0].EventId, streamId).Current, AlreadyStored: true);
        }
        return results;
    }

    private (SqliteCommand, SqliteParameter[]) Prepare(string sql, params string[] names)
    {
        var cmd = _c.CreateCommand();
        cmd.CommandText = sql;
        var ps = names.Select(n => cmd.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        return (cmd, ps);
    }

    public void Dispose()
    {
        foreach (var cmd in new[] { _state, _find, _insert, _begin, _commit, _rollback, _save, _release, _rollbackTo }) cmd.Dispose();
        _c.Dispose();
    }
}

/// <summary>One caller's append, waiting for the group it joins to commit.</summary>
internal sealed class PendingAppend(IReadOnlyList<StreamAppend> appends)
{
    public IReadOnlyList<StreamAppend> Appends { get; } = appends;
    public int Events { get; } = appends.Sum(a => a.Events.Count);
    public IReadOnlyList<AppendResult>? Results { get; set; }
    public Exception? Error { get; set; }
    public TaskCompletionSource<IReadOnlyList<AppendResult>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Complete()
    {
        if (Error is not null) Done.TrySetException(Error);
        else Done.TrySetResult(Results!);
    }
}
