using Saraban.Workflow.EventStore;
using Saraban.Workflow.EventStore.Postgres;

namespace Saraban.Workflow.Tests.EventStore;

/// <summary>
/// The sealer orders events by (transaction id, row): by the transaction's number, never by its
/// digits, or the order would break each time transaction ids gain a digit (99 → 100, 999,999 → 1,000,000).
/// </summary>
public sealed class when_postgres_seals_transactions_in_order
{
    [Fact]
    public async Task transaction_100_comes_after_99()
    {
        var backend = new PostgresBackend();
        await using var store = (PostgresEventStore)await backend.NewStoreAsync();
        // Rows as transactions 1000, 99 and 100 would have left them (long committed, so sealable),
        // inserted in that row order: the order of row ids must not decide either.
        foreach (var (stream, tx) in new[] { ("third", 1000), ("first", 99), ("second", 100) })
            await backend.ExecuteRawAsync(store,
                $$"""
                INSERT INTO events (tx_id, stream_id, version, event_id, type, data, user_id, org_id, correlation_id, recorded_at)
                VALUES ('{{tx}}', '{{stream}}', 1, gen_random_uuid(), 'test-happened', '{"n":1}', 'u', 'o', gen_random_uuid(), now())
                """);

        var all = await store.ReadAll();
        await store.AppendAsync("fourth", ExpectedVersion.NoStream, [Events.New()]);
        var after = await store.ReadAll();

        Assert.Equal(["first", "second", "third"], all.Select(e => e.StreamId));
        Assert.Equal(["first", "second", "third", "fourth"], after.Select(e => e.StreamId));
        Assert.Equal([1L, 2L, 3L, 4L], after.Select(e => e.Position));
        Assert.True((await store.VerifyAsync()).Holds);
    }
}
