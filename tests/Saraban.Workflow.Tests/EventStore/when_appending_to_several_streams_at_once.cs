using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Tests.EventStore;

/// <summary>How a letter and the running number it takes are recorded: together or not at all.</summary>
public abstract class when_appending_to_several_streams_at_once(Backend backend)
{
    [Fact]
    public async Task all_streams_get_their_events_in_one_step()
    {
        await using var store = await backend.NewStoreAsync();
        await store.AppendAsync("numbers", ExpectedVersion.NoStream, [Events.New()]);

        var results = await store.AppendAsync([
            new StreamAppend("numbers", ExpectedVersion.Exactly(1), [Events.New()]),
            new StreamAppend("letter-7", ExpectedVersion.NoStream, Events.Many(2)),
        ]);

        Assert.Equal([2L, 2L], results.Select(r => r.StreamVersion));
        var all = await store.ReadAll();
        Assert.Equal(["numbers", "numbers", "letter-7", "letter-7"], all.Select(e => e.StreamId));
        Assert.True((await store.VerifyAsync()).Holds);
    }

    [Fact]
    public async Task one_stale_stream_writes_nothing_anywhere()
    {
        await using var store = await backend.NewStoreAsync();
        await store.AppendAsync("numbers", ExpectedVersion.NoStream, Events.Many(3));

        var ex = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => store.AppendAsync([
            new StreamAppend("letter-7", ExpectedVersion.NoStream, [Events.New()]),
            new StreamAppend("numbers", ExpectedVersion.Exactly(2), [Events.New()]),
        ]));

        Assert.Equal("numbers", ex.StreamId);
        Assert.Empty(await store.ReadStreamAsync("letter-7"));
        Assert.Equal(3, (await store.ReadAll()).Count);
    }

    [Fact]
    public async Task resending_the_whole_append_writes_nothing_twice()
    {
        await using var store = await backend.NewStoreAsync();
        StreamAppend[] appends = [
            new("numbers", ExpectedVersion.NoStream, [Events.New()]),
            new("letter-7", ExpectedVersion.NoStream, Events.Many(2)),
        ];
        await store.AppendAsync(appends);

        var again = await store.AppendAsync(appends);

        Assert.All(again, r => Assert.True(r.AlreadyStored));
        Assert.Equal(3, (await store.ReadAll()).Count);
    }

    [Fact]
    public async Task a_stream_named_twice_is_refused()
    {
        await using var store = await backend.NewStoreAsync();

        await Assert.ThrowsAsync<EventStoreException>(() => store.AppendAsync([
            new StreamAppend("a", ExpectedVersion.Any, [Events.New()]),
            new StreamAppend("a", ExpectedVersion.Any, [Events.New()]),
        ]));
        Assert.Empty(await store.ReadAll());
    }

    [Fact]
    public async Task clerks_racing_for_the_next_number_never_share_or_skip_one()
    {
        await using var store = await backend.NewStoreAsync();

        // Each clerk takes the counter stream's next version for its letter, retrying on conflict.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(clerk => Task.Run(async () =>
        {
            for (int i = 0; i < 15; i++)
            {
                while (true)
                {
                    var taken = (await store.ReadStreamAsync("numbers")).Count;
                    try
                    {
                        await store.AppendAsync([
                            new StreamAppend("numbers", ExpectedVersion.Exactly(taken), [Events.New(data: $$"""{"n":{{taken + 1}}}""")]),
                            new StreamAppend($"letter-{clerk}-{i}", ExpectedVersion.NoStream, [Events.New(data: $$"""{"n":{{taken + 1}}}""")]),
                        ]);
                        break;
                    }
                    catch (WrongExpectedVersionException) { }
                }
            }
        })));

        var numbers = (await store.ReadStreamAsync("numbers")).Select(e => e.Data).ToList();
        Assert.Equal(Enumerable.Range(1, 90).Select(n => $$"""{"n":{{n}}}"""), numbers);
        var letters = (await store.ReadAll()).Where(e => e.StreamId.StartsWith("letter-")).Select(e => e.Data).Order().ToList();
        Assert.Equal(numbers.Order(), letters);
    }
}

public sealed class when_appending_to_several_streams_at_once_on_sqlite() : when_appending_to_several_streams_at_once(new SqliteBackend());
public sealed class when_appending_to_several_streams_at_once_on_postgres() : when_appending_to_several_streams_at_once(new PostgresBackend());
