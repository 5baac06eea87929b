using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Tests.EventStore;

/// <summary>How a command loads its letter and the letter's routing together.</summary>
public abstract class when_reading_several_streams_at_once(Backend backend)
{
    [Fact]
    public async Task each_stream_comes_back_whole_and_in_order()
    {
        await using var store = await backend.NewStoreAsync();
        await store.AppendAsync("letter", ExpectedVersion.NoStream, Events.Many(3));
        await store.AppendAsync("routing", ExpectedVersion.NoStream, Events.Many(2));
        await store.AppendAsync("other", ExpectedVersion.NoStream, Events.Many(1));
        await store.AppendAsync("letter", ExpectedVersion.Exactly(3), Events.Many(1));

        var read = await store.ReadStreamsAsync(["routing", "letter"]);

        Assert.Equal(["letter", "routing"], read.Keys.Order());
        Assert.Equal(await store.ReadStreamAsync("letter"), read["letter"]);
        Assert.Equal(await store.ReadStreamAsync("routing"), read["routing"]);
        Assert.Equal([1L, 2L, 3L, 4L], read["letter"].Select(e => e.Version));
    }

    [Fact]
    public async Task a_stream_that_does_not_exist_is_there_and_empty()
    {
        await using var store = await backend.NewStoreAsync();
        await store.AppendAsync("letter", ExpectedVersion.NoStream, Events.Many(1));

        var read = await store.ReadStreamsAsync(["letter", "no-such-stream"]);

        Assert.Single(read["letter"]);
        Assert.Empty(read["no-such-stream"]);
    }

    [Fact]
    public async Task a_stream_named_twice_is_read_once()
    {
        await using var store = await backend.NewStoreAsync();
        await store.AppendAsync("letter", ExpectedVersion.NoStream, Events.Many(2));

        var read = await store.ReadStreamsAsync(["letter", "letter"]);

        Assert.Equal(2, read["letter"].Count);
    }
}

public sealed class when_reading_several_streams_at_once_on_sqlite() : when_reading_several_streams_at_once(new SqliteBackend());
public sealed class when_reading_several_streams_at_once_on_postgres() : when_reading_several_streams_at_once(new PostgresBackend());
