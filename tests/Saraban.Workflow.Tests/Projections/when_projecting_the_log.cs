using System.Text.Json;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Projections;
using Saraban.Workflow.Tests.EventStore;

namespace Saraban.Workflow.Tests.Projections;

/// <summary>Counts events per stream, and remembers the last one: enough state to tell a skipped or doubled event.</summary>
internal sealed class EventsPerStream : IProjection
{
    public sealed record Tally(int Count, long LastPosition, List<int> Ns);

    public string Name => "events-per-stream";

    public async ValueTask ApplyAsync(RecordedEvent e, ProjectionSession session, CancellationToken ct)
    {
        var t = await session.GetAsync<Tally>(e.StreamId, ct) ?? new Tally(0, 0, []);
        var n = JsonDocument.Parse(e.Data).RootElement.GetProperty("n").GetInt32();
        session.Put(e.StreamId, t with { Count = t.Count + 1, LastPosition = e.Position, Ns = [.. t.Ns, n] });
    }
}

public abstract class when_projecting_the_log(Backend backend)
{
    [Fact]
    public async Task a_projection_catches_up_and_stores_its_checkpoint()
    {
        await using var store = await backend.NewStoreAsync();
        var storage = StoreOptions.ProjectionStorageFor(store);
        await store.AppendAsync("a", ExpectedVersion.Any, Events.Many(3));
        await store.AppendAsync("b", ExpectedVersion.Any, Events.Many(2));

        var checkpoint = await new ProjectionRunner(store, storage, new EventsPerStream(), batchSize: 2).CatchUpAsync();

        Assert.Equal(5, checkpoint);
        Assert.Equal(5, await storage.CheckpointAsync("events-per-stream", default));
        var docs = await storage.ListAsync("events-per-stream", "", default);
        Assert.Equal(["a", "b"], docs.Select(d => d.Key));
        Assert.Contains("\"count\":3", docs[0].Value);
    }

    [Fact]
    public async Task a_second_runner_resumes_from_the_checkpoint_without_repeating()
    {
        await using var store = await backend.NewStoreAsync();
        var storage = StoreOptions.ProjectionStorageFor(store);
        await store.AppendAsync("a", ExpectedVersion.Any, Events.Many(3));
        await new ProjectionRunner(store, storage, new EventsPerStream()).CatchUpAsync();
        await store.AppendAsync("a", ExpectedVersion.Any, Events.Many(2));

        await new ProjectionRunner(store, storage, new EventsPerStream()).CatchUpAsync();

        var a = JsonSerializer.Deserialize<EventsPerStream.Tally>((await storage.LoadAsync("events-per-stream", "a", default))!, EventTypes.Json)!;
        Assert.Equal(5, a.Count);
        Assert.Equal([1, 2, 3, 1, 2], a.Ns);
    }

    [Fact]
    public async Task rebuilding_from_zero_gives_exactly_the_live_state()
    {
        await using var store = await backend.NewStoreAsync();
        var storage = StoreOptions.ProjectionStorageFor(store);
        var runner = new ProjectionRunner(store, storage, new EventsPerStream(), batchSize: 7);
        for (int i = 0; i < 10; i++)
        {
            await store.AppendAsync($"s{i % 3}", ExpectedVersion.Any, Events.Many(i % 4 + 1));
            if (i % 3 == 0) await runner.CatchUpAsync();
        }
        await runner.CatchUpAsync();
        var live = await storage.ListAsync("events-per-stream", "", default);

        await runner.RebuildAsync();

        Assert.Equal(live, await storage.ListAsync("events-per-stream", "", default));
    }

    [Fact]
    public async Task a_projection_running_beside_busy_writers_sees_every_event_once()
    {
        await using var store = await backend.NewStoreAsync();
        var storage = StoreOptions.ProjectionStorageFor(store);
        var runner = new ProjectionRunner(store, storage, new EventsPerStream(), batchSize: 50);
        using var stop = new CancellationTokenSource();
        var projecting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested) { await runner.CatchUpAsync(); await Task.Delay(1); }
        });

        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (int i = 1; i <= 40; i++) await store.AppendAsync($"w{w}", ExpectedVersion.Any, [Events.New(data: $$"""{"n":{{i}}}""")]);
        })));
        stop.Cancel();
        await projecting;
        await runner.CatchUpAsync();

        foreach (var (_, body) in await storage.ListAsync("events-per-stream", "", default))
            Assert.Equal(Enumerable.Range(1, 40), JsonSerializer.Deserialize<EventsPerStream.Tally>(body, EventTypes.Json)!.Ns);
    }
}

public sealed class when_projecting_the_log_on_sqlite() : when_projecting_the_log(new SqliteBackend());
public sealed class when_projecting_the_log_on_postgres() : when_projecting_the_log(new PostgresBackend());
