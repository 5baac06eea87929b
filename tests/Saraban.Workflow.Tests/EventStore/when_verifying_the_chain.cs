using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Tests.EventStore;

public abstract class when_verifying_the_chain(Backend backend)
{
    private async Task<IEventStore> StoreWithTenEvents()
    {
        var store = await backend.NewStoreAsync();
        for (int i = 0; i < 5; i++) await store.AppendAsync($"s{i % 2}", ExpectedVersion.Any, Events.Many(2));
        await store.ReadAll();
        return store;
    }

    [Fact]
    public async Task an_untouched_log_holds_and_counts_every_event()
    {
        await using var store = await StoreWithTenEvents();

        var report = await store.VerifyAsync();

        Assert.True(report.Holds, report.Problem);
        Assert.Equal(10, report.EventsChecked);
    }

    [Fact]
    public async Task an_empty_log_holds()
    {
        await using var store = await backend.NewStoreAsync();
        var report = await store.VerifyAsync();
        Assert.True(report.Holds);
        Assert.Equal(0, report.EventsChecked);
    }

    [Fact]
    public async Task an_altered_event_is_named_by_its_position()
    {
        await using var store = await StoreWithTenEvents();
        var victim = (await store.ReadAll())[6];

        await backend.ExecuteRawAsync(store, $"UPDATE events SET data = '{{\"n\":999}}' WHERE event_id = '{victim.EventId}'");
        var report = await store.VerifyAsync();

        Assert.False(report.Holds);
        Assert.Equal(7, report.FirstBadPosition);
        Assert.Equal(6, report.EventsChecked);
    }

    [Fact]
    public async Task an_altered_signer_in_the_metadata_is_caught()
    {
        await using var store = await StoreWithTenEvents();
        var victim = (await store.ReadAll())[2];

        await backend.ExecuteRawAsync(store, $"UPDATE events SET user_id = 'governor' WHERE event_id = '{victim.EventId}'");

        Assert.Equal(3, (await store.VerifyAsync()).FirstBadPosition);
    }

    [Fact]
    public async Task a_removed_event_is_named_by_its_position()
    {
        await using var store = await StoreWithTenEvents();
        var victim = (await store.ReadAll())[3];

        await backend.ExecuteRawAsync(store, $"DELETE FROM events WHERE event_id = '{victim.EventId}'");
        var report = await store.VerifyAsync();

        Assert.False(report.Holds);
        Assert.Equal(4, report.FirstBadPosition);
        Assert.Contains("position 4", report.Problem);
    }

    [Fact]
    public async Task events_appended_after_a_verify_extend_the_chain()
    {
        await using var store = await StoreWithTenEvents();
        Assert.True((await store.VerifyAsync()).Holds);

        await store.AppendAsync("s9", ExpectedVersion.Any, Events.Many(3));

        var report = await store.VerifyAsync();
        Assert.True(report.Holds, report.Problem);
        Assert.Equal(13, report.EventsChecked);
    }
}

public sealed class when_verifying_the_chain_on_sqlite() : when_verifying_the_chain(new SqliteBackend());
public sealed class when_verifying_the_chain_on_postgres() : when_verifying_the_chain(new PostgresBackend());
