using Saraban.Workflow.Access;
using Saraban.Workflow.Directory;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Numbering;
using Saraban.Workflow.Tests.EventStore;
using Saraban.Workflow.Tracking;
using Saraban.Workflow.Views;

namespace Saraban.Workflow.Tests.Letters;

public abstract class when_a_circular_travels_down_the_cascade(Backend backend)
{
    [Fact]
    public async Task every_hop_is_recorded_and_the_lao_letter_chains_back_to_the_pm_office()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var pm = await offices.SendAsync("pmo.clerk", "pmo.head", "pmo-ops", ["prov-53", "prov-54"]);
        var atProvince = IncomingLetter.StreamId("prov-53", pm);

        var provincial = await offices.ForwardAsync(atProvince, "uttaradit.clerk", "uttaradit.vice", "uttaradit.governor",
            [.. AddresseeGroup.DistrictsOf("prov-53").Resolve(offices.Directory.Current).Select(d => d.Id),
             .. AddresseeGroup.ProvinceLocalsOf("prov-53").Resolve(offices.Directory.Current).Select(d => d.Id)]);
        var district = await offices.ForwardAsync(IncomingLetter.StreamId("dist-5301", provincial), "muang.clerk", "muang.chief", "muang.chief",
            AddresseeGroup.LocalsOf("dist-5301").Resolve(offices.Directory.Current).Select(o => o.Id).ToList());
        var atLao = IncomingLetter.StreamId(offices.Lao, district);
        var receiveNumber = await offices.Letters.RegisterAsync("lao.clerk", atLao, offices.Clock.GetUtcNow());
        await offices.Letters.AcknowledgeAsync("lao.head", atLao);

        var lao = await offices.Letters.ReadIncomingAsync("lao.clerk", atLao);
        Assert.Equal(1, receiveNumber);
        Assert.Equal(pm, lao.Arrival!.OriginLetterId);
        Assert.Equal(district, lao.Arrival.FromLetterId);
        Assert.StartsWith("ที่ อต ๐๔๐๑/ว ๑", lao.Arrival.DocumentNumber);
        var districtLetter = await offices.Letters.ReadOutgoingAsync("muang.clerk", district);
        Assert.Equal(provincial, districtLetter.Content!.EnclosedLetters[0].LetterId);
        var provinceLetter = await offices.Letters.ReadOutgoingAsync("uttaradit.clerk", provincial);
        Assert.Equal(pm, provinceLetter.Content!.EnclosedLetters[0].LetterId);
        Assert.Equal(["รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน", "ผู้ว่าราชการจังหวัดอุตรดิตถ์"],
            (await offices.Letters.ReadIncomingAsync("uttaradit.clerk", atProvince)).Decision!.PositionLines);

