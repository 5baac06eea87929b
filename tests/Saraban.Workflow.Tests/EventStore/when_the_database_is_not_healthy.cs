using Saraban.Workflow.EventStore;
using Saraban.Workflow.EventStore.Postgres;
using Saraban.Workflow.EventStore.Sqlite;

namespace Saraban.Workflow.Tests.EventStore;

public sealed class when_the_database_is_not_healthy
{
    [Fact]
    public async Task a_corrupted_sqlite_file_is_reported_and_left_untouched()
    {
        var path = Path.Combine(global::Saraban.Tests.Shared.Scratch.Folder, Guid.NewGuid().ToString("N") + ".db");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var garbage = Enumerable.Range(0, 8192).Select(i => (byte)(i * 31 % 251)).ToArray();
        await File.WriteAllBytesAsync(path, garbage);

        await using var store = new SqliteEventStore(path);
        var ex = await Assert.ThrowsAsync<EventStoreCorruptException>(() => store.InitializeAsync());

        Assert.Contains(path, ex.Message);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task a_sqlite_file_damaged_after_use_is_reported_on_read()
    {
        var path = Path.Combine(global::Saraban.Tests.Shared.Scratch.Folder, Guid.NewGuid().ToString("N") + ".db");
        await using (var store = new SqliteEventStore(path))
        {
            await store.InitializeAsync();
            await store.AppendAsync("s", ExpectedVersion.Any, Events.Many(500));
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using (var f = File.Open(path, FileMode.Open))
        {
            f.Position = 0;
            f.Write(new byte[100]); // wipe the header
        }

        await using var reopened = new SqliteEventStore(path);
        await Assert.ThrowsAsync<EventStoreCorruptException>(async () => { await reopened.InitializeAsync(); await reopened.ReadAll(); });
    }

    [Fact]
    public async Task an_unreachable_postgres_is_one_clear_error()
    {
        await using var store = new PostgresEventStore("Host=127.0.0.1;Port=1;Username=x;Password=y;Database=saraban;Timeout=2");

        var ex = await Assert.ThrowsAsync<EventStoreUnavailableException>(() => store.InitializeAsync());

        Assert.StartsWith("Cannot reach PostgreSQL at 127.0.0.1:1/saraban", ex.Message);
        await Assert.ThrowsAsync<EventStoreUnavailableException>(() => store.AppendAsync("s", ExpectedVersion.Any, [Events.New()]));
    }

    [Fact]
    public async Task starting_two_nodes_on_one_new_postgres_schema_migrates_once()
    {
        var cs = await PostgresBackend.NewSchemaAsync();
        await using var a = new PostgresEventStore(cs);
        await using var b = new PostgresEventStore(cs);

        await Task.WhenAll(a.InitializeAsync(), b.InitializeAsync(), a.InitializeAsync());
        await a.AppendAsync("s", ExpectedVersion.NoStream, [Events.New()]);

        Assert.Single(await b.ReadStreamAsync("s"));
    }
}
