using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Tests.EventStore;

public abstract class when_appending_to_streams(Backend backend)
{
    [Fact]
    public async Task events_read_back_in_order_with_their_metadata()
    {
        await using var store = await backend.NewStoreAsync();
        var cause = Guid.NewGuid();
        var meta = new EventMetadata("clerk-7", "dist-5301", Guid.NewGuid(), cause);
        var sent = new[] { new EventData(Guid.NewGuid(), "letter-registered", """{"subject":"การประชุม"}""", meta), Events.New() };

        var result = await store.AppendAsync("letter-1", ExpectedVersion.NoStream, sent);

        Assert.Equal(2, result.StreamVersion);
        var read = await store.ReadStreamAsync("letter-1");
        Assert.Equal([1L, 2L], read.Select(e => e.Version));
        Assert.Equal(sent.Select(e => e.EventId), read.Select(e => e.EventId));
        Assert.Equal("""{"subject":"การประชุม"}""", read[0].Data);
        Assert.Equal(meta, read[0].Metadata);
        Assert.InRange(read[0].RecordedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task a_stale_expected_version_is_refused_and_nothing_is_written()
    {
        await using var store = await backend.NewStoreAsync();
        await store.AppendAsync("s", ExpectedVersion.NoStream, Events.Many(2));

        var ex = await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            store.AppendAsync("s", ExpectedVersion.Exactly(1), [Events.New()]));

        Assert.Equal(2, ex.Actual);
        Assert.Contains("version 2", ex.Message);
        Assert.Equal(2, (await store.ReadStreamAsync("s")).Count);
        Assert.Equal(2, (await store.ReadAll()).Count);
    }

    [Fact]
    public async Task expecting_a_version_the_stream_has_not_reached_is_refused()
    {
        await using var store = await backend.NewStoreAsync();
        await store.AppendAsync("s", ExpectedVersion.NoStream, [Events.New()]);

        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => store.AppendAsync("s", ExpectedVersion.Exactly(3), [Events.New()]));
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => store.AppendAsync("s", ExpectedVersion.NoStream, [Events.New()]));
        Assert.Single(await store.ReadStreamAsync("s"));
    }

    [Fact]
    public async Task resending_the_same_events_appends_nothing_twice()
    {
        await using var store = await backend.NewStoreAsync();
        var events = Events.Many(3);
        await store.AppendAsync("s", ExpectedVersion.NoStream, events);

        var again = await store.AppendAsync("s", ExpectedVersion.NoStream, events);
        var againAny = await store.AppendAsync("s", ExpectedVersion.Any, events);

        Assert.True(again.AlreadyStored);
        Assert.True(againAny.AlreadyStored);
        Assert.Equal(3, again.StreamVersion);
        Assert.Equal(3, (await store.ReadAll()).Count);
    }

    [Fact]
    public async Task an_event_id_used_in_another_stream_is_refused()
    {
        await using var store = await backend.NewStoreAsync();
        var e = Events.New();
        await store.AppendAsync("a", ExpectedVersion.Any, [e]);

        await Assert.ThrowsAsync<DuplicateEventIdException>(() => store.AppendAsync("b", ExpectedVersion.Any, [Events.New(), e]));

        Assert.Empty(await store.ReadStreamAsync("b"));
        Assert.Single(await store.ReadAll());
    }

    [Fact]
    public async Task an_event_over_four_mebibytes_is_refused_before_anything_is_stored()
    {
        await using var store = await backend.NewStoreAsync();
        var huge = Events.New(data: "\"" + new string('ก', 1_400_000) + "\""); // 3 bytes each in UTF-8

        var ex = await Assert.ThrowsAsync<EventTooLargeException>(() => store.AppendAsync("s", ExpectedVersion.Any, [Events.New(), huge]));

        Assert.Contains("4 MiB", ex.Message);
        Assert.Empty(await store.ReadAll());
    }

    [Fact]
    public async Task writers_racing_on_one_stream_with_any_version_get_distinct_versions()
    {
        await using var store = await backend.NewStoreAsync();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < 25; i++) await store.AppendAsync("hot", ExpectedVersion.Any, [Events.New()]);
        })));

        var versions = (await store.ReadStreamAsync("hot")).Select(e => e.Version).ToList();
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), versions);
    }

    [Fact]
    public async Task writers_racing_with_the_same_expected_version_let_exactly_one_win()
    {
        await using var store = await backend.NewStoreAsync();
        await store.AppendAsync("letter", ExpectedVersion.NoStream, [Events.New()]);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            try { await store.AppendAsync("letter", ExpectedVersion.Exactly(1), [Events.New()]); return true; }
            catch (WrongExpectedVersionException) { return false; }
        })));

        Assert.Single(outcomes, won => won);
        Assert.Equal(2, (await store.ReadStreamAsync("letter")).Count);
    }
}

public sealed class when_appending_to_streams_on_sqlite() : when_appending_to_streams(new SqliteBackend());
public sealed class when_appending_to_streams_on_postgres() : when_appending_to_streams(new PostgresBackend());
