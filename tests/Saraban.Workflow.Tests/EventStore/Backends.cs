using Microsoft.Data.Sqlite;
using Npgsql;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.EventStore.Postgres;
using Saraban.Workflow.EventStore.Sqlite;

namespace Saraban.Workflow.Tests.EventStore;

/// <summary>A fresh, empty store per test, and a way to reach under it to tamper like an attacker would.</summary>
public abstract class Backend
{
    public abstract Task<IEventStore> NewStoreAsync(TimeProvider? clock = null);
    public abstract Task ExecuteRawAsync(IEventStore store, string sql);
}

public sealed class SqliteBackend : Backend
{
    public override async Task<IEventStore> NewStoreAsync(TimeProvider? clock = null)
    {
        var path = Path.Combine(global::Saraban.Tests.Shared.Scratch.Folder, Guid.NewGuid().ToString("N") + ".db");
        var store = new SqliteEventStore(path, clock);
        await store.InitializeAsync();
        return store;
    }

    public override Task ExecuteRawAsync(IEventStore store, string sql)
    {
        using var c = new SqliteConnection($"Data Source={((SqliteEventStore)store).Path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Each test gets its own schema in the database named by SARABAN_POSTGRES. No server means the
/// tests fail, loudly: `./saraban test` starts one.
/// </summary>
public sealed class PostgresBackend : Backend
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("SARABAN_POSTGRES") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException("SARABAN_POSTGRES is not set: PostgreSQL tests need a server (./saraban test starts one).");

    public static async Task<string> NewSchemaAsync()
    {
        var schema = global::Saraban.Tests.Shared.LeftoverSchemas.NewName();
        await using (var c = new NpgsqlConnection(ConnectionString))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE SCHEMA {schema}", c);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;
    }

    public override async Task<IEventStore> NewStoreAsync(TimeProvider? clock = null)
    {
        var store = new PostgresEventStore(await NewSchemaAsync(), clock);
        await store.InitializeAsync();
        return store;
    }

    public override async Task ExecuteRawAsync(IEventStore store, string sql)
    {
        await using var cmd = ((PostgresEventStore)store).DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }
}

internal static class Events
{
    public static readonly EventMetadata Clerk = new("clerk-1", "prov-53", Guid.NewGuid(), null);

    public static EventData New(string type = "test-happened", string data = """{"n":1}""", Guid? id = null) =>
        new(id ?? Guid.NewGuid(), type, data, Clerk);

    public static EventData[] Many(int n) => Enumerable.Range(1, n).Select(i => New(data: $$"""{"n":{{i}}}""")).ToArray();

    public static async Task<List<RecordedEvent>> ReadAll(this IEventStore store)
    {
        var all = new List<RecordedEvent>();
        while (true)
        {
            var batch = await store.ReadAllAsync(all.Count == 0 ? 0 : all[^1].Position, 1000);
            if (batch.Count == 0) return all;
            all.AddRange(batch);
        }
    }
}
