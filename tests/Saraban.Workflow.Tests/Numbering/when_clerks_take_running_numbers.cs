using System.Text.Json;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Numbering;
using Saraban.Workflow.Tests.EventStore;

namespace Saraban.Workflow.Tests.Numbering;

public abstract class when_clerks_take_running_numbers(Backend backend)
{
    private static readonly EventTypes Types = RunningNumbers.Register(new EventTypes());

    /// <summary>A registration that records its receive number: the event that uses the number.</summary>
    private static Func<int, IReadOnlyList<StreamAppend>> Register(string letter) => n =>
        [new StreamAppend(letter, ExpectedVersion.NoStream, [Events.New("letter-registered", $$"""{"receiveNumber":{{n}}}""")])];

    private static async Task<List<int>> NumbersUsedBy(IEventStore store, string streamPrefix) =>
        (await store.ReadAll()).Where(e => e.StreamId.StartsWith(streamPrefix, StringComparison.Ordinal))
            .Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("receiveNumber").GetInt32()).ToList();

    [Fact]
    public async Task each_book_starts_at_one_and_counts_up()
    {
        await using var store = await backend.NewStoreAsync();
        var issuer = new NumberIssuer(store, Types);

        var a1 = await issuer.IssueAsync("prov-53", NumberSeries.Incoming, 2024, "letter-a", Register("letter-a"), Events.Clerk);
        var a2 = await issuer.IssueAsync("prov-53", NumberSeries.Incoming, 2024, "letter-b", Register("letter-b"), Events.Clerk);
        var circular = await issuer.IssueAsync("prov-53", NumberSeries.OutgoingCircular, 2024, "letter-c", Register("letter-c"), Events.Clerk);
        var otherOffice = await issuer.IssueAsync("prov-54", NumberSeries.Incoming, 2024, "letter-d", Register("letter-d"), Events.Clerk);
        var newYear = await issuer.IssueAsync("prov-53", NumberSeries.Incoming, 2025, "letter-e", Register("letter-e"), Events.Clerk);

        Assert.Equal([1, 2, 1, 1, 1], [a1, a2, circular, otherOffice, newYear]);
        Assert.Equal([1, 2, 1, 1, 1], await NumbersUsedBy(store, "letter-"));
    }

    [Fact]
    public async Task clerks_registering_at_once_never_share_or_skip_a_number()
    {
        await using var store = await backend.NewStoreAsync();
        var issuer = new NumberIssuer(store, Types);

        var issued = await Task.WhenAll(Enumerable.Range(0, 16).SelectMany(clerk => Enumerable.Range(0, 20).Select(i =>
            issuer.IssueAsync("prov-53", NumberSeries.Incoming, 2024, $"letter-{clerk}-{i}", Register($"letter-{clerk}-{i}"), Events.Clerk))));

        Assert.Equal(Enumerable.Range(1, 320), issued.Order());
        Assert.Equal(Enumerable.Range(1, 320), (await NumbersUsedBy(store, "letter-")).Order());
        Assert.Equal(321, (await issuer.ReadAsync("prov-53", NumberSeries.Incoming, 2024)).Next);
    }

    [Fact]
    public async Task two_processes_sharing_the_database_never_share_or_skip_a_number()
    {
        await using var store = await backend.NewStoreAsync();
        var nodeA = new NumberIssuer(store, Types);
        var nodeB = new NumberIssuer(store, Types);

        var issued = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => (i % 2 == 0 ? nodeA : nodeB)
            .IssueAsync("prov-53", NumberSeries.Outgoing, 2024, $"letter-{i}", Register($"letter-{i}"), Events.Clerk)));

        Assert.Equal(Enumerable.Range(1, 60), issued.Order());
        Assert.Equal(Enumerable.Range(1, 60), (await NumbersUsedBy(store, "letter-")).Order());
    }

    [Fact]
    public async Task a_command_that_fails_burns_no_number()
    {
        await using var store = await backend.NewStoreAsync();
        var issuer = new NumberIssuer(store, Types);
        await store.AppendAsync("taken-letter", ExpectedVersion.Any, [Events.New()]);

        var first = await issuer.IssueAsync("prov-53", NumberSeries.Incoming, 2024, "letter-1", Register("letter-1"), Events.Clerk);
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            issuer.IssueAsync("prov-53", NumberSeries.Incoming, 2024, "taken-letter", Register("taken-letter"), Events.Clerk));
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            issuer.IssueAsync("prov-53", NumberSeries.Incoming, 2024, "letter-x", _ => throw new InvalidOperationException("bad letter"), Events.Clerk));
        var second = await issuer.IssueAsync("prov-53", NumberSeries.Incoming, 2024, "letter-2", Register("letter-2"), Events.Clerk);

        Assert.Equal([1, 2], [first, second]);
        Assert.Equal([1, 2], await NumbersUsedBy(store, "letter-"));
    }

    [Fact]
    public async Task a_failing_request_in_a_busy_batch_fails_alone()
    {
        await using var store = await backend.NewStoreAsync();
        var issuer = new NumberIssuer(store, Types);
        await store.AppendAsync("letter-7", ExpectedVersion.Any, [Events.New("letter-registered", """{"receiveNumber":0}""")]);

        var attempts = Enumerable.Range(0, 30).Select(i =>
            issuer.IssueAsync("prov-53", NumberSeries.Incoming, 2024, $"letter-{i}", Register($"letter-{i}"), Events.Clerk)).ToList();
        var outcomes = await Task.WhenAll(attempts.Select(async t => { try { return await t; } catch (WrongExpectedVersionException) { return 0; } }));

        Assert.Single(outcomes, n => n == 0);
        Assert.Equal(Enumerable.Range(1, 29), outcomes.Where(n => n > 0).Order());
    }

    [Fact]
    public async Task an_office_switching_over_mid_year_continues_its_paper_register()
    {
        await using var store = await backend.NewStoreAsync();
        var issuer = new NumberIssuer(store, Types);

        await issuer.StartAsync("prov-53", NumberSeries.Incoming, 2024, 1481, Events.Clerk);
        var n = await issuer.IssueAsync("prov-53", NumberSeries.Incoming, 2024, "letter-1", Register("letter-1"), Events.Clerk);
        var again = await Assert.ThrowsAsync<NumberingException>(() => issuer.StartAsync("prov-53", NumberSeries.Incoming, 2024, 1, Events.Clerk));
        var zero = await Assert.ThrowsAsync<NumberingException>(() => issuer.StartAsync("prov-53", NumberSeries.Outgoing, 2024, 0, Events.Clerk));

        Assert.Equal(1481, n);
        Assert.Contains("ครั้งเดียว", again.Message);
        Assert.Contains("1 or more", zero.Message);
        Assert.Equal(1482, (await issuer.ReadAsync("prov-53", NumberSeries.Incoming, 2024)).Next);
    }
}

public sealed class when_clerks_take_running_numbers_on_sqlite() : when_clerks_take_running_numbers(new SqliteBackend());
public sealed class when_clerks_take_running_numbers_on_postgres() : when_clerks_take_running_numbers(new PostgresBackend());
