using System.Data.Common;
using Microsoft.Data.Sqlite;
using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Views;

/// <summary>
/// The views of the embedded default, in their own file in WAL mode: readers never wait for a
/// batch, and a batch never waits for the log's appender. synchronous=NORMAL: a crash may lose the
/// last batches, never half of one, and those are applied again from the checkpoint they left.
/// </summary>
internal sealed class SqliteViewDatabase : ViewDatabase
{
    private readonly string _path;
    private readonly string _connectionString;
    // One writer connection, its statements prepared once: a batch of thousands of rows pays for
    // parsing each statement once, not per row.
    private readonly SemaphoreSlim _writerGate = new(1, 1);
    private SqliteConnection? _writer;
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);

    public SqliteViewDatabase(string path)
    {
        _path = Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = _path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    public override SqlDialect Dialect => SqlDialect.Sqlite;
    public override string Where => _path;

    public override Task InitializeAsync(CancellationToken ct)
    {
        var dir = Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(dir)) System.IO.Directory.CreateDirectory(dir);
        using var c = Open();
        Run(() =>
        {
            Exec(c, "PRAGMA journal_mode = WAL");
            using var tx = c.BeginTransaction(deferred: false);
            Exec(c, StateTable, tx);
            Exec(c, ErrorTable, tx);
            tx.Commit();
        });
        return Task.CompletedTask;
    }

    internal override async Task<ViewTransaction> BeginAsync(CancellationToken ct)
    {
        await _writerGate.WaitAsync(ct);
        try
        {
            _writer ??= Open();
            var tx = Run(() => _writer.BeginTransaction(deferred: false));
            return new Transaction(this, _writer, tx);
        }
        catch
        {
            _writerGate.Release();
            throw;
        }
    }

    // BEGIN IMMEDIATE already excludes every other writer of the file.
    internal override Task<ViewTransaction> BeginExclusiveAsync(CancellationToken ct) => BeginAsync(ct);

    internal override Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, object?[] args, CancellationToken ct)
    {
        using var c = Open(reader: true);
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        Bind(cmd, args);
        return Task.FromResult(Run(() => Read(cmd, map)));
    }

    internal override bool IsMissingTable(Exception ex) => ex is SqliteException { SqliteErrorCode: 1 } s && s.Message.Contains("no such table", StringComparison.Ordinal);

    public override ValueTask DisposeAsync()
    {
        foreach (var cmd in _prepared.Values) cmd.Dispose();
        _prepared.Clear();
        _writer?.Dispose();
        _writer = null;
        return ValueTask.CompletedTask;
    }

    /// <param name="reader">A pooled connection for one read: WAL lets it read beside the writer, so it needs no settings of its own.</param>
    private SqliteConnection Open(bool reader = false)
    {
        var c = new SqliteConnection(_connectionString);
        try
        {
            c.Open();
            // The writer: 64 MB of pages cached (the default is 2 MB), and the WAL copied back every 20,000 pages rather
            // than every 1,000: a batch touches index pages all over a file of gigabytes.
            if (!reader) Exec(c, "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 20000;");
            return c;
        }
        catch (SqliteException ex)
        {
            c.Dispose();
            throw new EventStoreUnavailableException($"Cannot open the views file {_path}: {ex.Message}", ex);
        }
    }

    private T Run<T>(Func<T> work)
    {
        try { return work(); }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 26 or 11)
        {
            throw new EventStoreCorruptException($"The views file {_path} is damaged ({ex.Message.TrimEnd('.')}); delete it and the views are rebuilt from the log.", ex);
        }
    }

    private void Run(Action work) => Run(() => { work(); return 0; });

    private static void Exec(SqliteConnection c, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static void Bind(SqliteCommand cmd, object?[] args)
    {
        if (cmd.Parameters.Count != args.Length)
        {
            cmd.Parameters.Clear();
            for (int i = 0; i < args.Length; i++) cmd.Parameters.Add(new SqliteParameter("$" + (i + 1), args[i] ?? DBNull.Value));
            return;
        }
        for (int i = 0; i < args.Length; i++) cmd.Parameters[i].Value = args[i] ?? DBNull.Value;
    }

    private static List<T> Read<T>(SqliteCommand cmd, Func<DbDataReader, T> map)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<T>();
        while (r.Read()) list.Add(map(r));
        return list;
    }

    private sealed class Transaction(SqliteViewDatabase db, SqliteConnection c, SqliteTransaction tx) : ViewTransaction
    {
        private bool _done;

        private SqliteCommand Prepared(string sql)
        {
            if (!db._prepared.TryGetValue(sql, out var cmd))
            {
                cmd = c.CreateCommand();
                cmd.CommandText = sql;
                db._prepared[sql] = cmd;
            }
            cmd.Transaction = tx;
            return cmd;
        }

        // Schema statements are not kept prepared: their tables may be dropped later.
        private static bool IsSchema(string sql) => sql.StartsWith("CREATE ", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("DROP ", StringComparison.OrdinalIgnoreCase);

        public override void Execute(string sql, object?[] args)
        {
            if (IsSchema(sql))
            {
                db.Run(() => Exec(c, sql, tx));
                db.ForgetPrepared();
                return;
            }
            var cmd = Prepared(sql);
            Bind(cmd, args);
            db.Run(() => cmd.ExecuteNonQuery());
        }

        public override ValueTask<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, object?[] args, CancellationToken ct)
        {
            var cmd = Prepared(sql);
            Bind(cmd, args);
            return ValueTask.FromResult(db.Run(() => Read(cmd, map)));
        }

        public override ValueTask CommitAsync(CancellationToken ct)
        {
            db.Run(() => tx.Commit());
            _done = true;
            db.OptimizeNowAndThen(c);
            return ValueTask.CompletedTask;
        }

        public override ValueTask DisposeAsync()
        {
            try
            {
                if (!_done) { try { tx.Rollback(); } catch (SqliteException) { } }
                tx.Dispose();
            }
            finally { db._writerGate.Release(); }
            return ValueTask.CompletedTask;
        }
    }

    private DateTime _optimized;

    /// <summary>
    /// Each trigram table's segments merged into one (dropping the entries of changed rows), then
    /// VACUUM (a fresh copy of every page) and a checkpoint that truncates the WAL: the views' file
    /// then holds only what its rows hold now. The whole file is rewritten: minutes for a file of
    /// gigabytes, which a destruction once a year can afford.
    /// </summary>
    public override async Task CompactAsync(CancellationToken ct = default)
    {
        await _writerGate.WaitAsync(ct);
        try
        {
            _writer ??= Open();
            ForgetPrepared();
            var tables = new List<string>();
            using (var q = _writer.CreateCommand())
            {
                q.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%'";
                using var r = q.ExecuteReader();
                while (r.Read()) tables.Add(r.GetString(0));
            }
            foreach (var t in tables) Run(() => Exec(_writer, $"INSERT INTO \"{t}\" (\"{t}\") VALUES ('optimize')"));
            Run(() => Exec(_writer, "PRAGMA secure_delete = ON; VACUUM; PRAGMA wal_checkpoint(TRUNCATE);"));
        }
        finally { _writerGate.Release(); }
    }

    /// <summary>
    /// Every few minutes, statistics for the planner where the tables grew (PRAGMA optimize, reading at
    /// most 400 rows an index): without them it scanned a whole office's letters for the tracker's
    /// list of circulars instead of the index of origins (10M events: 127 ms → 5 ms).
    /// </summary>
    private void OptimizeNowAndThen(SqliteConnection c)
    {
        if (DateTime.UtcNow - _optimized < TimeSpan.FromMinutes(5)) return;
        _optimized = DateTime.UtcNow;
        Run(() => Exec(c, "PRAGMA analysis_limit = 400; PRAGMA optimize;"));
    }

    private void ForgetPrepared()
    {
        foreach (var cmd in _prepared.Values) cmd.Dispose();
        _prepared.Clear();
    }
}
