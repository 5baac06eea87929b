using Saraban.Workflow.Access;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Actions;
using Saraban.Workflow.Cascade;
using Saraban.Workflow.Directory;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Projections;
using Saraban.Workflow.Tests.EventStore;
using Saraban.Workflow.Tests.Letters;

namespace Saraban.Workflow.Tests.Actions;

/// <summary>
/// The seed's story on Uttaradit: the PM Office asks every LAO to nominate staff for its workshop
/// session and to submit its self-assessment by 31 July 2567; a second circular extends it to
/// 16 August; the province passes the extension to Muang district only, so Tha Pla's LAOs never get it.
/// </summary>
public abstract class when_a_circular_asks_the_laos_to_act(Backend backend)
{
    private static DateTimeOffset Day(int month, int day, int hour = 9) => new(2024, month, day, hour, 0, 0, TimeSpan.FromHours(7));

    private sealed class Story : IAsyncDisposable
    {
        public required Offices Offices { get; init; }
        public required MovableClock Clock { get; init; }
        public required string Origin { get; init; }
        public required ActionDesk Desk { get; init; }
        public required ActionAssignment Assignment { get; init; }
        public ValueTask DisposeAsync() => Offices.DisposeAsync();

        public async Task SetAsync(DateTimeOffset at)
        {
            Clock.Advance(at - Clock.GetUtcNow());
            await Task.CompletedTask;
        }

        public IReadOnlyList<string> LocalsOf(string district) => AddresseeGroup.LocalsOf(district).Resolve(Offices.Directory.Current).Select(o => o.Id).ToList();
    }

    private async Task<Story> RequestAsync()
    {
        var clock = new MovableClock(Day(3, 14));
        var offices = await Offices.OpenAsync(backend, clock);
        var letters = offices.Letters;
        var view = offices.Directory.Current;
        var origin = await letters.DraftAsync("pmo.clerk", "pmo-ops", Offices.Circular(), ["prov-53"]);
        await letters.RequestActionsAsync("pmo.clerk", origin, SeedActions.All(view));
        await letters.SignAsync("pmo.head", origin);
        await letters.DispatchAsync("pmo.clerk", origin);
        await offices.Delivery().CatchUpAsync();
        var assignment = new ActionAssignment(offices.Store, StoreOptions.ProjectionStorageFor(offices.Store), offices.Types, offices.Directory);
        var story = new Story
        {
            Offices = offices, Clock = clock, Origin = origin, Assignment = assignment,
            Desk = new ActionDesk(offices.Store, offices.Types, offices.Directory, offices.Access, clock),
        };
        await story.SetAsync(Day(3, 20));
        var provincial = await offices.ForwardAsync(IncomingLetter.StreamId("prov-53", origin), "uttaradit.clerk", "uttaradit.vice", "uttaradit.governor",
            [.. AddresseeGroup.DistrictsOf("prov-53").Resolve(view).Select(d => d.Id).Where(d => d is "dist-5301" or "dist-5302"),
             .. AddresseeGroup.ProvinceLocalsOf("prov-53").Resolve(view).Select(d => d.Id)]);
        await story.SetAsync(Day(3, 27));
        await offices.ForwardAsync(IncomingLetter.StreamId("dist-5301", provincial), "muang.clerk", "muang.chief", "muang.chief", story.LocalsOf("dist-5301"));
        await ForwardAsDistrictAsync(offices, IncomingLetter.StreamId("dist-5302", provincial), story.LocalsOf("dist-5302"));
        await assignment.CatchUpAsync();
        return story;
    }

    /// <summary>Tha Pla has no demo staff: an admin-less path through the same commands, with the district's own users.</summary>
    private static async Task<string> ForwardAsDistrictAsync(Offices offices, string incoming, IReadOnlyList<string> to)
    {
        await EnsureStaffAsync(offices, "dist-5302");
        return await offices.ForwardAsync(incoming, "c.dist-5302", "h.dist-5302", "h.dist-5302", to);
    }

    private static async Task EnsureStaffAsync(Offices offices, string office)
    {
        if (offices.Access.Current.FindUser($"c.{office}") is not null) return;
        var o = offices.Directory.Current.Get(office);
        await offices.Access.RegisterUsersAsync(
            [new($"c.{office}", office, $"เจ้าหน้าที่ {o.Name}", "เจ้าพนักงานธุรการ", [Role.Clerk]),
             new($"h.{office}", office, $"หัวหน้า {o.Name}", o.HeadTitle, [Role.Head])],
            "test-password", new EventMetadata("test", "system", Guid.CreateVersion7(), null), default);
    }

