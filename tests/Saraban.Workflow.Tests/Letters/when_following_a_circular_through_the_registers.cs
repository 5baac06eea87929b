using Saraban.Workflow.Letters;
using Saraban.Workflow.Registers;
using Saraban.Workflow.Tests.EventStore;

namespace Saraban.Workflow.Tests.Letters;

public abstract class when_following_a_circular_through_the_registers(Backend backend)
{
    [Fact]
    public async Task each_office_sees_its_registers_and_a_lao_letter_chains_back_to_the_pm_office()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var pm = await offices.SendAsync("pmo.clerk", "pmo.head", "pmo-ops", ["prov-53", "prov-20"]);
        var province = await offices.ForwardAsync(IncomingLetter.StreamId("prov-53", pm), "uttaradit.clerk", "uttaradit.governor", "uttaradit.governor", ["dist-5301"]);
        var district = await offices.ForwardAsync(IncomingLetter.StreamId("dist-5301", province), "muang.clerk", "muang.chief", "muang.chief", [offices.Lao]);
        var atLao = IncomingLetter.StreamId(offices.Lao, district);
        await offices.Letters.RegisterAsync("lao.clerk", atLao, offices.Clock.GetUtcNow());

        var registers = new LetterRegisters(offices.Types);
        await registers.CatchUpAsync(offices.Store);

        Assert.Equal([district, province, pm], registers.ChainOf(atLao).Select(l => l.LetterId));
        var lao = Assert.Single(registers.Incoming(offices.Lao));
        Assert.Equal((IncomingStatus.Registered, 1, pm), (lao.Status, lao.ReceiveNumber, lao.OriginLetterId));
        Assert.Equal(IncomingStatus.Forwarded, Assert.Single(registers.Incoming("prov-53")).Status);
        Assert.Equal(IncomingStatus.Arrived, Assert.Single(registers.Incoming("prov-20")).Status);
        var sent = Assert.Single(registers.Outgoing("prov-53"));
        Assert.Equal((OutgoingStatus.Dispatched, pm), (sent.Status, sent.OriginLetterId));
        Assert.StartsWith("ที่ อต", sent.DocumentNumber);

        var tree = registers.TreeBelow(pm);
        Assert.Equal(4, tree.Count); // two provinces, one district, one LAO
        Assert.Equal(1, registers.TreeBelow(province).Deliveries[0].Forwarded!.Count);
        Assert.Equal(province, registers.OfficeLetterIn("prov-53", pm)!.LetterId);

        var rebuilt = new LetterRegisters(offices.Types);
        await rebuilt.CatchUpAsync(offices.Store);
        Assert.Equal(registers.Incoming(offices.Lao), rebuilt.Incoming(offices.Lao));
    }

    [Fact]
    public async Task every_event_about_the_circular_carries_the_origin_as_its_correlation()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var before = await offices.Store.HeadPositionAsync();
        var pm = await offices.SendAsync("pmo.clerk", "pmo.head", "pmo-ops", ["prov-53"]);
        await offices.ForwardAsync(IncomingLetter.StreamId("prov-53", pm), "uttaradit.clerk", "uttaradit.governor", "uttaradit.governor", ["dist-5301"]);

        var recorded = await offices.Store.ReadAllAsync(before, 1000);
        var letterEvents = recorded.Where(e => !e.StreamId.StartsWith("projection", StringComparison.Ordinal)).ToList();
        Assert.True(letterEvents.Count > 15);
        Assert.All(letterEvents, e => Assert.Equal(Guid.ParseExact(pm, "N"), e.Metadata.CorrelationId));
    }
}

public sealed class when_following_a_circular_through_the_registers_on_sqlite() : when_following_a_circular_through_the_registers(new SqliteBackend());
public sealed class when_following_a_circular_through_the_registers_on_postgres() : when_following_a_circular_through_the_registers(new PostgresBackend());
