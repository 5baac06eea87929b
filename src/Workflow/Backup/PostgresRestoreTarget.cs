using Npgsql;
using NpgsqlTypes;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.EventStore.Postgres;
using Saraban.Workflow.Files;

namespace Saraban.Workflow.Backup;

/// <summary>
/// Restores in one transaction, so a failed restore leaves the database as empty as it was. Events
/// keep their positions and hashes: each becomes its own sealed row (event row = position), all of
/// the restoring transaction, which is older than any later append, so the sealer goes on after them.
/// </summary>
internal sealed class PostgresRestoreTarget : IRestoreTarget
{
    private readonly NpgsqlDataSource _db;
    private readonly NpgsqlConnection _c;
    private NpgsqlTransaction? _tx;
    private long _maxRow;

    private PostgresRestoreTarget(NpgsqlDataSource db, NpgsqlConnection c, NpgsqlTransaction tx) => (_db, _c, _tx) = (db, c, tx);

    public string Scratch { get; } = System.IO.Directory.CreateTempSubdirectory("saraban-restore-").FullName;

    public static async Task<IRestoreTarget> OpenAsync(string connectionString, CancellationToken ct)
    {
        await using (var store = new PostgresEventStore(connectionString)) await store.InitializeAsync(ct); // migrations; a newer schema is refused here
        var db = PostgresConnections.Create(connectionString, genericPlans: false);
        var c = await db.OpenConnectionAsync(ct);
        var tx = await c.BeginTransactionAsync(ct);
        try
        {
            await using (var lockCmd = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({PostgresSchema.SealLock})", c, tx)) await lockCmd.ExecuteNonQueryAsync(ct);
            await using var count = new NpgsqlCommand("SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM files)", c, tx);
            var rows = Convert.ToInt64(await count.ExecuteScalarAsync(ct));
            if (rows > 0) throw new BackupException($"the PostgreSQL database is not empty ({rows:N0} events and files): restore only into a new database");
            return new PostgresRestoreTarget(db, c, tx);
        }
        catch
        {
            await tx.DisposeAsync();
            await c.DisposeAsync();
            await db.DisposeAsync();
            throw;
        }
    }

    public async Task WriteEventsAsync(IReadOnlyList<(RecordedEvent Event, byte[] Hash)> page, CancellationToken ct)
    {
        await using var events = new NpgsqlCommand("""
            INSERT INTO events (id, stream_id, version, event_id, type, data, user_id, org_id, correlation_id, causation_id, recorded_at)
            SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::uuid[], $10::uuid[], $11::timestamptz[])
            """, _c, _tx);
        Add(events, page.Select(x => x.Event.Position).ToArray());
        Add(events, page.Select(x => x.Event.StreamId).ToArray());
        Add(events, page.Select(x => x.Event.Version).ToArray());
        Add(events, page.Select(x => x.Event.EventId).ToArray());
        Add(events, page.Select(x => x.Event.Type).ToArray());
        Add(events, page.Select(x => x.Event.Data).ToArray());
        Add(events, page.Select(x => x.Event.Metadata.UserId).ToArray());
        Add(events, page.Select(x => x.Event.Metadata.OrganizationId).ToArray());
        Add(events, page.Select(x => x.Event.Metadata.CorrelationId).ToArray());
        Add(events, page.Select(x => x.Event.Metadata.CausationId).ToArray());
        Add(events, page.Select(x => x.Event.RecordedAt.UtcDateTime).ToArray());
        await events.ExecuteNonQueryAsync(ct);
        await using var log = new NpgsqlCommand(
            "INSERT INTO event_log (position, event_row, tx_id, hash) SELECT p, p, pg_current_xact_id(), h FROM unnest($1::bigint[], $2::bytea[]) AS x(p, h)", _c, _tx);
        Add(log, page.Select(x => x.Event.Position).ToArray());
        log.Parameters.Add(new NpgsqlParameter { Value = page.Select(x => x.Hash).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        await log.ExecuteNonQueryAsync(ct);
        _maxRow = Math.Max(_maxRow, page[^1].Event.Position);
    }

    public async Task WriteProjectionAsync(ProjectionRow row, CancellationToken ct)
    {
        await using var cmd = row.Key is null
            ? new NpgsqlCommand("INSERT INTO projection_checkpoints (name, position) VALUES ($1, $2)", _c, _tx) { Parameters = { new() { Value = row.Projection }, new() { Value = row.Position } } }
            : new NpgsqlCommand("INSERT INTO projection_documents (projection, key, body) VALUES ($1, $2, $3)", _c, _tx)
                { Parameters = { new() { Value = row.Projection }, new() { Value = row.Key }, new() { Value = row.Body ?? "" } } };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task WriteFileAsync(string sha256, string path, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        var buffer = new byte[PostgresFileStore.ChunkSize];
        for (int seq = 0; ; seq++)
        {
            int n = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            if (n == 0 && seq > 0) break;
            await using var chunk = new NpgsqlCommand("INSERT INTO file_chunks (sha256, seq, data) VALUES ($1, $2, $3)", _c, _tx)
                { Parameters = { new() { Value = sha256 }, new() { Value = seq }, new() { Value = buffer.AsMemory(0, n).ToArray() } } };
            await chunk.ExecuteNonQueryAsync(ct);
            if (n < buffer.Length) break;
        }
        await using var head = new NpgsqlCommand("INSERT INTO files (sha256, length) VALUES ($1, $2)", _c, _tx) { Parameters = { new() { Value = sha256 }, new() { Value = file.Length } } };
        await head.ExecuteNonQueryAsync(ct);
        File.Delete(path);
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        if (_maxRow > 0)
            await using (var seq = new NpgsqlCommand($"SELECT setval(pg_get_serial_sequence('events', 'id'), {_maxRow})", _c, _tx)) await seq.ExecuteNonQueryAsync(ct);
        await _tx!.CommitAsync(ct);
        _tx = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_tx is not null) await _tx.DisposeAsync(); // rolled back: nothing of the restore stays
        await _c.DisposeAsync();
        await _db.DisposeAsync();
        System.IO.Directory.Delete(Scratch, recursive: true);
    }

    private static void Add<T>(NpgsqlCommand cmd, T[] values) => cmd.Parameters.Add(new NpgsqlParameter { Value = values });
}
