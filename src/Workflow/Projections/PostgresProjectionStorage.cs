using Npgsql;
using Saraban.Workflow.EventStore.Postgres;

namespace Saraban.Workflow.Projections;

internal sealed class PostgresProjectionStorage(NpgsqlDataSource db) : IProjectionStorage
{
    public async Task<long> CheckpointAsync(string projection, CancellationToken ct) =>
        Convert.ToInt64(await ScalarAsync("SELECT COALESCE((SELECT position FROM projection_checkpoints WHERE name = $1), 0)", ct, projection));

    public async Task<string?> LoadAsync(string projection, string key, CancellationToken ct) =>
        await ScalarAsync("SELECT body FROM projection_documents WHERE projection = $1 AND key = $2", ct, projection, key) as string;

    public async Task<IReadOnlyList<KeyValuePair<string, string>>> ListAsync(string projection, string keyPrefix, CancellationToken ct)
    {
        try
        {
            await using var cmd = Command(db.CreateCommand(), "SELECT key, body FROM projection_documents WHERE projection = $1 AND starts_with(key, $2) ORDER BY key", projection, keyPrefix);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            var list = new List<KeyValuePair<string, string>>();
            while (await r.ReadAsync(ct)) list.Add(new(r.GetString(0), r.GetString(1)));
            return list;
        }
        catch (Exception ex) when (ex is not OperationCanceledException) { throw PostgresConnections.Translate(ex, db); }
    }

    public async Task CommitAsync(string projection, IReadOnlyDictionary<string, string?> changes, long checkpoint, CancellationToken ct)
    {
        try
        {
            await using var c = await db.OpenConnectionAsync(ct);
            await using var batch = new NpgsqlBatch(c);
            foreach (var (key, body) in changes)
                batch.BatchCommands.Add(body is null
                    ? Batched("DELETE FROM projection_documents WHERE projection = $1 AND key = $2", projection, key)
                    : Batched("INSERT INTO projection_documents VALUES ($1, $2, $3) ON CONFLICT (projection, key) DO UPDATE SET body = excluded.body", projection, key, body));
            batch.BatchCommands.Add(Batched("INSERT INTO projection_checkpoints VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET position = excluded.position", projection, checkpoint));
            // A batch without an explicit transaction runs as one implicit transaction: all or nothing.
            await batch.ExecuteNonQueryAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException) { throw PostgresConnections.Translate(ex, db); }
    }

    public async Task ResetAsync(string projection, CancellationToken ct)
    {
        try
        {
            await using var c = await db.OpenConnectionAsync(ct);
            await using var batch = new NpgsqlBatch(c);
            batch.BatchCommands.Add(Batched("DELETE FROM projection_documents WHERE projection = $1", projection));
            batch.BatchCommands.Add(Batched("DELETE FROM projection_checkpoints WHERE name = $1", projection));
            await batch.ExecuteNonQueryAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException) { throw PostgresConnections.Translate(ex, db); }
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken ct, params object[] args)
    {
        try
        {
            await using var cmd = Command(db.CreateCommand(), sql, args);
            return await cmd.ExecuteScalarAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException) { throw PostgresConnections.Translate(ex, db); }
    }

    private static NpgsqlCommand Command(NpgsqlCommand cmd, string sql, params object[] args)
    {
        cmd.CommandText = sql;
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        return cmd;
    }

    private static NpgsqlBatchCommand Batched(string sql, params object[] args)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        return cmd;
    }
}
