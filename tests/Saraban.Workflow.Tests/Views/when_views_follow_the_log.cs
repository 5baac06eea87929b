using Saraban.Workflow.EventStore;
using Saraban.Workflow.Tests.EventStore;
using Saraban.Workflow.Tests.Letters;
using Saraban.Workflow.Views;

namespace Saraban.Workflow.Tests.Views;

public abstract class when_views_follow_the_log(Backend backend)
{
    private static StoredViews Open(IEventStore store, string node, TimeProvider? clock = null, params AppliedEvents[] views)
    {
        foreach (var v in views) v.Node = node;
        return new StoredViews(store, ViewDatabase.For(store), views, clock, node) { BatchSize = 100 };
    }

    [Fact]
    public async Task every_event_is_applied_once_in_batches_and_the_position_is_kept_with_the_rows()
    {
        await using var store = await backend.NewStoreAsync();
        for (int s = 0; s < 10; s++) await store.AppendAsync($"s{s}", ExpectedVersion.Any, Events.Many(35));
        await store.AppendAsync("other", ExpectedVersion.Any, [Events.New("something-else")]);
        await using var views = Open(store, "a", null, new AppliedEvents());
        await views.InitializeAsync();

        var applied = await views.CatchUpAsync();

        Assert.Equal(351, applied);
        var rows = await AppliedEvents.RowsAsync(views);
        Assert.Equal(Enumerable.Range(1, 350).Select(i => (long)i), rows.Select(r => r.Position));
        var status = Assert.Single(await views.StatusAsync());
        Assert.Equal((351L, 0L, 0), (status.Serving!.Position, status.Lag, status.ErrorCount));
        Assert.Equal(0, await views.CatchUpAsync());
        Assert.True(await views.WaitForAsync(351, TimeSpan.Zero));
        Assert.False(await views.WaitForAsync(352, TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public async Task an_event_a_view_cannot_apply_is_set_aside_with_its_position_and_the_other_views_stay_current()
    {
        await using var store = await backend.NewStoreAsync();
        await store.AppendAsync("s", ExpectedVersion.Any, Events.Many(250));
        await using var views = Open(store, "a", null, new AppliedEvents("faulty", failOn: 137), new AppliedEvents("healthy"));
        await views.InitializeAsync();

        await views.CatchUpAsync();
        await store.AppendAsync("s", ExpectedVersion.Any, Events.Many(5));
        await views.CatchUpAsync();

        var status = (await views.StatusAsync()).ToDictionary(s => s.Name);
        Assert.Equal((255L, 1), (status["faulty"].Serving!.Position, status["faulty"].ErrorCount));
        var error = Assert.Single(status["faulty"].LatestErrors);
        Assert.Equal((137L, "s", "test-happened"), (error.Position, error.StreamId, error.EventType));
        Assert.Contains("cannot apply n=137", error.Error);
        Assert.Equal((255L, 0), (status["healthy"].Serving!.Position, status["healthy"].ErrorCount));
        Assert.Equal(254, (await AppliedEvents.RowsAsync(views, "faulty")).Count);
        Assert.DoesNotContain(await AppliedEvents.RowsAsync(views, "faulty"), r => r.Position == 137);
        Assert.Equal(255, (await AppliedEvents.RowsAsync(views, "healthy")).Count);
    }

    [Fact]
    public async Task running_out_of_memory_sets_no_event_aside_and_the_view_goes_on_once_it_passes()
    {
        await using var store = await backend.NewStoreAsync();
        await store.AppendAsync("s", ExpectedVersion.Any, Events.Many(250));
        var starved = new AppliedEvents("starved", failOn: 137, failWith: () => new OutOfMemoryException());
        await using var views = Open(store, "a", null, starved);
        await views.InitializeAsync();

        await Assert.ThrowsAsync<OutOfMemoryException>(() => views.CatchUpAsync());
        var status = Assert.Single(await views.StatusAsync());
        Assert.Equal((100L, 0), (status.Serving!.Position, status.ErrorCount));

        starved.Failing = false;
        await views.CatchUpAsync();
        status = Assert.Single(await views.StatusAsync());
        Assert.Equal((250L, 0), (status.Serving!.Position, status.ErrorCount));
        Assert.Equal(250, (await AppliedEvents.RowsAsync(views, "starved")).Count);
    }

    [Fact]
    public async Task two_nodes_started_at_once_apply_each_view_on_one_of_them_and_every_event_exactly_once()
    {
        await using var store = await backend.NewStoreAsync();
        await using var a = Open(store, "node-a", null, new AppliedEvents());
        await using var b = Open(store, "node-b", null, new AppliedEvents());
        await Task.WhenAll(a.InitializeAsync(), b.InitializeAsync());
        using var stop = new CancellationTokenSource();
        async Task Follow(StoredViews v)
        {
            while (!stop.IsCancellationRequested) { await v.CatchUpAsync(); await Task.Delay(3); }
        }
        var followers = new[] { Follow(a), Follow(b) };
        for (int i = 0; i < 60; i++) await store.AppendAsync($"s{i % 7}", ExpectedVersion.Any, Events.Many(25));
        var head = await store.HeadPositionAsync();
        Assert.True(await a.WaitForAsync(head, TimeSpan.FromSeconds(30)));
        stop.Cancel();
        await Task.WhenAll(followers);

        var rows = await AppliedEvents.RowsAsync(a);
        Assert.Equal(1500, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r.Position).Distinct().Count());
        Assert.Single(rows.Select(r => r.Node).Distinct());
        Assert.Equal(0, Assert.Single(await a.StatusAsync()).ErrorCount);
    }

    [Fact]
    public async Task another_node_takes_over_a_view_once_the_lease_of_one_that_died_runs_out()
    {
        await using var store = await backend.NewStoreAsync();
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        await store.AppendAsync("s", ExpectedVersion.Any, Events.Many(40));
        var a = Open(store, "node-a", clock, new AppliedEvents());
        await a.InitializeAsync();
        await a.CatchUpAsync();
        await a.DisposeAsync(); // the node dies holding the lease
        await store.AppendAsync("s", ExpectedVersion.Any, Events.Many(40));
        await using var b = Open(store, "node-b", clock, new AppliedEvents());
        await b.InitializeAsync();

        Assert.Equal(0, await b.CatchUpAsync());
        clock.Advance(b.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(40, await b.CatchUpAsync());

        var rows = await AppliedEvents.RowsAsync(b);
        Assert.Equal(Enumerable.Range(1, 80).Select(i => (long)i), rows.Select(r => r.Position));
        Assert.Equal([("node-a", 40), ("node-b", 40)], rows.GroupBy(r => r.Node).Select(g => (g.Key, g.Count())).OrderBy(x => x.Key));
        Assert.Equal("node-b", Assert.Single(await b.StatusAsync()).Serving!.Owner);
    }

    [Fact]
    public async Task a_node_that_stops_hands_its_views_over_at_once()
    {
        await using var store = await backend.NewStoreAsync();
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        await store.AppendAsync("s", ExpectedVersion.Any, Events.Many(40));
        var a = Open(store, "node-a", clock, new AppliedEvents());
        await a.InitializeAsync();
        await a.CatchUpAsync();
        await a.ReleaseViewLeasesAsync(); // a command or node that stops, as SarabanViews does when it is disposed
        await a.DisposeAsync();
        await store.AppendAsync("s", ExpectedVersion.Any, Events.Many(40));
        await using var b = Open(store, "node-b", clock, new AppliedEvents());
        await b.InitializeAsync();

        Assert.Equal(40, await b.CatchUpAsync()); // no lease to wait out
        Assert.Equal("node-b", Assert.Single(await b.StatusAsync()).Serving!.Owner);
    }

    [Fact]
    public async Task a_rebuild_fills_a_new_generation_while_the_live_one_serves_then_switches_to_it()
    {
        await using var store = await backend.NewStoreAsync();
        await store.AppendAsync("s", ExpectedVersion.Any, Events.Many(500));
        await using var serving = Open(store, "serving", null, new AppliedEvents());
        await serving.InitializeAsync();
        await serving.CatchUpAsync();
        await using var rebuilder = Open(store, "rebuilder", null, new AppliedEvents());
        await rebuilder.InitializeAsync();

        var rebuild = rebuilder.RebuildAsync("applied");
        var seen = new List<int>();
        while (!rebuild.IsCompleted) seen.Add((await AppliedEvents.RowsAsync(serving)).Count);
        var built = await rebuild;

        Assert.All(seen, count => Assert.Equal(500, count)); // never a half-built generation
        Assert.Equal((2, ViewGeneration.Live, 500L), (built.Generation, built.Status, built.Position));
        await Task.Delay(1100); // readers look for the live generation again each second
        Assert.Equal("rebuilder", (await AppliedEvents.RowsAsync(serving)).Select(r => r.Node).Distinct().Single());
        var generations = Assert.Single(await serving.StatusAsync()).Generations;
        Assert.Equal([(1, ViewGeneration.Retired), (2, ViewGeneration.Live)], generations.Select(g => (g.Generation, g.Status)));
        await Assert.ThrowsAsync<ArgumentException>(() => rebuilder.RebuildAsync("no-such-view"));
    }
}

public sealed class when_views_follow_the_log_on_sqlite() : when_views_follow_the_log(new SqliteBackend());
public sealed class when_views_follow_the_log_on_postgres() : when_views_follow_the_log(new PostgresBackend());
