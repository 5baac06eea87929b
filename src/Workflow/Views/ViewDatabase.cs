using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.EventStore.Postgres;
using Saraban.Workflow.EventStore.Sqlite;

namespace Saraban.Workflow.Views;

/// <summary>
/// Where the stored views live: on PostgreSQL beside the log, so every node reads the same tables;
/// on SQLite in a file of their own beside the log's (<c>saraban.views.db</c>), so applying a batch
/// never holds the log's one write lock against appends.
/// </summary>
public abstract partial class ViewDatabase : IAsyncDisposable
{
    public abstract SqlDialect Dialect { get; }

    /// <summary>Where, for messages: the file or the server.</summary>
    public abstract string Where { get; }

    public static ViewDatabase For(IEventStore store) => store switch
    {
        SqliteEventStore s => new SqliteViewDatabase(ViewsFileOf(s.Path)),
        PostgresEventStore p => new PostgresViewDatabase(p.ConnectionString),
        _ => throw new ArgumentException($"No view database for {store.GetType().Name}."),
    };

    /// <summary><c>data/saraban.db</c> keeps its views in <c>data/saraban.views.db</c>.</summary>
    public static string ViewsFileOf(string logPath) =>
        Path.Combine(Path.GetDirectoryName(logPath) ?? "", Path.GetFileNameWithoutExtension(logPath) + ".views.db");

    /// <summary>Creates the views' own bookkeeping tables when missing; safe from several processes at once.</summary>
    public abstract Task InitializeAsync(CancellationToken ct);

    /// <summary>A write transaction; on SQLite it holds the views file's write lock until it ends.</summary>
    internal abstract Task<ViewTransaction> BeginAsync(CancellationToken ct);

    /// <summary>A write transaction that no other process's schema change runs beside (creating or dropping a generation).</summary>
    internal abstract Task<ViewTransaction> BeginExclusiveAsync(CancellationToken ct);

    /// <summary>A read outside any write: sees committed batches only.</summary>
    internal abstract Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, object?[] args, CancellationToken ct);

    /// <summary>Whether the error says a table is missing: a generation was dropped under a reader.</summary>
    internal abstract bool IsMissingTable(Exception ex);

    /// <summary>A CREATE statement as this database needs it (PostgreSQL names pg_trgm's schema).</summary>
    internal virtual string SchemaStatement(string sql) => sql;

    private readonly ConcurrentDictionary<string, bool> _created = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs a <c>CREATE TABLE IF NOT EXISTS</c> of a table kept beside the views (work leases, sign-in
    /// failures) once in this process, under the schema lock: two nodes creating it at once would
    /// collide on PostgreSQL's catalog.
    /// </summary>
    internal async Task EnsureTableAsync(string createSql, CancellationToken ct)
    {
        if (_created.ContainsKey(createSql)) return;
        await using var create = await BeginExclusiveAsync(ct);
        create.Execute(createSql, []);
        await create.CommitAsync(ct);
        _created[createSql] = true;
    }

    /// <summary>Whether this process made sure of the table (<see cref="EnsureTableAsync"/>).</summary>
    internal bool Ensured(string createSql) => _created.ContainsKey(createSql);

    public abstract ValueTask DisposeAsync();

    /// <summary>
    /// After a destruction: rewrites the views' storage so the rows and index entries it changed
    /// leave nothing of the old text in the files. PostgreSQL's old row versions go with its own
    /// VACUUM (autovacuum), which no session can force to overwrite them short of VACUUM FULL: none here.
    /// </summary>
    public virtual Task CompactAsync(CancellationToken ct = default) => Task.CompletedTask;

    internal const string StateTable = """
        CREATE TABLE IF NOT EXISTS view_state (
            name           TEXT    NOT NULL,
            generation     INTEGER NOT NULL,
            schema_version INTEGER NOT NULL,
            status         TEXT    NOT NULL,
            position       BIGINT  NOT NULL,
            applied        BIGINT  NOT NULL,
            owner          TEXT,
            lease_until    BIGINT,
            updated_at     BIGINT  NOT NULL,
            PRIMARY KEY (name, generation))
        """;

    internal const string ErrorTable = """
        CREATE TABLE IF NOT EXISTS view_errors (
            name       TEXT    NOT NULL,
            generation INTEGER NOT NULL,
            position   BIGINT  NOT NULL,
            stream_id  TEXT    NOT NULL,
            event_type TEXT    NOT NULL,
            error      TEXT    NOT NULL,
            at         BIGINT  NOT NULL,
            PRIMARY KEY (name, generation, position))
        """;
}

/// <summary>A write transaction on the views' tables: statements queue until a query or the commit sends them.</summary>
internal abstract class ViewTransaction : IAsyncDisposable
{
    public abstract void Execute(string sql, object?[] args);

    public abstract ValueTask<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, object?[] args, CancellationToken ct);

    public abstract ValueTask CommitAsync(CancellationToken ct);

    /// <summary>Rolls back unless committed.</summary>
    /// <summary>A CREATE statement as this database needs it (PostgreSQL names pg_trgm's schema).</summary>
    internal virtual string SchemaStatement(string sql) => sql;

    public abstract ValueTask DisposeAsync();
}

/// <summary>Which generation of each view a statement names: <c>{registers.incoming}</c> → <c>v_registers_2_incoming</c>.</summary>
internal sealed partial class TableNames(IReadOnlyDictionary<string, int> generations)
{
    private readonly ConcurrentDictionary<string, string> _expanded = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> Generations => generations;

    public static string Table(string view, int generation, string table) => $"v_{view}_{generation}_{table}";

    public string Expand(string sql) => _expanded.GetOrAdd(sql, s => Placeholder().Replace(s, m =>
        generations.TryGetValue(m.Groups[1].Value, out var g)
            ? Table(m.Groups[1].Value, g, m.Groups[2].Value)
            : throw new InvalidOperationException($"The view '{m.Groups[1].Value}' is not readable here (statement: {s})")));

    [GeneratedRegex(@"\{([a-z_]+)\.([a-z_]+)\}")]
    private static partial Regex Placeholder();
}