    private static IReadOnlyList<IReadOnlyList<string>> Table(params string[] lines) => Csv.Parse(string.Join("\n", lines));

    [Fact]
    public async Task every_lao_reached_gets_its_own_action_with_its_session_and_deadline()
    {
        await using var story = await RequestAsync();
        var compliance = (await story.Offices.ViewsAsync()).Compliance;
        var muang = story.LocalsOf("dist-5301");
        var reached = muang.Count + story.LocalsOf("dist-5302").Count + AddresseeGroup.ProvinceLocalsOf("prov-53").Resolve(story.Offices.Directory.Current).Count;

        var byProvince = await compliance.CountsAsync(story.Origin, SeedActions.Assessment, ComplianceGrouping.Province, new DateOnly(2024, 4, 1));
        Assert.Equal(reached, byProvince["prov-53"].Asked);
        Assert.Equal(reached, byProvince["prov-53"].NotStarted);
        var town = await compliance.FindAsync(new ActionRef("lao-town-5301-01", story.Origin, SeedActions.Workshop));
        Assert.Equal((1, new DateOnly(2024, 4, 19)), (town!.Session, town.Due));     // เทศบาลเมือง: session 1, reply by 19 Apr
        var sao = await compliance.FindAsync(new ActionRef("lao-sao-5301-01", story.Origin, SeedActions.Workshop));
        Assert.Equal((4, new DateOnly(2024, 4, 26)), (sao!.Session, sao.Due));        // อบต. of Uttaradit: session 4
        Assert.Null(await compliance.FindAsync(new ActionRef("lao-sao-5303-01", story.Origin, SeedActions.Assessment)));
        // The province and districts relay the letter: they are not asked to act.
        Assert.Empty(await compliance.OfOfficeAsync("prov-53"));
        var forwarded = await story.Offices.Letters.ReadOutgoingAsync("muang.clerk",
            (await story.Offices.Letters.ReadIncomingAsync("lao.clerk", town.IncomingStreamId)).Arrival!.FromLetterId!);
        Assert.Equal(story.Origin, forwarded.Asks!.Origin);
        Assert.Equal([SeedActions.Workshop, SeedActions.Assessment], forwarded.Asks.Actions.Select(a => a.Key));

        // Running the assignment again, or a second copy of the circular, changes nothing.
        Assert.Equal(0, await story.Assignment.CatchUpAsync());
    }

    [Fact]
    public async Task a_schedule_that_misses_or_doubles_laos_is_refused_naming_them_and_nothing_is_stored()
    {
        await using var offices = await Offices.OpenAsync(backend, new MovableClock(Day(3, 14)));
        var letters = offices.Letters;
        var view = offices.Directory.Current;
        var draft = await letters.DraftAsync("pmo.clerk", "pmo-ops", Offices.Circular(), ["prov-53"]);
        // Uttaradit's อบต. put in session 8 as well as 4, as the printed copy has it.
        var doubled = SeedActions.ScheduleTable().Select(r => r[0] == "8" ? r.Select((c, i) => i == 4 ? c + "|อุตรดิตถ์" : c).ToList() : r.ToList()).ToList();
        var workshop = SeedActions.All(view)[0] with { Due = DueRule.Schedule(WorkshopSchedule.Parse(doubled, view)) };

        var error = await Assert.ThrowsAsync<ScheduleException>(() => letters.RequestActionsAsync("pmo.clerk", draft, [workshop]));

        Assert.Contains(error.Errors, e => e.StartsWith("องค์การบริหารส่วนตำบลถ้ำฉลอง (lao-sao-5301-01): อยู่ในหลายรอบ ๔, ๘"));
        Assert.Null((await letters.ReadOutgoingAsync("pmo.clerk", draft)).Asks);
        await Assert.ThrowsAsync<DomainException>(() => letters.RequestActionsAsync("pmo.clerk", draft,
            [SeedActions.All(view)[1], SeedActions.All(view)[1]]));
        await letters.RequestActionsAsync("pmo.clerk", draft, SeedActions.All(view));
        await letters.SignAsync("pmo.head", draft);
        await Assert.ThrowsAsync<DomainException>(() => letters.RequestActionsAsync("pmo.clerk", draft, SeedActions.All(view)));
    }

