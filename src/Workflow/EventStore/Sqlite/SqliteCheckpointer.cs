using Microsoft.Data.Sqlite;

namespace Saraban.Workflow.EventStore.Sqlite;

/// <summary>
/// Copies the WAL back into the database file from a thread of its own. Left to SQLite, the commit
/// that crosses <c>wal_autocheckpoint</c> does the copy and two extra fsyncs before its caller is
/// answered: every few hundred appends one of them waits milliseconds. Here the writer only counts
/// its commits and wakes this thread; a PASSIVE checkpoint never takes the write lock, so appends go
/// on meanwhile. Nothing about durability changes: a commit is durable once its WAL frames are
/// synced, whoever copies them later (and the copy syncs the WAL and the database file itself, as
/// the connection is synchronous=FULL).
/// </summary>
internal sealed class SqliteCheckpointer : IDisposable
{
    /// <summary>Events committed between wake-ups: 3–4 WAL pages each, so about SQLite's own 1,000-page default.</summary>
    internal const int EventsPerCheckpoint = 250;

    /// <summary>
    /// The writer's own autocheckpoint, kept as a backstop. A passive checkpoint cannot restart the
    /// WAL while appends keep coming (the writer restarts it when it finds everything copied), so
    /// the WAL grows to this many pages; then the writer's commit copies the few pages left and the
    /// WAL starts over. Four times SQLite's default: 16 MB with 4 KiB pages.
    /// </summary>
    internal const int WriterBackstopPages = 4000;

    private readonly SqliteConnections _connections;
    private readonly object _gate = new();
    private Thread? _thread;
    private int _sinceWake;
    private bool _wanted, _stopping;

    public SqliteCheckpointer(SqliteConnections connections) => _connections = connections;

    /// <summary>Called by the writer after each committed group; cheap unless it is time to wake the thread.</summary>
    public void Committed(int events)
    {
        _sinceWake += events; // only the writer calls this, one group at a time
        if (_sinceWake < EventsPerCheckpoint) return;
        _sinceWake = 0;
        lock (_gate)
        {
            if (_stopping) return;
            _wanted = true;
            if (_thread is null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = "sqlite-checkpoint" };
                _thread.Start();
            }
            else Monitor.Pulse(_gate);
        }
    }

    private void Run()
    {
        SqliteConnection? c = null;
        try
        {
            while (true)
            {
                lock (_gate)
                {
                    while (!_wanted && !_stopping) Monitor.Wait(_gate);
                    if (_stopping) return;
                    _wanted = false;
                }
                try
                {
                    c ??= _connections.Open();
                    SqliteConnections.Execute(c, "PRAGMA wal_checkpoint(PASSIVE);");
                }
                catch (Exception ex) when (ex is SqliteException or EventStoreException)
                {
                    // Nothing is lost: the frames stay in the WAL, readers still see them, and the
                    // writer's backstop copies them. Start afresh with a new connection next time.
                    c?.Dispose();
                    c = null;
                }
            }
        }
        finally { c?.Dispose(); }
    }

    public void Dispose()
    {
        Thread? thread;
        lock (_gate)
        {
            _stopping = true;
            thread = _thread;
            Monitor.Pulse(_gate);
        }
        thread?.Join();
    }
}
