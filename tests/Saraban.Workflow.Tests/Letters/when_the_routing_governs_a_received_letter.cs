using Saraban.Workflow.Access;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Routing;
using Saraban.Workflow.Tests.EventStore;

namespace Saraban.Workflow.Tests.Letters;

public abstract class when_the_routing_governs_a_received_letter(Backend backend)
{
    [Fact]
    public async Task each_command_completes_its_step_and_the_inbox_follows()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var pm = await offices.SendAsync("pmo.clerk", "pmo.head", "pmo-ops", ["prov-53"]);
        var incoming = IncomingLetter.StreamId("prov-53", pm);
        var engine = new RoutingEngine(offices.Store, offices.Types, Offices.Routings, offices.Access, offices.Clock);
        Assert.Equal("register", (await engine.ReadAsync(LetterRouting.InstanceId(incoming))).Current);

        await offices.Letters.RegisterAsync("uttaradit.clerk", incoming, offices.Clock.GetUtcNow());
        await offices.Letters.WriteMinuteAsync("uttaradit.clerk", incoming, "เรียน ผู้ว่าราชการจังหวัด เพื่อโปรดพิจารณา");

        var inbox = (await offices.ViewsAsync()).Inbox;
        Assert.Equal("decide", Assert.Single(await inbox.ForAsync(offices.Access.Current.FindUser("uttaradit.governor")!)).Step);
        Assert.Equal(incoming, (await inbox.ForAsync(offices.Access.Current.FindUser("uttaradit.governor")!))[0].Subject);
    }

    [Fact]
    public async Task the_events_one_command_records_share_its_correlation_id()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var pm = await offices.SendAsync("pmo.clerk", "pmo.head", "pmo-ops", ["prov-53"]);
        var incoming = IncomingLetter.StreamId("prov-53", pm);
        var before = await offices.Store.HeadPositionAsync();

        await offices.Letters.RegisterAsync("uttaradit.clerk", incoming, offices.Clock.GetUtcNow());

        var recorded = (await offices.Store.ReadAllAsync(before, 100)).ToList();
        Assert.Equal(["letter-registered", "number-issued", "routing-step-completed"], recorded.Select(e => e.Type).Order());
        Assert.Single(recorded.Select(e => e.Metadata.CorrelationId).Distinct());
        Assert.All(recorded, e => Assert.Equal("uttaradit.clerk", e.Metadata.UserId));
    }

    [Fact]
    public async Task a_two_level_office_needs_the_deputy_to_screen_before_the_governor_decides()
    {
        await using var offices = await Offices.OpenAsync(backend);
        await offices.Access.RegisterUsersAsync([
            new("chonburi.clerk", "prov-20", "นางสาวชล บุรี", "เจ้าพนักงานธุรการ", [Role.Clerk]),
            new("chonburi.governor", "prov-20", "นายชล ผู้ว่า", "ผู้ว่าราชการจังหวัดชลบุรี", [Role.Head]),
            new("chonburi.vice", "prov-20", "นายชล รองผู้ว่า", "รองผู้ว่าราชการจังหวัด", [Role.Deputy])], "password-1", Events.Clerk);
        await offices.Access.GrantDelegationAsync("chonburi.vice", "prov-20", DelegationKind.ActingFor,
            offices.Clock.GetUtcNow().AddDays(-1), offices.Clock.GetUtcNow().AddDays(30), Events.Clerk);
        var pm = await offices.SendAsync("pmo.clerk", "pmo.head", "pmo-ops", ["prov-20"]);
        var incoming = IncomingLetter.StreamId("prov-20", pm);
        await offices.Letters.RegisterAsync("chonburi.clerk", incoming, offices.Clock.GetUtcNow());
        await offices.Letters.WriteMinuteAsync("chonburi.clerk", incoming, "เรียน ผู้ว่าราชการจังหวัด ผ่าน รองผู้ว่าราชการจังหวัด");

        var skipped = await Assert.ThrowsAsync<DomainException>(() => offices.Letters.DecideAsync("chonburi.governor", incoming, Decision.Forward, "แจ้ง"));
        await offices.Letters.WriteMinuteAsync("chonburi.vice", incoming, "เห็นควรแจ้ง อปท. ในพื้นที่");
        var deputy = await Assert.ThrowsAsync<AccessDeniedException>(() => offices.Letters.DecideAsync("chonburi.vice", incoming, Decision.Forward, "แจ้ง"));
        await offices.Letters.DecideAsync("chonburi.governor", incoming, Decision.Forward, "แจ้ง");

        Assert.Contains("'screen'", skipped.Message);
        Assert.Contains("not for user 'chonburi.vice'", deputy.Message);
        var letter = await offices.Letters.ReadIncomingAsync("chonburi.clerk", incoming);
        Assert.Equal(2, letter.Minutes.Count);
        Assert.Equal("chonburi.governor", letter.Decision!.UserId);
    }

    [Fact]
    public async Task a_refused_step_stores_nothing_on_the_letter_either()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var pm = await offices.SendAsync("pmo.clerk", "pmo.head", "pmo-ops", ["prov-53"]);
        var incoming = IncomingLetter.StreamId("prov-53", pm);
        await offices.Letters.RegisterAsync("uttaradit.clerk", incoming, offices.Clock.GetUtcNow());
        var before = (await offices.Store.ReadStreamAsync(incoming)).Count;

        // The routing waits for the minute; the governor's decision is out of turn.
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.DecideAsync("uttaradit.governor", incoming, Decision.Forward, "แจ้ง"));

        Assert.Equal(before, (await offices.Store.ReadStreamAsync(incoming)).Count);
    }
}

public sealed class when_the_routing_governs_a_received_letter_on_sqlite() : when_the_routing_governs_a_received_letter(new SqliteBackend());
public sealed class when_the_routing_governs_a_received_letter_on_postgres() : when_the_routing_governs_a_received_letter(new PostgresBackend());
