using Microsoft.Data.Sqlite;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.EventStore.Sqlite;
using Saraban.Workflow.Files;

namespace Saraban.Workflow.Backup;

/// <summary>
/// Restores into a new file beside the target, made by the store's own migrations, and moves it (and
/// its files' folder) into place only once everything is in: a failed restore leaves no half database.
/// </summary>
internal sealed class SqliteRestoreTarget : IRestoreTarget
{
    private readonly string _target, _temp;
    private readonly SqliteConnection _c;
    private readonly DiskFileStore _files;
    private SqliteTransaction? _tx;
    private bool _committed;

    private SqliteRestoreTarget(string target, string temp, SqliteConnection c)
    {
        (_target, _temp, _c) = (target, temp, c);
        _files = new DiskFileStore(FilesOf(temp)); // where FileStores.For puts the files of a store at temp
        _tx = c.BeginTransaction();
    }

    public string Scratch => _files.Scratch;

    public static async Task<IRestoreTarget> OpenAsync(string target, CancellationToken ct)
    {
        target = Path.GetFullPath(target);
        if (File.Exists(target))
        {
            await using var existing = new SqliteEventStore(target);
            await existing.InitializeAsync(ct); // a newer schema is refused here, with its version
            var head = await existing.HeadPositionAsync(ct);
            if (head > 0) throw new BackupException($"{target} is not empty ({head:N0} events): restore only into a new database");
        }
        if (System.IO.Directory.Exists(FilesOf(target)) && System.IO.Directory.EnumerateFiles(FilesOf(target), "*", SearchOption.AllDirectories).Any())
            throw new BackupException($"{FilesOf(target)} already holds files: restore only into a new database");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileNameWithoutExtension(target)}.restoring-{Guid.NewGuid():N}.db");
        try
        {
            await using (var schema = new SqliteEventStore(temp)) await schema.InitializeAsync(ct);
            SqliteConnection.ClearAllPools(); // the store's pooled connections would keep its WAL open
            var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temp, Pooling = false }.ToString());
            c.Open();
            // A file nobody reads until it is moved into place: no journal to keep it safe meanwhile.
            Exec(c, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
            return new SqliteRestoreTarget(target, temp, c);
        }
        catch
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(temp + suffix);
            throw;
        }
    }

    public Task WriteEventsAsync(IReadOnlyList<(RecordedEvent Event, byte[] Hash)> page, CancellationToken ct)
    {
        using var cmd = _c.CreateCommand();
        cmd.Transaction = _tx;
        cmd.CommandText = $"INSERT INTO events ({SqliteAppender.Columns}, hash) VALUES ($p, $s, $v, $id, $t, $d, $u, $o, $c, $k, $at, $h)";
        var ps = new[] { "$p", "$s", "$v", "$id", "$t", "$d", "$u", "$o", "$c", "$k", "$at", "$h" }.Select(n => cmd.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        cmd.Prepare();
        foreach (var (e, hash) in page)
        {
            object?[] values = [e.Position, e.StreamId, e.Version, e.EventId.ToString(), e.Type, e.Data, e.Metadata.UserId, e.Metadata.OrganizationId,
                e.Metadata.CorrelationId.ToString(), (object?)e.Metadata.CausationId?.ToString() ?? DBNull.Value, EventChain.ToUnixMicroseconds(e.RecordedAt), hash];
            for (int i = 0; i < ps.Length; i++) ps[i].Value = values[i];
            cmd.ExecuteNonQuery();
        }
        return Task.CompletedTask;
    }

    public Task WriteProjectionAsync(ProjectionRow row, CancellationToken ct)
    {
        using var cmd = _c.CreateCommand();
        cmd.Transaction = _tx;
        if (row.Key is null)
        {
            cmd.CommandText = "INSERT INTO projection_checkpoints (name, position) VALUES ($a, $b)";
            cmd.Parameters.AddWithValue("$a", row.Projection);
            cmd.Parameters.AddWithValue("$b", row.Position);
        }
        else
        {
            cmd.CommandText = "INSERT INTO projection_documents (projection, key, body) VALUES ($a, $b, $c)";
            cmd.Parameters.AddWithValue("$a", row.Projection);
            cmd.Parameters.AddWithValue("$b", row.Key);
            cmd.Parameters.AddWithValue("$c", row.Body ?? "");
        }
        cmd.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task WriteFileAsync(string sha256, string path, CancellationToken ct) => _files.PutAsync(sha256, path, ct);

    public async Task CommitAsync(CancellationToken ct)
    {
        _tx!.Commit();
        _tx = null;
        Exec(_c, "PRAGMA journal_mode = WAL;");
        _c.Close();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_target + suffix); // an empty store, checked above
        if (System.IO.Directory.Exists(FilesOf(_target))) System.IO.Directory.Delete(FilesOf(_target), recursive: true); // empty, checked above
        if (System.IO.Directory.Exists(_files.Root)) System.IO.Directory.Move(_files.Root, FilesOf(_target));
        foreach (var suffix in new[] { "-wal", "-shm" }) File.Delete(_temp + suffix);
        File.Move(_temp, _target);
        _committed = true;
        await Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _tx?.Dispose();
        await _c.DisposeAsync();
        if (_committed) return;
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_temp + suffix);
        if (System.IO.Directory.Exists(_files.Root)) System.IO.Directory.Delete(_files.Root, recursive: true);
    }

    private static string FilesOf(string db) => Path.ChangeExtension(db, null) + ".files";

    private static void Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
