using Saraban.Workflow.EventStore.Postgres;
using Saraban.Workflow.EventStore.Sqlite;
using Saraban.Workflow.Projections;

namespace Saraban.Workflow.EventStore;

/// <summary>Which database to use: the embedded SQLite file by default, PostgreSQL when a connection string is given.</summary>
public sealed record StoreOptions(string? SqlitePath, string? PostgresConnectionString)
{
    public const string DefaultSqlitePath = "data/saraban.db";

    public string Backend => PostgresConnectionString is null ? "sqlite" : "postgres";

    public IEventStore CreateEventStore(TimeProvider? clock = null) => PostgresConnectionString is { } pg
        ? new PostgresEventStore(pg, clock)
        : new SqliteEventStore(SqlitePath ?? DefaultSqlitePath, clock);

    public static IProjectionStorage ProjectionStorageFor(IEventStore store) => store switch
    {
        SqliteEventStore s => new SqliteProjectionStorage(s.Connections),
        PostgresEventStore p => new PostgresProjectionStorage(p.DataSource),
        _ => throw new ArgumentException($"No projection storage for {store.GetType().Name}."),
    };
}
