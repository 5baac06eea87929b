using System.Data.Common;
using Npgsql;

namespace Saraban.Workflow.EventStore.Postgres;

/// <summary>
/// One append (one stream or several) as ONE statement that inserts everything or nothing. An
/// expected version that does not hold is not an error: the statement simply inserts no row. So
/// several independent appends can share a batch and a transaction (<see cref="PostgresAppender"/>'s
/// group commit), each one's refusal leaving the others alone, and a lone append needs no explicit
/// transaction (one round trip instead of BEGIN…COMMIT).
/// </summary>
internal static class PostgresAppendStatement
{
    private const string Columns = PostgresEventStore.EventColumns;

    // Each stream's current version is its highest: versions are dense, so "Exactly n" holds when
    // that is n. Checking it here, rather than leaving it to the unique key, keeps a stale append
    // from raising an error that would abort every append grouped with it. The statements run with
    // generic plans, planned once per connection, perhaps while the table is still tiny: MAX over
    // the (stream, version) key is planned as one index probe whatever the table's size then, where
    // an EXISTS may be planned as a hashed scan of the whole table, and kept as the table grows.
    private const string Current = "(SELECT COALESCE(MAX(version), 0) AS v FROM events WHERE stream_id = $1) e";

    // One stream, one event: scalar parameters cost the server less than unnesting arrays.
    private const string OneExact =
        $"INSERT INTO events ({Columns}) SELECT $1, e.v + 1, $2, $3, $4, $5, $6, $7, $8::uuid, $9 " +
        $"FROM {Current} WHERE e.v = $10 RETURNING stream_id, version";
    private const string OneAny =
        $"INSERT INTO events ({Columns}) SELECT $1, e.v + 1, $2, $3, $4, $5, $6, $7, $8::uuid, $9 " +
        $"FROM {Current} RETURNING stream_id, version";

    // Any number of streams and events. Each stream's current version is read once (s); the events
    // join their stream; one stale stream inserts nothing at all. The ORDER BY keeps the events in
    // the order given (row ids, hence the sealed order, follow it).
    private const string Many =
        $"""
        WITH s AS MATERIALIZED (
            SELECT s.i, s.stream_id, s.v, (SELECT COALESCE(MAX(version), 0) FROM events WHERE stream_id = s.stream_id) AS cur
            FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS s(stream_id, v, i))
        INSERT INTO events ({Columns})
        SELECT s.stream_id, CASE WHEN s.v < 0 THEN s.cur ELSE s.v END + t.k, t.id, t.type, t.data, t.u, t.o, t.c, t.cause::uuid, $12
        FROM unnest($3::int[], $4::int[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[], $10::uuid[], $11::text[])
             WITH ORDINALITY AS t(si, k, id, type, data, u, o, c, cause, ord)
        JOIN s ON s.i = t.si
        WHERE NOT EXISTS (SELECT 1 FROM s WHERE s.v >= 0 AND s.cur <> s.v)
        ORDER BY t.ord
        RETURNING stream_id, version
        """;

    public static NpgsqlBatchCommand Create(IReadOnlyList<StreamAppend> appends, DateTime now)
    {
        if (appends is [{ Events: [var e] } a])
        {
            var one = new NpgsqlBatchCommand(a.Expected.IsAny ? OneAny : OneExact);
            var p = one.Parameters;
            p.Add(new NpgsqlParameter<string> { TypedValue = a.StreamId });
            p.Add(new NpgsqlParameter<Guid> { TypedValue = e.EventId });
            p.Add(new NpgsqlParameter<string> { TypedValue = e.Type });
            p.Add(new NpgsqlParameter<string> { TypedValue = e.Data });
            p.Add(new NpgsqlParameter<string> { TypedValue = e.Metadata.UserId });
            p.Add(new NpgsqlParameter<string> { TypedValue = e.Metadata.OrganizationId });
            p.Add(new NpgsqlParameter<Guid> { TypedValue = e.Metadata.CorrelationId });
            p.Add(new NpgsqlParameter { Value = (object?)e.Metadata.CausationId?.ToString() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            p.Add(new NpgsqlParameter<DateTime> { TypedValue = now });
            if (!a.Expected.IsAny) p.Add(new NpgsqlParameter<long> { TypedValue = a.Expected.Value });
            return one;
        }
        var events = appends.SelectMany((s, i) => s.Events.Select((e, k) => (Stream: i + 1, Version: k + 1, Event: e))).ToList();
        var many = new NpgsqlBatchCommand(Many);
        var q = many.Parameters;
        q.Add(new NpgsqlParameter<string[]> { TypedValue = appends.Select(s => s.StreamId).ToArray() });
        q.Add(new NpgsqlParameter<long[]> { TypedValue = appends.Select(s => s.Expected.Value).ToArray() });
        q.Add(new NpgsqlParameter<int[]> { TypedValue = events.Select(x => x.Stream).ToArray() });
        q.Add(new NpgsqlParameter<int[]> { TypedValue = events.Select(x => x.Version).ToArray() });
        q.Add(new NpgsqlParameter<Guid[]> { TypedValue = events.Select(x => x.Event.EventId).ToArray() });
        q.Add(new NpgsqlParameter<string[]> { TypedValue = events.Select(x => x.Event.Type).ToArray() });
        q.Add(new NpgsqlParameter<string[]> { TypedValue = events.Select(x => x.Event.Data).ToArray() });
        q.Add(new NpgsqlParameter<string[]> { TypedValue = events.Select(x => x.Event.Metadata.UserId).ToArray() });
        q.Add(new NpgsqlParameter<string[]> { TypedValue = events.Select(x => x.Event.Metadata.OrganizationId).ToArray() });
        q.Add(new NpgsqlParameter<Guid[]> { TypedValue = events.Select(x => x.Event.Metadata.CorrelationId).ToArray() });
        q.Add(new NpgsqlParameter<string?[]> { TypedValue = events.Select(x => x.Event.Metadata.CausationId?.ToString()).ToArray() });
        q.Add(new NpgsqlParameter<DateTime> { TypedValue = now });
        return many;
    }

    /// <summary>
    /// Reads one statement's rows: each stream's new version, or null when nothing was inserted
    /// because an expected version did not hold (or, rarely, the events are stored already).
    /// </summary>
    public static async Task<AppendResult[]?> ReadAsync(DbDataReader r, IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        var top = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await r.ReadAsync(ct))
        {
            var (stream, version) = (r.GetString(0), r.GetInt64(1));
            top[stream] = Math.Max(top.GetValueOrDefault(stream), version);
        }
        if (top.Count == 0) return null;
        return appends.Select(a => new AppendResult(top[a.StreamId], false)).ToArray();
    }

    /// <summary>A rough size, so that a group stays a reasonable message.</summary>
    public static long Bytes(IReadOnlyList<StreamAppend> appends) =>
        appends.Sum(a => a.Events.Sum(e => (long)e.Data.Length + e.Type.Length + 200));
}
