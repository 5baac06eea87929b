using Saraban.Workflow.Views;
using Saraban.Workflow.Access;
using Saraban.Workflow.Routing;
using Saraban.Workflow.Tests.EventStore;
using Saraban.Workflow.Tests.Letters;

namespace Saraban.Workflow.Tests.Routing;

public abstract class when_a_letter_moves_through_its_routing(Backend backend)
{
    private static readonly RoutingCatalog Shipped = RoutingCatalog.Load(Path.Combine(AppContext.BaseDirectory, "workflows"));

    private static async Task<(Offices Offices, RoutingEngine Engine, MovableClock Clock)> Open(Backend backend, RoutingCatalog? catalog = null)
    {
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        var offices = await Offices.OpenAsync(backend, clock);
        return (offices, new RoutingEngine(offices.Store, offices.Types, catalog ?? Shipped, offices.Access, clock), clock);
    }

    private static async Task<RoutingInbox> Inbox(Offices offices, RoutingCatalog? catalog = null)
    {
        var views = await offices.ViewsAsync();
        return new RoutingInbox(views.Stored, catalog ?? Shipped);
    }

    [Fact]
    public async Task each_step_waits_in_the_right_inbox_and_the_deputy_decides_for_the_governor()
    {
        var (offices, engine, _) = await Open(backend);
        await using var _ = offices;
        var id = await engine.StartAsync("province-forward", "prov-53", "in-prov-53-x", "uttaradit.clerk");
        await engine.CompleteAsync(id, "register", "uttaradit.clerk");
        await engine.CompleteAsync(id, "minute", "uttaradit.clerk");

        var inbox = await Inbox(offices);
        Assert.Equal("decide", Assert.Single(await inbox.ForAsync(offices.Access.Current.FindUser("uttaradit.governor")!)).Step);
        Assert.Single(await inbox.ForAsync(offices.Access.Current.FindUser("uttaradit.vice")!));
        Assert.Empty(await inbox.ForAsync(offices.Access.Current.FindUser("uttaradit.clerk")!));
        Assert.Empty(await inbox.ForAsync(offices.Access.Current.FindUser("muang.chief")!));

        await engine.CompleteAsync(id, "decide", "uttaradit.vice");
        var flow = await offices.Store.ReadStreamAsync(RoutingInstance.StreamId(id));
        Assert.Contains("ปฏิบัติราชการแทน", flow[^1].Data);
        Assert.Equal("draft", (await engine.ReadAsync(id)).Current);
    }

    [Fact]
    public async Task a_step_that_is_not_yours_or_not_waiting_is_refused_and_nothing_is_stored()
    {
        var (offices, engine, clock) = await Open(backend);
        await using var _ = offices;
        var id = await engine.StartAsync("province-forward", "prov-53", "in-prov-53-x", "uttaradit.clerk");
        await engine.CompleteAsync(id, "register", "uttaradit.clerk");
        await engine.CompleteAsync(id, "minute", "uttaradit.clerk");

        await Assert.ThrowsAsync<AccessDeniedException>(() => engine.CompleteAsync(id, "decide", "uttaradit.clerk"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => engine.CompleteAsync(id, "decide", "muang.chief"));
        Assert.Contains("not the one waiting", (await Assert.ThrowsAsync<DomainException>(() => engine.CompleteAsync(id, "minute", "uttaradit.clerk"))).Message);
        Assert.Contains("not the one waiting", (await Assert.ThrowsAsync<DomainException>(() => engine.CompleteAsync(id, "sign", "uttaradit.governor"))).Message);
        clock.Advance(TimeSpan.FromDays(400));
        Assert.Contains("has expired", (await Assert.ThrowsAsync<AccessDeniedException>(() => engine.CompleteAsync(id, "decide", "uttaradit.vice"))).Message);

        Assert.Equal(3, (await offices.Store.ReadStreamAsync(RoutingInstance.StreamId(id))).Count);
    }

    [Fact]
    public async Task a_finished_routing_takes_no_more_steps()
    {
        var (offices, engine, _) = await Open(backend);
        await using var _ = offices;
        var lao = offices.Lao;
        var id = await engine.StartAsync("lao-acknowledge", lao, $"in-{lao}-x", "lao.clerk");
        await engine.CompleteAsync(id, "register", "lao.clerk");
        await engine.CompleteAsync(id, "acknowledge", "lao.head");
        await engine.CompleteAsync(id, "act", "lao.clerk");

        var ex = await Assert.ThrowsAsync<DomainException>(() => engine.CompleteAsync(id, "act", "lao.clerk"));

        Assert.Contains("finished", ex.Message);
        Assert.Empty(await (await Inbox(offices)).ForAsync(offices.Access.Current.FindUser("lao.clerk")!));
    }

    [Fact]
    public async Task a_running_routing_keeps_its_version_when_a_new_one_is_loaded()
    {
        var folder = Path.Combine(global::Saraban.Tests.Shared.Scratch.Folder, Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "v1.flow"), "workflow office\nversion 1\nstep register by clerk then decide\nstep decide by head end\n");
        var (offices, engine1, clock) = await Open(backend, RoutingCatalog.Load(folder));
        await using var _ = offices;
        var old = await engine1.StartAsync("office", "prov-53", "s", "uttaradit.clerk");

        File.WriteAllText(Path.Combine(folder, "v2.flow"), "workflow office\nversion 2\nstep register by clerk then check\nstep check by deputy then decide\nstep decide by head end\n");
        var catalog = RoutingCatalog.Load(folder);
        var engine2 = new RoutingEngine(offices.Store, offices.Types, catalog, offices.Access, clock);
        var fresh = await engine2.StartAsync("office", "prov-53", "s2", "uttaradit.clerk");
        await engine2.CompleteAsync(old, "register", "uttaradit.clerk");
        await engine2.CompleteAsync(fresh, "register", "uttaradit.clerk");

        Assert.Equal("decide", (await engine2.ReadAsync(old)).Current);
        Assert.Equal("check", (await engine2.ReadAsync(fresh)).Current);
    }