        var tracker = await offices.TrackAsync();
        Assert.True((await tracker.ProgressAsync(pm, "prov-53"))!.Acted);
        Assert.False((await tracker.ProgressAsync(pm, "prov-54"))!.Registered);
        Assert.True((await tracker.ProgressAsync(pm, offices.Lao))!.Acted);
        var directory = offices.Directory.Current;
        var uttaraditLocals = CirculationTracker.LocalOfficesOf(directory, "prov-53");
        var (listed, total) = await tracker.NotYetAsync(pm, Stage.Registered, directory, directory.Get("prov-53"), 1000);
        Assert.Equal(uttaraditLocals.Count - 1, total);
        Assert.Equal(total, listed.Count);
        Assert.DoesNotContain(listed, o => o.Office.Id == offices.Lao);
        // Muang's LAOs all have the letter: the district's list comes from its rows, the rest of the province's from the directory.
        var muang = await tracker.NotYetAsync(pm, Stage.Registered, directory, directory.Get("dist-5301"), 1000);
        Assert.Equal(AddresseeGroup.LocalsOf("dist-5301").Resolve(directory).Count - 1, muang.Total);
        Assert.All(muang.Listed, x => Assert.NotNull(x.Progress));
        var counts = await tracker.LocalCountsAsync(pm, ["prov-53", "dist-5301", TrackingView.DirectArea("prov-53")]);
        Assert.Equal((muang.Total + 1, 1, 1), (counts["dist-5301"].Reached, counts["dist-5301"].Registered, counts["dist-5301"].Acted));
        Assert.Equal(AddresseeGroup.ProvinceLocalsOf("prov-53").Resolve(directory).Count, counts[TrackingView.DirectArea("prov-53")].Reached);
        Assert.Equal(counts["dist-5301"].Reached + counts[TrackingView.DirectArea("prov-53")].Reached, counts["prov-53"].Reached);
        var summary = await tracker.SummaryAsync(pm);
        Assert.Equal(["districts", "local offices", "provinces"], summary.Keys);
        var byType = await tracker.LocalsByTypeAsync(pm);
        Assert.Equal(summary["local offices"].Reached, byType.Values.Sum(c => c.Reached));
        Assert.Equal(1, byType.Values.Sum(c => c.Registered));
        Assert.Contains(nameof(OrganizationType.SubdistrictAdministrativeOrganization), byType.Keys);
    }

    [Fact]
    public async Task the_days_of_progress_count_each_office_once_on_its_bangkok_day()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var pm = await offices.SendAsync("pmo.clerk", "pmo.head", "pmo-ops", ["prov-53"]);
        var provincial = await offices.ForwardAsync(IncomingLetter.StreamId("prov-53", pm), "uttaradit.clerk", "uttaradit.vice", "uttaradit.governor",
            AddresseeGroup.DistrictsOf("prov-53").Resolve(offices.Directory.Current).Select(d => d.Id).ToList());
        var district = await offices.ForwardAsync(IncomingLetter.StreamId("dist-5301", provincial), "muang.clerk", "muang.chief", "muang.chief",
            AddresseeGroup.LocalsOf("dist-5301").Resolve(offices.Directory.Current).Select(o => o.Id).ToList());
        // Received at 18:30 UTC two days ago: 01:30 the next day in Bangkok, and that is its day.
        var utcDay = offices.Clock.GetUtcNow().UtcDateTime.Date.AddDays(-2);
        var receivedAt = new DateTimeOffset(utcDay.AddHours(18.5), TimeSpan.Zero);
        await offices.Letters.RegisterAsync("lao.clerk", IncomingLetter.StreamId(offices.Lao, district), receivedAt);

        var tracker = await offices.TrackAsync();
        var locals = AddresseeGroup.LocalsOf("dist-5301").Resolve(offices.Directory.Current).Count;
        foreach (var area in new[] { TrackingView.Nation, "prov-53", "dist-5301" })
        {
            var days = await tracker.DailyAsync(pm, area);
            Assert.Equal(locals, days.Sum(d => d.Counts.Reached));
            Assert.Equal([DateOnly.FromDateTime(utcDay).AddDays(1)], days.Where(d => d.Counts.Registered > 0).Select(d => d.Day));
            Assert.Equal(1, days.Sum(d => d.Counts.Registered));
            Assert.Equal(days.OrderBy(d => d.Day).Select(d => d.Day), days.Select(d => d.Day));
        }
        Assert.Empty(await tracker.DailyAsync(pm, "dist-5302"));
        // Registering the same letter again is refused, and counts nothing twice.
        await Assert.ThrowsAnyAsync<DomainException>(() => offices.Letters.RegisterAsync("lao.clerk", IncomingLetter.StreamId(offices.Lao, district), receivedAt));
        Assert.Equal(1, (await (await offices.TrackAsync()).DailyAsync(pm, "prov-53")).Sum(d => d.Counts.Registered));
    }

    [Fact]
    public async Task dispatching_twice_returns_the_first_dispatch_and_stores_nothing_more()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var id = await offices.Letters.DraftAsync("pmo.clerk", "pmo-ops", Offices.Circular(), ["prov-53"]);
        await offices.Letters.SignAsync("pmo.head", id);

        var first = await offices.Letters.DispatchAsync("pmo.clerk", id);
        var head = await offices.Store.HeadPositionAsync();
        var second = await offices.Letters.DispatchAsync("pmo.clerk", id);

        Assert.Equal((first.DocumentNumber, first.Date), (second.DocumentNumber, second.Date));
        Assert.Equal("ที่ นร ๐๑๐๗/ว ๑", first.DocumentNumber);
        Assert.Equal(head, await offices.Store.HeadPositionAsync());
    }

    [Fact]
    public async Task registering_the_same_delivery_twice_is_refused_naming_its_receive_number()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var pm = await offices.SendAsync("pmo.clerk", "pmo.head", "pmo-ops", ["prov-53"]);
        var incoming = IncomingLetter.StreamId("prov-53", pm);
        await offices.Letters.RegisterAsync("uttaradit.clerk", incoming, offices.Clock.GetUtcNow());
        var head = await offices.Store.HeadPositionAsync();

        var again = await Assert.ThrowsAsync<DomainException>(() => offices.Letters.RegisterAsync("uttaradit.clerk", incoming, offices.Clock.GetUtcNow()));
        var redelivered = await offices.Delivery().CatchUpAsync();

        Assert.Contains("receive number 1", again.Message);
        Assert.Equal(0, redelivered);
        Assert.Equal(head, await offices.Store.HeadPositionAsync());
    }

    [Fact]
    public async Task acting_on_a_step_that_is_not_yours_is_refused()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var pm = await offices.SendAsync("pmo.clerk", "pmo.head", "pmo-ops", ["prov-53"]);
        var incoming = IncomingLetter.StreamId("prov-53", pm);

        await Assert.ThrowsAsync<AccessDeniedException>(() => offices.Letters.RegisterAsync("muang.clerk", incoming, offices.Clock.GetUtcNow()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => offices.Letters.ReadIncomingAsync("pmo.clerk", incoming));
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.DecideAsync("uttaradit.governor", incoming, Decision.Forward, "แจ้ง"));
        await offices.Letters.RegisterAsync("uttaradit.clerk", incoming, offices.Clock.GetUtcNow());
        await Assert.ThrowsAsync<AccessDeniedException>(() => offices.Letters.DecideAsync("uttaradit.clerk", incoming, Decision.Forward, "แจ้ง"));
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.ForwardAsync("uttaradit.clerk", incoming, Offices.Circular(), ["dist-5301"]));
        var unsigned = await offices.Letters.DraftAsync("pmo.clerk", "pmo-ops", Offices.Circular(), ["prov-54"]);
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.DispatchAsync("pmo.clerk", unsigned));
        await Assert.ThrowsAsync<AccessDeniedException>(() => offices.Letters.SignAsync("pmo.clerk", unsigned));
    }

    [Fact]
    public async Task only_an_admin_of_the_office_sets_its_first_number_at_go_live()
    {
        await using var offices = await Offices.OpenAsync(backend);

        await Assert.ThrowsAsync<AccessDeniedException>(() => offices.Letters.StartNumberingAsync("uttaradit.clerk", "prov-53", NumberSeries.Incoming, 2024, 1481));
        await Assert.ThrowsAsync<AccessDeniedException>(() => offices.Letters.StartNumberingAsync("pmo.admin", "prov-53", NumberSeries.Incoming, 2024, 1481));
        await offices.Letters.StartNumberingAsync("uttaradit.admin", "prov-53", NumberSeries.Incoming, 2024, 1481);
        var pm = await offices.SendAsync("pmo.clerk", "pmo.head", "pmo-ops", ["prov-53"]);
        var number = await offices.Letters.RegisterAsync("uttaradit.clerk", IncomingLetter.StreamId("prov-53", pm), new DateTimeOffset(2024, 3, 20, 3, 0, 0, TimeSpan.Zero));

        Assert.Equal(1481, number);
    }

    [Fact]
    public async Task a_deputy_whose_delegation_expired_cannot_decide()
    {
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        await using var offices = await Offices.OpenAsync(backend, clock);
        var pm = await offices.SendAsync("pmo.clerk", "pmo.head", "pmo-ops", ["prov-53"]);
        var incoming = IncomingLetter.StreamId("prov-53", pm);
        await offices.Letters.RegisterAsync("uttaradit.clerk", incoming, clock.GetUtcNow());

        clock.Advance(TimeSpan.FromDays(400));
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => offices.Letters.DecideAsync("uttaradit.vice", incoming, Decision.Forward, "แจ้ง"));

        Assert.Contains("has expired", ex.Message);
        Assert.Null((await offices.Letters.ReadIncomingAsync("uttaradit.clerk", incoming)).Decision);
    }

    [Fact]
    public async Task a_dispatch_interrupted_half_way_resumes_and_delivers_each_letter_once()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var everyDistrict = offices.Directory.Current.All.Where(o => o.Type == OrganizationType.District).Select(o => o.Id).ToList();
        var id = await offices.Letters.DraftAsync("pmo.clerk", "pmo-ops", Offices.Circular(), everyDistrict);
        await offices.Letters.SignAsync("pmo.head", id);
        await offices.Letters.DispatchAsync("pmo.clerk", id);

        var crashed = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            offices.Delivery(made => { if (made >= 400) throw new InvalidOperationException("the process died"); }).CatchUpAsync());
        var resumed = await offices.Delivery().CatchUpAsync();

        Assert.Equal("the process died", crashed.Message);
        Assert.Equal(878, resumed);
        var arrivals = (await offices.Store.ReadAll()).Where(e => e.Type == "letter-arrived").ToList();
        Assert.Equal(878, arrivals.Count);
        Assert.Equal(878, arrivals.Select(e => e.StreamId).Distinct().Count());
        Assert.True((await offices.Store.VerifyAsync()).Holds);
    }

    [Fact]
    public async Task a_tracker_rebuilt_from_zero_matches_the_live_one()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var pm = await offices.SendAsync("pmo.clerk", "pmo.head", "pmo-ops", ["prov-53", "prov-54"]);
        var views = await offices.ViewsAsync(); // applied in two rounds: before and after the forward
        await offices.ForwardAsync(IncomingLetter.StreamId("prov-53", pm), "uttaradit.clerk", "uttaradit.governor", "uttaradit.governor", ["dist-5301", "dist-5302"]);
        await views.CatchUpAsync();
        var live = await views.Tracker.SnapshotAsync();

        await views.Stored.RebuildAsync("tracking");

        Assert.Equal(live, await views.Tracker.SnapshotAsync());
        Assert.Equal(4, (await views.Tracker.ReachedAsync(pm)).Count);
    }
}

public sealed class when_a_circular_travels_down_the_cascade_on_sqlite() : when_a_circular_travels_down_the_cascade(new SqliteBackend());
public sealed class when_a_circular_travels_down_the_cascade_on_postgres() : when_a_circular_travels_down_the_cascade(new PostgresBackend());

internal sealed class MovableClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
}
