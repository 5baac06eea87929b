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

        var views = await offices.ViewsAsync();
        var registers = views.Registers;

        Assert.Equal([district, province, pm], (await registers.ChainOfAsync(atLao)).Select(l => l.LetterId));
        var lao = Assert.Single(await registers.IncomingAsync(offices.Lao));
        Assert.Equal((IncomingStatus.Registered, 1, pm), (lao.Status, lao.ReceiveNumber, lao.OriginLetterId));
        Assert.Equal(IncomingStatus.Forwarded, Assert.Single(await registers.IncomingAsync("prov-53")).Status);
        Assert.Equal(IncomingStatus.Arrived, Assert.Single(await registers.IncomingAsync("prov-20")).Status);
        var sent = Assert.Single(await registers.OutgoingAsync("prov-53"));
        Assert.Equal((OutgoingStatus.Dispatched, pm, province), (sent.Status, sent.OriginLetterId, sent.LetterId));
        Assert.StartsWith("ที่ อต", sent.DocumentNumber);

        var tree = await registers.TreeBelowAsync(pm);
        Assert.Equal(4, tree.Count); // two provinces, one district, one LAO
        Assert.Equal(1, (await registers.TreeBelowAsync(province)).Deliveries[0].Forwarded!.Count);

        async Task<string> Everything() => string.Join('\n', (await Task.WhenAll(new[] { offices.Lao, "prov-53", "prov-20", "dist-5301", "pmo-ops" }
            .Select(async o => string.Join('\n', (await registers.IncomingAsync(o)).Select(e => e.ToString()).Concat((await registers.OutgoingAsync(o)).Select(e => e.ToString())))))));
        var live = await Everything();
        var rebuilt = await views.Stored.RebuildAsync("registers");
        Assert.Equal(2, rebuilt.Generation);
        Assert.Equal(live, await Everything());
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
