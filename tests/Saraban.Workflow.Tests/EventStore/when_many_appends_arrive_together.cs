using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Tests.EventStore;

/// <summary>
/// Both backends commit appends that arrive together as a group. Whatever the grouping, each caller
/// gets the outcome its own append would have had alone, and one refused append costs the others nothing.
/// </summary>
public abstract class when_many_appends_arrive_together(Backend backend)
{
    private enum Kind { Fresh, Next, Stale, Resent, ReusedId, Any }

    [Fact]
    public async Task each_gets_its_own_outcome()
    {
        await using var store = await backend.NewStoreAsync();
        var stored = Events.New();
        await store.AppendAsync("taken", ExpectedVersion.NoStream, [stored]);
        for (int i = 0; i < 10; i++) await store.AppendAsync($"letter-{i}", ExpectedVersion.NoStream, Events.Many(2));
        var before = (await store.ReadAll()).Count;

        // Sixty appends at once, of every kind, several of them on the same streams.
        var kinds = Enumerable.Range(0, 60).Select(i => (Kind)(i % 6)).ToList();
        var outcomes = await Task.WhenAll(kinds.Select((kind, i) => Task.Run(async () =>
        {
            try
            {
                var r = kind switch
                {
                    Kind.Fresh => await store.AppendAsync([
                        new StreamAppend($"fresh-{i}", ExpectedVersion.NoStream, Events.Many(2)),
                        new StreamAppend($"routing-{i}", ExpectedVersion.NoStream, [Events.New()])]),
                    Kind.Next => [await store.AppendAsync($"letter-{i % 10}", ExpectedVersion.Exactly(2), [Events.New()])],
                    Kind.Stale => [await store.AppendAsync($"letter-{i % 10}", ExpectedVersion.Exactly(1), [Events.New()])],
                    Kind.Resent => [await store.AppendAsync("taken", ExpectedVersion.NoStream, [stored])],
                    Kind.ReusedId => [await store.AppendAsync($"other-{i}", ExpectedVersion.NoStream, [stored])],
                    _ => [await store.AppendAsync("hot", ExpectedVersion.Any, [Events.New()])],
                };
                return r[0].AlreadyStored ? "stored already" : "appended";
            }
            catch (WrongExpectedVersionException) { return "conflict"; }
            catch (DuplicateEventIdException) { return "duplicate id"; }
        })));

        for (int i = 0; i < kinds.Count; i++)
        {
            var expected = kinds[i] switch
            {
                Kind.Stale => "conflict",
                Kind.Resent => "stored already",
                Kind.ReusedId => "duplicate id",
                Kind.Next => null, // ten of these race for five letters (two per letter): checked below
                _ => "appended",
            };
            if (expected is not null) Assert.Equal((kinds[i], expected), (kinds[i], outcomes[i]));
        }
        // Kind.Next hits letter-1, 3, 5, 7, 9 twice each (i = 1, 7, 13 … mod 10): one of each pair wins.
        var next = kinds.Select((k, i) => (k, i)).Where(x => x.k == Kind.Next).GroupBy(x => x.i % 10).ToList();
        Assert.All(next, pair => Assert.Equal(1, pair.Count(x => outcomes[x.i] == "appended")));

        var all = await store.ReadAll();
        Assert.Equal(before + 10 * 3 + next.Count + 10, all.Count);
        Assert.Equal(Enumerable.Range(1, 10).Select(v => (long)v), (await store.ReadStreamAsync("hot")).Select(e => e.Version));
        Assert.Single(await store.ReadStreamAsync("taken"));
        foreach (var pair in next) Assert.Equal(3, (await store.ReadStreamAsync($"letter-{pair.Key}")).Count);
        Assert.True((await store.VerifyAsync()).Holds);
    }

    [Fact]
    public async Task stale_and_resent_appends_leave_the_others_stored()
    {
        await using var store = await backend.NewStoreAsync();
        var stored = Events.Many(2);
        await store.AppendAsync("taken", ExpectedVersion.NoStream, stored);

        // No two of these touch the same stream and no id is reused: nothing for a unique key to refuse.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            try
            {
                var r = (i % 4) switch
                {
                    0 => await store.AppendAsync("taken", ExpectedVersion.NoStream, stored),
                    1 => await store.AppendAsync("taken", ExpectedVersion.Exactly(1), [Events.New()]),
                    _ => await store.AppendAsync($"fresh-{i}", ExpectedVersion.NoStream, Events.Many(i % 4)),
                };
                return r.AlreadyStored ? $"stored already at {r.StreamVersion}" : $"appended up to {r.StreamVersion}";
            }
            catch (WrongExpectedVersionException ex) { return $"conflict at {ex.Actual}"; }
        })));

        Assert.Equal(Enumerable.Range(0, 40).Select(i => (i % 4) switch
        {
            0 => "stored already at 2",
            1 => "conflict at 2",
            _ => $"appended up to {i % 4}",
        }), outcomes);
        Assert.Equal(2 + 10 * 2 + 10 * 3, (await store.ReadAll()).Count);
        Assert.True((await store.VerifyAsync()).Holds);
    }

    [Fact]
    public async Task the_events_of_one_append_keep_their_order()
    {
        await using var store = await backend.NewStoreAsync();
        var appends = Enumerable.Range(0, 30)
            .Select(s => new StreamAppend($"s{(s * 7) % 30}", ExpectedVersion.NoStream, Events.Many(3)))
            .ToList();

        await store.AppendAsync(appends);

        var all = await store.ReadAll();
        Assert.Equal(appends.SelectMany(a => a.Events).Select(e => e.EventId), all.Select(e => e.EventId));
        Assert.Equal(Enumerable.Range(1, 90).Select(p => (long)p), all.Select(e => e.Position));
    }
}

public sealed class when_many_appends_arrive_together_on_sqlite() : when_many_appends_arrive_together(new SqliteBackend());
public sealed class when_many_appends_arrive_together_on_postgres() : when_many_appends_arrive_together(new PostgresBackend());
