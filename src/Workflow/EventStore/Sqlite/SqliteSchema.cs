using Microsoft.Data.Sqlite;

namespace Saraban.Workflow.EventStore.Sqlite;

/// <summary>Schema migrations, numbered by SQLite's <c>user_version</c>; each runs once, in order.</summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE events (
            position       INTEGER PRIMARY KEY,
            stream_id      TEXT    NOT NULL,
            version        INTEGER NOT NULL,
            event_id       TEXT    NOT NULL UNIQUE,
            type           TEXT    NOT NULL,
            data           TEXT    NOT NULL,
            user_id        TEXT    NOT NULL,
            org_id         TEXT    NOT NULL,
            correlation_id TEXT    NOT NULL,
            causation_id   TEXT,
            recorded_at    INTEGER NOT NULL,
            hash           BLOB    NOT NULL,
            UNIQUE (stream_id, version)
        );
        CREATE TABLE projection_checkpoints (
            name     TEXT PRIMARY KEY,
            position INTEGER NOT NULL
        );
        CREATE TABLE projection_documents (
            projection TEXT NOT NULL,
            key        TEXT NOT NULL,
            body       TEXT NOT NULL,
            PRIMARY KEY (projection, key)
        ) WITHOUT ROWID;
        """,
    ];

    public static void Migrate(SqliteConnection connection, string path)
    {
        using var tx = connection.BeginTransaction(deferred: false);
        long current = Scalar(connection, tx, "PRAGMA user_version");
        if (current > Migrations.Length)
            throw new EventStoreException($"The database {path} has schema version {current}, newer than this program knows ({Migrations.Length}); upgrade Saraban.");
        for (long v = current; v < Migrations.Length; v++)
        {
            using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = Migrations[v] + $"\nPRAGMA user_version = {v + 1};";
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    private static long Scalar(SqliteConnection c, SqliteTransaction tx, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar());
    }
}
