using Npgsql;
using NpgsqlTypes;

namespace Saraban.Workflow.EventStore.Postgres;

/// <summary>
/// Gives committed events their global position and chain hash, in commit-safe order.
/// Writers insert concurrently (no global lock, so commits group on the server); the sealer then
/// takes only events of transactions older than the oldest one still running
/// (<c>pg_snapshot_xmin</c>), in (transaction, row) order. An event that commits late always has a
/// transaction id at or above that horizon, so it is sealed after, never skipped (the sequence-gap
/// problem of polling by a serial column). One node seals at a time, elected by an advisory lock.
/// </summary>
internal sealed class PostgresSealer(NpgsqlDataSource db)
{
    private const int Batch = 5000;

    /// <summary>
    /// Seals everything sealable now. When another node is sealing, waits for it and then seals what
    /// is left, so that a reader afterwards sees every event committed before it asked.
    /// </summary>
    public async Task SealAsync(CancellationToken ct)
    {
        while (await SealBatchAsync(ct) == Batch) { }
    }

    /// <summary>
    /// Seals, first waiting (at most <paramref name="patience"/>) for the transactions that were
    /// running when it was called, so a reader sees its own appends and those that overlapped it.
    /// A writer stalled longer than that is sealed by a later call; nothing is ever skipped.
    /// </summary>
    public async Task SealAfterInFlightAsync(TimeSpan patience, CancellationToken ct)
    {
        await using (var c = await db.OpenConnectionAsync(ct))
        {
            await using var target = new NpgsqlCommand("SELECT pg_snapshot_xmax(pg_current_snapshot())::text", c);
            var xmax = (string)(await target.ExecuteScalarAsync(ct))!;
            await using var done = new NpgsqlCommand("SELECT pg_snapshot_xmin(pg_current_snapshot()) >= $1::text::xid8", c);
            done.Parameters.Add(new NpgsqlParameter { Value = xmax });
            var deadline = DateTime.UtcNow + patience;
            for (int wait = 1; !(bool)(await done.ExecuteScalarAsync(ct))! && DateTime.UtcNow < deadline; wait = Math.Min(wait * 2, 50))
                await Task.Delay(wait, ct);
        }
        await SealAsync(ct);
    }

    private async Task<int> SealBatchAsync(CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({PostgresSchema.SealLock})", c, tx))
            await lockCmd.ExecuteNonQueryAsync(ct);

        long position = 0, lastRow = 0;
        string lastTx = "0";
        byte[] previous = EventChain.Genesis.ToArray();
        await using (var head = new NpgsqlCommand("SELECT position, tx_id::text, event_row, hash FROM event_log ORDER BY position DESC LIMIT 1", c, tx))
        await using (var r = await head.ExecuteReaderAsync(ct))
            if (await r.ReadAsync(ct)) (position, lastTx, lastRow, previous) = (r.GetInt64(0), r.GetString(1), r.GetInt64(2), (byte[])r[3]);

        var positions = new List<long>(); var rows = new List<long>(); var txs = new List<string>(); var hashes = new List<byte[]>();
        // The transaction id travels as text (Npgsql has no xid8 type), under another name: ORDER BY
        // tx_id would otherwise sort by that text, putting transaction 100 before 99, sealing out of
        // commit order, and making the next batch's cursor pick up rows already sealed.
        await using (var pending = new NpgsqlCommand(
            $"""
            SELECT id, tx_id::text AS tx, {PostgresEventStore.EventColumns} FROM events
            WHERE (tx_id, id) > ($1::text::xid8, $2) AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY events.tx_id, id LIMIT {Batch}
            """, c, tx))
        {
            pending.Parameters.Add(new NpgsqlParameter { Value = lastTx });
            pending.Parameters.Add(new NpgsqlParameter { Value = lastRow });
            await using var r = await pending.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var e = PostgresEventStore.ReadEvent(r, 2, ++position);
                previous = EventChain.Next(previous, e);
                positions.Add(position); rows.Add(r.GetInt64(0)); txs.Add(r.GetString(1)); hashes.Add(previous);
            }
        }
        if (positions.Count > 0)
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO event_log (position, event_row, tx_id, hash) SELECT p, r, t::xid8, h FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::bytea[]) AS x(p, r, t, h)", c, tx);
            insert.Parameters.Add(new NpgsqlParameter { Value = positions.ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = rows.ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = txs.ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = hashes.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            await insert.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return positions.Count;
    }
}
