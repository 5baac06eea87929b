using System.Data.Common;
using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Views;

public enum SqlDialect { Sqlite, Postgres }

/// <summary>
/// A stored view: relational tables fed from the log, which pages and the API query by index, so
/// a page reads a bounded number of rows whatever the log's length. The daemon applies events in
/// batches and commits each batch's rows with the view's checkpoint in one transaction.
/// </summary>
/// <remarks>
/// SQL names tables as <c>{view.table}</c> (expanded to the generation being read or written) and
/// parameters as <c>$1, $2…</c>, which both SQLite and PostgreSQL accept.
/// </remarks>
public interface IView
{
    /// <summary>Stable name: <c>views status</c> and <c>views rebuild</c> use it.</summary>
    string Name { get; }

    /// <summary>Raised whenever the tables or what Apply writes change: a node with a newer version rebuilds the view beside the old one.</summary>
    int SchemaVersion { get; }

    /// <summary>The view's tables (logical names), so a retired generation can be dropped.</summary>
    IReadOnlyList<string> Tables { get; }

    /// <summary>CREATE statements, naming tables as <c>{view.table}</c>.</summary>
    IReadOnlyList<string> Schema(SqlDialect dialect);

    /// <summary>Whether Apply does anything with this type: other events only move the checkpoint.</summary>
    bool Handles(string eventType);

    ValueTask ApplyAsync(RecordedEvent e, ViewWriter w, CancellationToken ct);

    /// <summary>Called once at the start of each batch with its events: to read in a few queries what applying them needs.</summary>
    ValueTask PrepareAsync(IReadOnlyList<RecordedEvent> events, ViewWriter w, CancellationToken ct) => ValueTask.CompletedTask;

    /// <summary>Called once at the end of each batch, before its commit: to write what the batch gathered (<see cref="ViewWriter.Batch{T}"/>).</summary>
    ValueTask CompleteAsync(ViewWriter w, CancellationToken ct) => ValueTask.CompletedTask;
}

/// <summary>One batch's writes: statements wait to be sent together; a query first sends what waits.</summary>
public sealed class ViewWriter
{
    private readonly ViewTransaction _tx;
    private readonly TableNames _names;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, object> _decoded;
    private readonly Dictionary<Type, object> _batch = new();

    internal ViewWriter(ViewTransaction tx, TableNames names, SqlDialect dialect, System.Collections.Concurrent.ConcurrentDictionary<long, object> decoded)
    {
        _tx = tx;
        _names = names;
        Dialect = dialect;
        _decoded = decoded;
    }

    public SqlDialect Dialect { get; }

    /// <summary>The event as its type, deserialized once for all the views that apply the same page.</summary>
    public object Decode(RecordedEvent e, EventTypes types)
    {
        return _decoded.GetOrAdd(e.Position, static (_, x) => x.types.Deserialize(x.e), (types, e));
    }

    /// <summary>State a view gathers over one batch (counters to add up, say), gone with the batch if it rolls back.</summary>
    public T Batch<T>() where T : class, new()
    {
        if (!_batch.TryGetValue(typeof(T), out var state)) _batch[typeof(T)] = state = new T();
        return (T)state;
    }

    public void Execute(string sql, params object?[] args) => _tx.Execute(_names.Expand(sql), args);

    /// <summary>
    /// Many rows of one shape: on PostgreSQL one statement for all of them, <paramref name="bulkSql"/>, its
    /// <c>$1…$n</c> each an array of one column (of <paramref name="columns"/>' types) to <c>unnest</c>; on SQLite,
    /// where a statement costs no round trip, <paramref name="rowSql"/> once a row. The views' plans are
    /// custom (made for each execution), so a batch of 2,000 lines made 2,000 plans where it now makes one.
    /// </summary>
    public void ExecuteRows(string rowSql, string bulkSql, IReadOnlyList<ColumnType> columns, IReadOnlyCollection<object?[]> rows)
    {
        if (rows.Count == 0) return;
        if (Dialect == SqlDialect.Sqlite || rows.Count == 1)
        {
            foreach (var row in rows) Execute(rowSql, row);
            return;
        }
        var arrays = new object?[columns.Count];
        for (int c = 0; c < columns.Count; c++)
            arrays[c] = columns[c] switch
            {
                ColumnType.Bigint => rows.Select(r => r[c] is null ? (long?)null : Convert.ToInt64(r[c])).ToArray(),
                ColumnType.Integer => rows.Select(r => r[c] is null ? (int?)null : Convert.ToInt32(r[c])).ToArray(),
                _ => (object)rows.Select(r => (string?)r[c]).ToArray(),
            };
        Execute(bulkSql, arrays);
    }

    public ValueTask<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken ct, params object?[] args) =>
        _tx.QueryAsync(_names.Expand(sql), map, args, ct);
}

/// <summary>A column's type in <see cref="ViewWriter.ExecuteRows"/>: what its values are sent to PostgreSQL as.</summary>
public enum ColumnType { Bigint, Integer, Text }

/// <summary>Reads of the stored views, naming tables as <c>{view.table}</c>; each read sees whole batches only.</summary>
public interface IViewReader
{
    SqlDialect Dialect { get; }

    Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken ct, params object?[] args);
}

public static class ViewReaderExtensions
{
    public static async Task<T?> FirstAsync<T>(this IViewReader reader, string sql, Func<DbDataReader, T> map, CancellationToken ct, params object?[] args) where T : class =>
        (await reader.QueryAsync(sql, map, ct, args)).FirstOrDefault();

    public static string? Text(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    public static long? Long(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
    public static int? Int(this DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToInt32(r.GetValue(i));
    public static DateTimeOffset? Time(this DbDataReader r, int i) => r.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));
}