    [Fact]
    public async Task a_step_past_its_due_time_raises_one_reminder_and_the_inbox_rebuilds_the_same()
    {
        var (offices, engine, clock) = await Open(backend);
        await using var _ = offices;
        var id = await engine.StartAsync("province-forward", "prov-53", "in-prov-53-x", "uttaradit.clerk");
        var live = await Inbox(offices);
        Assert.Empty(await live.DueForReminderAsync(clock.GetUtcNow()));

        clock.Advance(TimeSpan.FromDays(2));
        var due = await live.DueForReminderAsync(clock.GetUtcNow());
        var first = await engine.FlagOverdueAsync(id);
        var second = await engine.FlagOverdueAsync(id);
        await Inbox(offices);

        Assert.Equal(id, Assert.Single(due).InstanceId);
        Assert.True(first);
        Assert.False(second);
        Assert.Empty(await live.DueForReminderAsync(clock.GetUtcNow()));
        Assert.True((await live.ForAsync(offices.Access.Current.FindUser("uttaradit.clerk")!)).Single().Overdue);
        var snapshot = await live.SnapshotAsync();
        await (await offices.ViewsAsync()).Stored.RebuildAsync("inbox");
        Assert.Equal(snapshot, await live.SnapshotAsync());
    }

    [Fact]
    public async Task steps_moved_flagged_and_ended_within_one_batch_leave_the_rows_they_should()
    {
        var (offices, engine, clock) = await Open(backend);
        await using var _ = offices;
        var moved = await engine.StartAsync("lao-acknowledge", offices.Lao, "in-lao-a", "lao.clerk");
        var ended = await engine.StartAsync("lao-acknowledge", offices.Lao, "in-lao-b", "lao.clerk");
        var live = await Inbox(offices); // both rows stored: what follows changes rows that exist
        clock.Advance(TimeSpan.FromDays(2));
        Assert.True(await engine.FlagOverdueAsync(moved));
        await engine.CompleteAsync(moved, "register", "lao.clerk");
        clock.Advance(TimeSpan.FromDays(3));
        Assert.True(await engine.FlagOverdueAsync(moved));
        await engine.CompleteAsync(ended, "register", "lao.clerk");
        await engine.CompleteAsync(ended, "acknowledge", "lao.head");
        await engine.CompleteAsync(ended, "act", "lao.clerk");
        var started = await engine.StartAsync("lao-acknowledge", offices.Lao, "in-lao-c", "lao.clerk");
        await engine.CompleteAsync(started, "register", "lao.clerk");
        var brief = await engine.StartAsync("lao-acknowledge", offices.Lao, "in-lao-d", "lao.clerk");
        await engine.CompleteAsync(brief, "register", "lao.clerk");
        await engine.CompleteAsync(brief, "acknowledge", "lao.head");
        await engine.CompleteAsync(brief, "act", "lao.clerk");
        await Inbox(offices); // all of it in one batch

        var rows = (await live.SnapshotAsync()).Split('\n');
        Assert.Equal(2, rows.Length);
        Assert.Contains(rows, r => r.StartsWith(moved + " ") && r.Contains(" acknowledge ") && r.EndsWith(" True"));
        Assert.Contains(rows, r => r.StartsWith(started + " ") && r.Contains(" acknowledge ") && r.EndsWith(" False"));
        // Rebuilt, the whole story is one batch: rows inserted, moved, flagged and deleted before any is written.
        var snapshot = await live.SnapshotAsync();
        await (await offices.ViewsAsync()).Stored.RebuildAsync("inbox");
        Assert.Equal(snapshot, await live.SnapshotAsync());
    }
}

public sealed class when_a_letter_moves_through_its_routing_on_sqlite() : when_a_letter_moves_through_its_routing(new SqliteBackend());
public sealed class when_a_letter_moves_through_its_routing_on_postgres() : when_a_letter_moves_through_its_routing(new PostgresBackend());
