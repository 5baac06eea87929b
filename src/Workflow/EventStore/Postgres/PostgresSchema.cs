using Npgsql;

namespace Saraban.Workflow.EventStore.Postgres;

/// <summary>Schema migrations, applied once each under an advisory lock so that several nodes may start together.</summary>
internal static class PostgresSchema
{
    // Advisory lock keys per schema, so that databases holding several schemas (tests) don't contend.
    public const string MigrationLock = "hashtext(current_schema()), 1";
    public const string SealLock = "hashtext(current_schema()), 2";

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE events (
            id             BIGSERIAL PRIMARY KEY,
            -- The writing transaction: the sealer orders by (tx_id, id) and reads only below the
            -- oldest running transaction, so a slow commit can never be passed over.
            tx_id          XID8        NOT NULL DEFAULT pg_current_xact_id(),
            stream_id      TEXT        NOT NULL,
            version        BIGINT      NOT NULL,
            event_id       UUID        NOT NULL UNIQUE,
            type           TEXT        NOT NULL,
            data           TEXT        NOT NULL,
            user_id        TEXT        NOT NULL,
            org_id         TEXT        NOT NULL,
            correlation_id UUID        NOT NULL,
            causation_id   UUID,
            recorded_at    TIMESTAMPTZ NOT NULL,
            UNIQUE (stream_id, version)
        );
        CREATE INDEX events_commit_order ON events (tx_id, id);
        -- The global order: dense positions, assigned by the sealer, each with its chain hash.
        CREATE TABLE event_log (
            position  BIGINT PRIMARY KEY,
            event_row BIGINT NOT NULL UNIQUE,
            tx_id     XID8   NOT NULL,
            hash      BYTEA  NOT NULL
        );
        CREATE TABLE projection_checkpoints (
            name     TEXT PRIMARY KEY,
            position BIGINT NOT NULL
        );
        CREATE TABLE projection_documents (
            projection TEXT NOT NULL,
            key        TEXT NOT NULL,
            body       TEXT NOT NULL,
            PRIMARY KEY (projection, key)
        );
        """,
        // Files (Files/PostgresFileStore): chunked bytea, a MiB a row. EXTERNAL: stored out of line
        // without compression, which PDFs, images and DOCX (already compressed) would not repay.
        """
        CREATE TABLE files (
            sha256    TEXT PRIMARY KEY,
            length    BIGINT NOT NULL,
            stored_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE TABLE file_chunks (
            sha256 TEXT  NOT NULL,
            seq    INT   NOT NULL,
            data   BYTEA NOT NULL,
            PRIMARY KEY (sha256, seq)
        );
        ALTER TABLE file_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
        """,
    ];

    public static async Task MigrateAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await CreateSearchPathSchemaAsync(c, tx, ct);
        await Exec(c, tx, $"SELECT pg_advisory_xact_lock({MigrationLock}); CREATE TABLE IF NOT EXISTS saraban_schema (version INT NOT NULL); ", ct);
        await using (var q = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM saraban_schema", c, tx))
        {
            var current = Convert.ToInt32(await q.ExecuteScalarAsync(ct));
            if (current > Migrations.Length)
                throw new EventStoreException($"The database has schema version {current}, newer than this program knows ({Migrations.Length}); upgrade Saraban.");
            for (int v = current; v < Migrations.Length; v++)
                await Exec(c, tx, Migrations[v] + $"; INSERT INTO saraban_schema VALUES ({v + 1});", ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>A deployment may name its own schema (<c>Search Path=saraban</c>): create it on first use, as the tables are.</summary>
    private static async Task CreateSearchPathSchemaAsync(NpgsqlConnection c, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var q = new NpgsqlCommand("SELECT current_schema() IS NULL, split_part(current_setting('search_path'), ',', 1)", c, tx);
        string? missing = null;
        await using (var r = await q.ExecuteReaderAsync(ct))
            if (await r.ReadAsync(ct) && r.GetBoolean(0)) missing = r.GetString(1).Trim().Trim('"');
        if (string.IsNullOrEmpty(missing) || missing.StartsWith('$')) return;
        await using var create = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS \"{missing.Replace("\"", "\"\"")}\"", c, tx);
        await create.ExecuteNonQueryAsync(ct);
    }

    private static async Task Exec(NpgsqlConnection c, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, c, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