    [Fact]
    public async Task the_lao_replies_and_submits_and_the_extension_counts_only_where_it_arrived()
    {
        await using var story = await RequestAsync();
        var (letters, desk, offices) = (story.Offices.Letters, story.Desk, story.Offices);
        var town = new ActionRef("lao-town-5301-01", story.Origin, SeedActions.Workshop);

        await story.SetAsync(Day(4, 10));
        Assert.True(await desk.ReplyAsync("lao.clerk", town, [new("นางสาวสมใจ รักงาน", "ปลัดเทศบาล", "๐๘๑ ๒๓๔ ๕๖๗๘", "somjai@example.go.th")]));
        Assert.False(await desk.ReplyAsync("lao.clerk", town, [new("นางสาวสมใจ รักงาน", "ปลัดเทศบาล", "081 234 5678", "somjai@example.go.th")]));
        await story.SetAsync(Day(4, 25));
        var late = await Assert.ThrowsAsync<DomainException>(() => desk.ReplyAsync("lao.clerk", town, [new("นายอื่น", "", "", "")]));
        Assert.Contains("ก่อนวันที่", late.Message);
        await Assert.ThrowsAsync<AccessDeniedException>(() => desk.ReplyAsync("muang.clerk", town, [new("นายอื่น", "", "", "")]));

        // The extension: 23 July, citing the first circular; Uttaradit passes it to Muang on 25 July, never to Tha Pla.
        await story.SetAsync(Day(7, 23));
        var extension = await letters.DraftAsync("pmo.clerk", "pmo-ops", Offices.Circular("ขยายระยะเวลาการประเมินตนเองตามมาตรฐานขั้นต่ำ") with
        {
            References = [new("นร ๐๑๐๗/ว ๑", new DateOnly(2024, 3, 14), "สำนักงานปลัดสำนักนายกรัฐมนตรี", story.Origin)],
        }, ["prov-53"]);
        var wrong = await Assert.ThrowsAsync<DomainException>(() => letters.ExtendActionAsync("pmo.clerk", extension, story.Origin, "no-such", new DateOnly(2024, 8, 16), "ขยาย"));
        Assert.Contains("ไม่มีคำขอ 'no-such'", wrong.Message);
        await letters.ExtendActionAsync("pmo.clerk", extension, story.Origin, SeedActions.Assessment, SeedActions.AssessmentExtendedTo, "ขยายระยะเวลา");
        await letters.SignAsync("pmo.head", extension);
        await letters.DispatchAsync("pmo.clerk", extension);
        await offices.Delivery().CatchUpAsync();
        await story.SetAsync(Day(7, 25));
        var provincial = await offices.ForwardAsync(IncomingLetter.StreamId("prov-53", extension), "uttaradit.clerk", "uttaradit.vice", "uttaradit.governor", ["dist-5301"]);
        await story.SetAsync(Day(7, 26));
        await offices.ForwardAsync(IncomingLetter.StreamId("dist-5301", provincial), "muang.clerk", "muang.chief", "muang.chief", story.LocalsOf("dist-5301"));
        await story.Assignment.CatchUpAsync();

        // The assessment system's export, imported by ODLOC on 12 August.
        await story.SetAsync(Day(8, 12));
        var muangSao = "lao-sao-5301-01";
        var thaPlaSao = "lao-sao-5302-01";
        string[] file =
        [
            "office_id,form,status,submitted_at,submitted_by",
            $"{muangSao},อปท.๑,submitted,๒๕๖๗-๐๘-๑๐,นายก อบต.",
            $"{thaPlaSao},อปท.๑,ส่งแล้ว,10/08/2567,นายก อบต.",
            $"{muangSao},อปท.๒-๑,in-progress,,",
            $"{muangSao},อปท.๙,submitted,2024-08-10,x",
            "lao-sao-5303-01,อปท.๑,submitted,2024-08-10,x",
            "no-such-office,อปท.๑,submitted,2024-08-10,x",
            $"{thaPlaSao},อปท.๒-๑,submitted,31/02/2567,x",
            $"{muangSao},อปท.๑,submitted,2024-08-11,ซ้ำ",
            $"{thaPlaSao},อปท.๒-๒,finished,2024-08-10,x",
        ];
        var report = await desk.ImportAsync("odloc.tracker", story.Origin, null, Table(file));
        Assert.Equal((3, 6, 0), (report.Accepted, report.Rejected, report.Unchanged));
        string Reason(int line) => report.Rows.Single(r => r.Line == line).Reason ?? "";
        Assert.Contains("ไม่มีแบบ 'อปท.๙'", Reason(5));
        Assert.Contains("never asked", Reason(6));
        Assert.Contains("unknown office", Reason(7));
        Assert.Contains("no such day", Reason(8));
        Assert.Contains("duplicate of line 2", Reason(9));
        Assert.Contains("unknown status", Reason(10));
        Assert.Contains("late", Reason(3));          // Tha Pla never received the extension: 10 August is past 31 July
        Assert.Null(report.Rows.Single(r => r.Line == 2).Reason);   // Muang had it from 26 July: on time

        var again = await desk.ImportAsync("odloc.tracker", story.Origin, null, Table(file));
        Assert.Equal((0, 6, 3), (again.Accepted, again.Rejected, again.Unchanged));
        await Assert.ThrowsAsync<DomainException>(() => desk.ImportAsync("odloc.tracker", story.Origin, null, Table("office,form,state", $"{muangSao},อปท.๑,submitted")));
        await Assert.ThrowsAsync<AccessDeniedException>(() => desk.ImportAsync("uttaradit.clerk", story.Origin, null, Table(file)));

        await EnsureStaffAsync(offices, muangSao);
        var muangAction = await desk.ReadAsync($"c.{muangSao}", new ActionRef(muangSao, story.Origin, SeedActions.Assessment));
        Assert.Equal([SeedActions.AssessmentExtendedTo], muangAction.Moves.Select(m => m.Due));
        Assert.Equal(SeedActions.AssessmentCloses, muangAction.DueAt(Day(7, 25)));
        Assert.Equal(SeedActions.AssessmentExtendedTo, muangAction.DueAt(Day(7, 26, 12)));

        // On 14 August Muang's LAOs still have until the 16th; Tha Pla's deadline, never moved, passed on 31 July.
        var compliance = (await offices.ViewsAsync()).Compliance;
        var today = new DateOnly(2024, 8, 14);
        var counts = await compliance.CountsAsync(story.Origin, SeedActions.Assessment, ComplianceGrouping.Area, today, "prov-53");
        var (muangCount, thaPlaCount) = (story.LocalsOf("dist-5301").Count, story.LocalsOf("dist-5302").Count);
        Assert.Equal(new ComplianceCounts(muangCount, 0, 0, 1, muangCount - 1, 0), counts["dist-5301"]);
        Assert.Equal(new ComplianceCounts(thaPlaCount, 0, 0, 0, 0, thaPlaCount), counts["dist-5302"]);
        var lateList = await compliance.LateAsync(story.Origin, SeedActions.Assessment, today, "prov-53");
        // Uttaradit passed the extension to Muang only: its own LAOs (the อบจ.) and Tha Pla's are late.
        var direct = AddresseeGroup.ProvinceLocalsOf("prov-53").Resolve(offices.Directory.Current).Select(o => o.Id);
        Assert.Equal(story.LocalsOf("dist-5302").Concat(direct).Order(), lateList.Select(s => s.OfficeId).Order());
        var muangRow = await compliance.FindAsync(new ActionRef(muangSao, story.Origin, SeedActions.Assessment));
        Assert.Equal((SeedActions.AssessmentExtendedTo, SeedActions.AssessmentCloses, 1), (muangRow!.Due, muangRow.FirstDue, muangRow.FormsSubmitted));
        var forms = await compliance.FormsAsync(story.Origin, SeedActions.Assessment);
        Assert.Equal((0, 2, 1), forms["อปท.๑"]);

        // Uttaradit held the extension from 25 July (registered) to forwarding it the same day; Tha Pla still holds nothing of it.
        var hops = await (await offices.ViewsAsync()).Hops.SlowestAsync(extension, Day(8, 20));
        Assert.Contains(hops, h => h.OfficeId == "prov-53" && h.ForwardedAt is not null);
    }
}

public sealed class when_a_circular_asks_the_laos_to_act_on_sqlite() : when_a_circular_asks_the_laos_to_act(new SqliteBackend());
public sealed class when_a_circular_asks_the_laos_to_act_on_postgres() : when_a_circular_asks_the_laos_to_act(new PostgresBackend());
