using Microsoft.Data.Sqlite;
using Saraban.Workflow.EventStore.Sqlite;

namespace Saraban.Workflow.Projections;

internal sealed class SqliteProjectionStorage(SqliteConnections connections) : IProjectionStorage
{
    public Task<long> CheckpointAsync(string projection, CancellationToken ct) =>
        Task.FromResult(Run(c => Convert.ToInt64(Scalar(c, null, "SELECT COALESCE((SELECT position FROM projection_checkpoints WHERE name = $a), 0)", projection))));

    public Task<string?> LoadAsync(string projection, string key, CancellationToken ct) =>
        Task.FromResult(Run(c => Scalar(c, null, "SELECT body FROM projection_documents WHERE projection = $a AND key = $b", projection, key) as string));

    public Task<IReadOnlyList<KeyValuePair<string, string>>> ListAsync(string projection, string keyPrefix, CancellationToken ct) =>
        Task.FromResult(Run<IReadOnlyList<KeyValuePair<string, string>>>(c =>
        {
            using var cmd = Command(c, null, "SELECT key, body FROM projection_documents WHERE projection = $a AND substr(key, 1, length($b)) = $b ORDER BY key", projection, keyPrefix);
            using var r = cmd.ExecuteReader();
            var list = new List<KeyValuePair<string, string>>();
            while (r.Read()) list.Add(new(r.GetString(0), r.GetString(1)));
            return list;
        }));

    public Task CommitAsync(string projection, IReadOnlyDictionary<string, string?> changes, long checkpoint, CancellationToken ct) =>
        Task.FromResult(Run(c =>
        {
            using var tx = c.BeginTransaction(deferred: false);
            foreach (var (key, body) in changes)
            {
                using var cmd = body is null
                    ? Command(c, tx, "DELETE FROM projection_documents WHERE projection = $a AND key = $b", projection, key)
                    : Command(c, tx, "INSERT INTO projection_documents VALUES ($a, $b, $c) ON CONFLICT (projection, key) DO UPDATE SET body = excluded.body", projection, key, body);
                cmd.ExecuteNonQuery();
            }
            using (var cp = Command(c, tx, "INSERT INTO projection_checkpoints VALUES ($a, $b) ON CONFLICT (name) DO UPDATE SET position = excluded.position", projection, checkpoint))
                cp.ExecuteNonQuery();
            tx.Commit();
            return 0;
        }));

    public Task ResetAsync(string projection, CancellationToken ct) =>
        Task.FromResult(Run(c =>
        {
            using var tx = c.BeginTransaction(deferred: false);
            using (var d = Command(c, tx, "DELETE FROM projection_documents WHERE projection = $a", projection)) d.ExecuteNonQuery();
            using (var d = Command(c, tx, "DELETE FROM projection_checkpoints WHERE name = $a", projection)) d.ExecuteNonQuery();
            tx.Commit();
            return 0;
        }));

    private T Run<T>(Func<SqliteConnection, T> work)
    {
        try
        {
            using var c = connections.Open();
            return work(c);
        }
        catch (SqliteException ex) { throw SqliteConnections.Translate(ex, connections.Path); }
    }

    private static object? Scalar(SqliteConnection c, SqliteTransaction? tx, string sql, params object[] args)
    {
        using var cmd = Command(c, tx, sql, args);
        return cmd.ExecuteScalar();
    }

    private static SqliteCommand Command(SqliteConnection c, SqliteTransaction? tx, string sql, params object[] args)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        for (int i = 0; i < args.Length; i++) cmd.Parameters.AddWithValue("$" + (char)('a' + i), args[i]);
        return cmd;
    }
}
