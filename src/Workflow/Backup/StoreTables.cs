using System.Data.Common;
using Microsoft.Data.Sqlite;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.EventStore.Postgres;
using Saraban.Workflow.EventStore.Sqlite;

namespace Saraban.Workflow.Backup;

/// <summary>The projections' own tables in the store (Delivery's checkpoint, the directory's and users' snapshots), read as rows.</summary>
internal static class StoreTables
{
    private const string Checkpoints = "SELECT name, position FROM projection_checkpoints ORDER BY name";
    private const string Documents = "SELECT projection, key, body FROM projection_documents ORDER BY projection, key";

    public static async Task<List<ProjectionRow>> ReadProjectionsAsync(IEventStore store, CancellationToken ct)
    {
        switch (store)
        {
            case SqliteEventStore s:
                await using (var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = s.Path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
                {
                    await c.OpenAsync(ct);
                    await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(ct); // one snapshot of both tables
                    return await ReadAsync(c, tx, ct);
                }
            case PostgresEventStore p:
                await using (var c = await p.DataSource.OpenConnectionAsync(ct))
                {
                    await using var tx = await c.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
                    return await ReadAsync(c, tx, ct);
                }
            default: throw new ArgumentException($"No backup for {store.GetType().Name}.");
        }
    }

    private static async Task<List<ProjectionRow>> ReadAsync(DbConnection c, DbTransaction tx, CancellationToken ct)
    {
        var rows = new List<ProjectionRow>();
        await using (var cmd = c.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = Checkpoints;
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) rows.Add(new ProjectionRow(r.GetString(0), null, null, r.GetInt64(1)));
        }
        await using (var cmd = c.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = Documents;
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) rows.Add(new ProjectionRow(r.GetString(0), r.GetString(1), r.GetString(2), 0));
        }
        return rows;
    }
}
