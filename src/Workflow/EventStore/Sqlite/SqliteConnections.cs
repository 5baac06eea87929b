using Microsoft.Data.Sqlite;

namespace Saraban.Workflow.EventStore.Sqlite;

/// <summary>Opens connections to one database file with the settings every connection needs.</summary>
internal sealed class SqliteConnections(string path)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public string Path { get; } = path;

    public SqliteConnection Open()
    {
        var c = new SqliteConnection(_connectionString);
        try
        {
            c.Open();
            // FULL: a commit is on disk before the append returns (durable, not just crash-safe). secure_delete:
            // space freed in a page (a destruction's erasures, cells moved when a page splits) is zeroed, so
            // erased content leaves no copy in the file; an append-only log frees almost nothing, so it costs nothing.
            Execute(c, "PRAGMA busy_timeout = 30000; PRAGMA synchronous = FULL; PRAGMA secure_delete = ON;");
            return c;
        }
        catch (SqliteException ex)
        {
            c.Dispose();
            throw Translate(ex, Path);
        }
    }

    public static void Execute(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>Turns SQLite's error codes into the store's own errors, naming the file.</summary>
    public static Exception Translate(SqliteException ex, string path) => ex.SqliteErrorCode switch
    {
        26 /* SQLITE_NOTADB */ or 11 /* SQLITE_CORRUPT */ =>
            new EventStoreCorruptException($"The database file {path} is damaged or is not a Saraban database ({ex.Message.TrimEnd('.')}); it was left untouched. Restore it from a backup.", ex),
        13 /* SQLITE_FULL */ =>
            new EventStoreUnavailableException($"The disk holding {path} is full: nothing of this write was stored. Free some space and try again ({ex.Message.TrimEnd('.')}).", ex),
        14 /* SQLITE_CANTOPEN */ =>
            new EventStoreUnavailableException($"Cannot open the database file {path}: {ex.Message}", ex),
        _ => ex,
    };
}
