using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Tests.EventStore;

public abstract class when_reading_the_global_log(Backend backend)
{
    [Fact]
    public async Task all_events_come_once_in_one_dense_order_across_streams()
    {
        await using var store = await backend.NewStoreAsync();
        await store.AppendAsync("a", ExpectedVersion.Any, Events.Many(2));
        await store.AppendAsync("b", ExpectedVersion.Any, Events.Many(3));
        await store.AppendAsync("a", ExpectedVersion.Any, Events.Many(1));

        var all = await store.ReadAll();

        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), all.Select(e => e.Position));
        Assert.Equal(["a", "a", "b", "b", "b", "a"], all.Select(e => e.StreamId));
        Assert.Equal(6, await store.HeadPositionAsync());
    }

    [Fact]
    public async Task reading_from_a_position_returns_only_what_follows_it()
    {
        await using var store = await backend.NewStoreAsync();
        await store.AppendAsync("a", ExpectedVersion.Any, Events.Many(5));

        var tail = await store.ReadAllAsync(3, 10);
        var page = await store.ReadAllAsync(0, 2);

        Assert.Equal([4L, 5L], tail.Select(e => e.Position));
        Assert.Equal([1L, 2L], page.Select(e => e.Position));
    }

    [Fact]
    public async Task many_concurrent_writers_lose_nothing_and_duplicate_nothing()
    {
        await using var store = await backend.NewStoreAsync();
        var written = new System.Collections.Concurrent.ConcurrentBag<Guid>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (int i = 0; i < 50; i++)
            {
                var e = Events.New();
                await store.AppendAsync($"letter-{w}-{i % 7}", ExpectedVersion.Any, [e]);
                written.Add(e.EventId);
            }
        })));

        var all = await store.ReadAll();
        Assert.Equal(written.Order(), all.Select(e => e.EventId).Order());
        Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), all.Select(e => e.Position));
    }

    [Fact]
    public async Task stream_reads_carry_the_global_position()
    {
        await using var store = await backend.NewStoreAsync();
        await store.AppendAsync("a", ExpectedVersion.Any, Events.Many(1));
        await store.AppendAsync("b", ExpectedVersion.Any, Events.Many(1));
        await store.ReadAll(); // on PostgreSQL, sealing assigns positions

        var b = await store.ReadStreamAsync("b");

        Assert.Equal(2, b.Single().Position);
    }
}

public sealed class when_reading_the_global_log_on_sqlite() : when_reading_the_global_log(new SqliteBackend());
public sealed class when_reading_the_global_log_on_postgres() : when_reading_the_global_log(new PostgresBackend());
