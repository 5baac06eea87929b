using Microsoft.Data.Sqlite;

namespace Saraban.Workflow.EventStore.Sqlite;

/// <summary>
/// The single writer connection with its statements prepared once: at a few thousand durable
/// appends a second, re-preparing SQL per append would cost as much as the work itself.
/// </summary>
internal sealed class SqliteAppender : IDisposable
{
    internal const string Columns = "position, stream_id, version, event_id, type, data, user_id, org_id, correlation_id, causation_id, recorded_at";
    private readonly SqliteConnection _c;
    private readonly SqliteCommand _state, _find, _insert;
    private readonly SqliteParameter _stateId, _stateStream, _findId;
    private readonly SqliteParameter[] _values;

    public SqliteAppender(SqliteConnection connection)
    {
        _c = connection;
        // Everything the decision needs, in one step: is the first event already stored (a retry),
        // the stream's version, and the chain's head.
        (_state, var sp) = Prepare("""
            SELECT (SELECT stream_id FROM events WHERE event_id = $id),
                   (SELECT version FROM events WHERE event_id = $id),
                   (SELECT COALESCE(MAX(version), 0) FROM events WHERE stream_id = $s),
                   (SELECT position FROM events ORDER BY position DESC LIMIT 1),
                   (SELECT hash FROM events ORDER BY position DESC LIMIT 1)
            """, "$id", "$s");
        (_stateId, _stateStream) = (sp[0], sp[1]);
        (_find, var fp) = Prepare("SELECT stream_id, version FROM events WHERE event_id = $id", "$id");
        _findId = fp[0];
        (_insert, _values) = Prepare($"INSERT INTO events ({Columns}, hash) VALUES ($p, $s, $v, $id, $t, $d, $u, $o, $c, $k, $at, $h)",
            "$p", "$s", "$v", "$id", "$t", "$d", "$u", "$o", "$c", "$k", "$at", "$h");
    }

    public AppendResult Append(string streamId, ExpectedVersion expected, IReadOnlyList<EventData> events, DateTimeOffset now)
    {
        // IMMEDIATE takes the write lock up front, so the checks and the insert see one state even
        // when another process shares the file.
        using var tx = _c.BeginTransaction(deferred: false);
        _state.Transaction = _find.Transaction = _insert.Transaction = tx;
        _stateId.Value = events[0].EventId.ToString();
        _stateStream.Value = streamId;
        string? storedStream; long storedVersion, current, position; byte[] previous;
        using (var r = _state.ExecuteReader())
        {
            r.Read();
            storedStream = r.IsDBNull(0) ? null : r.GetString(0);
            storedVersion = r.IsDBNull(1) ? 0 : r.GetInt64(1);
            current = r.GetInt64(2);
            position = r.IsDBNull(3) ? 0 : r.GetInt64(3);
            previous = r.IsDBNull(4) ? EventChain.Genesis.ToArray() : (byte[])r.GetValue(4);
        }
        if (storedStream is not null)
            return Idempotent(streamId, events, storedStream, storedVersion, current);
        if (!expected.IsAny && expected.Value != current)
            throw new WrongExpectedVersionException(streamId, expected, current);

        long version = current;
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
        tx.Commit();
        return new AppendResult(version, AlreadyStored: false);
    }

    /// <summary>A retry is only a retry when every id is stored, in this stream, in this order.</summary>
    private AppendResult Idempotent(string streamId, IReadOnlyList<EventData> events, string firstStream, long firstVersion, long current)
    {
        for (int i = 0; i < events.Count; i++)
        {
            _findId.Value = events[i].EventId.ToString();
            using var r = _find.ExecuteReader();
            bool same = r.Read() && r.GetString(0) == streamId && r.GetInt64(1) == firstVersion + i && firstStream == streamId;
            if (!same) throw new DuplicateEventIdException(events[i].EventId, streamId);
        }
        return new AppendResult(current, AlreadyStored: true);
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
        _state.Dispose(); _find.Dispose(); _insert.Dispose();
        _c.Dispose();
    }
}
