using Npgsql;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.EventStore.Postgres;
using Saraban.Workflow.Projections;
using Saraban.Workflow.Tests.Projections;

namespace Saraban.Workflow.Tests.EventStore;

/// <summary>
/// The sequence-gap problem: a writer takes a lower row id, a faster writer with a higher id commits
/// first, and a reader that moved its checkpoint past the faster one would never see the slower.
/// </summary>
[Collection(nameof(HoldsTransactionsOpen))]
public sealed class when_a_slow_postgres_transaction_commits_late
{
    private static async Task<(PostgresEventStore Store, string Cs)> NewStore()
    {
        var cs = await PostgresBackend.NewSchemaAsync();
        var store = new PostgresEventStore(cs, readPatience: TimeSpan.FromMilliseconds(100));
        await store.InitializeAsync();
        return (store, cs);
    }

    /// <summary>Opens a transaction that has inserted an event and not committed: a writer stalled mid-append.</summary>
    private static async Task<(NpgsqlConnection, NpgsqlTransaction)> StalledWriter(string cs, string stream, int n)
    {
        var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        var tx = await c.BeginTransactionAsync();
        await using var cmd = new NpgsqlCommand(
            $$"""
            INSERT INTO events (stream_id, version, event_id, type, data, user_id, org_id, correlation_id, recorded_at)
            VALUES ('{{stream}}', 1, gen_random_uuid(), 'test-happened', '{"n":{{n}}}', 'u', 'o', gen_random_uuid(), now())
            """, c, tx);
        await cmd.ExecuteNonQueryAsync();
        return (c, tx);
    }

    [Fact]
    public async Task the_reader_waits_for_it_instead_of_skipping_it()
    {
        var (store, cs) = await NewStore();
        await using var _ = store;
        await store.AppendAsync("before", ExpectedVersion.Any, [Events.New()]);
        var (conn, slow) = await StalledWriter(cs, "slow", 1);

        await store.AppendAsync("fast", ExpectedVersion.Any, [Events.New()]);
        var whileStalled = await store.ReadAll();
        await slow.CommitAsync();
        await conn.DisposeAsync();
        var after = await store.ReadAll();

        Assert.Equal(["before"], whileStalled.Select(e => e.StreamId));
        Assert.Equal(["before", "slow", "fast"], after.Select(e => e.StreamId));
        Assert.Equal([1L, 2L, 3L], after.Select(e => e.Position));
        Assert.True((await store.VerifyAsync()).Holds);
    }

    [Fact]
    public async Task a_projection_checkpointed_past_the_fast_writer_still_gets_the_slow_one()
    {
        var (store, cs) = await NewStore();
        await using var _ = store;
        var storage = StoreOptions.ProjectionStorageFor(store);
        var runner = new ProjectionRunner(store, storage, new EventsPerStream());
        var stalled = new List<(NpgsqlConnection C, NpgsqlTransaction Tx)>();
        for (int i = 0; i < 5; i++) stalled.Add(await StalledWriter(cs, $"slow{i}", i));

        // Fast writers commit and the projection runs while every slow one is still open.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (int i = 0; i < 10; i++) await store.AppendAsync($"fast{w}", ExpectedVersion.Any, [Events.New(data: $$"""{"n":{{i}}}""")]);
        })));
        await runner.CatchUpAsync();
        // Commit the slow ones in reverse order, projecting in between.
        for (int i = stalled.Count - 1; i >= 0; i--)
        {
            await stalled[i].Tx.CommitAsync();
            await stalled[i].C.DisposeAsync();
            await runner.CatchUpAsync();
        }

        var docs = await storage.ListAsync("events-per-stream", "", default);
        Assert.Equal(9, docs.Count);
        Assert.Equal(45, docs.Sum(d => System.Text.Json.JsonDocument.Parse(d.Value).RootElement.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task a_rolled_back_writer_leaves_no_hole_in_the_order()
    {
        var (store, cs) = await NewStore();
        await using var _ = store;
        var (conn, doomed) = await StalledWriter(cs, "doomed", 1);
        await store.AppendAsync("kept", ExpectedVersion.Any, [Events.New()]);

        await doomed.RollbackAsync();
        await conn.DisposeAsync();
        await store.AppendAsync("kept", ExpectedVersion.Any, [Events.New()]);

        var all = await store.ReadAll();
        Assert.Equal([1L, 2L], all.Select(e => e.Position));
        Assert.True((await store.VerifyAsync()).Holds);
    }
}

/// <summary>
/// Tests that hold write transactions open hold back PostgreSQL's horizon for the whole server,
/// which would make every other test's reads wait; they run alone.
/// </summary>
[CollectionDefinition(nameof(HoldsTransactionsOpen), DisableParallelization = true)]
public sealed class HoldsTransactionsOpen;
