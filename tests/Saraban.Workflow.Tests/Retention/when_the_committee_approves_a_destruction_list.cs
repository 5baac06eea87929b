using Saraban.Workflow.Access;
using Saraban.Workflow.Retention;
using Saraban.Workflow.Tests.EventStore;
using Saraban.Workflow.Tests.Letters;

namespace Saraban.Workflow.Tests.Retention;

/// <summary>
/// The destruction list (บัญชีหนังสือขอทำลาย) goes from the survey to a committee of the office, who
/// mark each line destroy or keep, to the head's approval; each wrong step is refused and changes nothing.
/// </summary>
public abstract class when_the_committee_approves_a_destruction_list(Backend backend)
{
    private static readonly DateOnly AsOf = new(2026, 1, 15);

    private static async Task<(Offices Offices, string Old, string Routine, string Kept)> OpenAsync(Backend backend)
    {
        var clock = new MovableClock(new DateTimeOffset(2005, 6, 1, 9, 0, 0, Destruction.Bangkok));
        var offices = await Offices.OpenAsync(backend, clock);
        var kept = await offices.EnterAsync("uttaradit.clerk", "prov-53", "ทะเบียนที่ดินสาธารณประโยชน์", RetentionClass.Permanent);
        var old = await offices.EnterAsync("uttaradit.clerk", "prov-53", "ขอข้อมูลสถิติประชากร");
        clock.Advance(new DateTimeOffset(2024, 6, 1, 9, 0, 0, Destruction.Bangkok) - clock.GetUtcNow());
        var routine = await offices.EnterAsync("uttaradit.clerk", "prov-53", "แจ้งวันหยุดราชการ", RetentionClass.OneYear);
        clock.Advance(new DateTimeOffset(2026, 1, 15, 9, 0, 0, Destruction.Bangkok) - clock.GetUtcNow());
        return (offices, old, routine, kept);
    }

    [Fact]
    public async Task the_head_approves_what_the_committee_considered_and_every_wrong_step_is_refused()
    {
        var (offices, old, routine, kept) = await OpenAsync(backend);
        await using var _ = offices;
        var desk = offices.Desk();
        var survey = await offices.SurveyAsync("prov-53", AsOf);
        // Kept for good and 20 years old: listed for the National Archives, never on the destruction list.
        Assert.Equal(kept, Assert.Single(survey.ForArchives).StreamId);
        await Assert.ThrowsAsync<AccessDeniedException>(() => desk.ProposeAsync("muang.clerk", survey));
        await Assert.ThrowsAsync<AccessDeniedException>(() => desk.ProposeAsync("uttaradit.tracker", survey));
        var list = await desk.ProposeAsync("uttaradit.clerk", survey);
        Assert.Equal([old, routine], list.Items.Select(i => i.StreamId));
        Assert.DoesNotContain(list.Items, i => i.StreamId == kept);

        var head = await offices.Store.HeadPositionAsync();
        async Task Refused<T>(Func<Task> act, string thai) where T : Exception
        {
            var e = await Assert.ThrowsAsync<T>(act);
            Assert.Contains(thai, e.Message);
            Assert.Matches(@"\(.+\)", e.Message); // the English in brackets, as every message has
        }
        await Refused<DomainException>(() => desk.ProposeAsync("uttaradit.clerk", survey), "มีบัญชีหนังสือขอทำลายของปี");
        await Refused<DomainException>(() => desk.ApproveAsync("uttaradit.governor", "prov-53", 2026), "ยังไม่ได้ตั้งคณะกรรมการ");
        await Refused<DomainException>(() => desk.ConsiderAsync("uttaradit.vice", "prov-53", 2026, old, true, null), "ยังไม่ได้ตั้งคณะกรรมการ");
        await Refused<DomainException>(() => desk.SetCommitteeAsync("uttaradit.clerk", "prov-53", 2026, "uttaradit.vice", ["uttaradit.tracker"]), "อย่างน้อยสองคน");
        await Refused<DomainException>(() => desk.SetCommitteeAsync("uttaradit.clerk", "prov-53", 2026, "uttaradit.vice", ["uttaradit.tracker", "uttaradit.vice"]), "อย่างน้อยสองคน");
        await Refused<AccessDeniedException>(() => desk.SetCommitteeAsync("uttaradit.clerk", "prov-53", 2026, "uttaradit.vice", ["uttaradit.tracker", "muang.clerk"]), "ไม่ใช่ผู้ใช้ของหน่วยงานนี้");
        await Refused<AccessDeniedException>(() => desk.SetCommitteeAsync("uttaradit.tracker", "prov-53", 2026, "uttaradit.vice", ["uttaradit.tracker", "uttaradit.admin"]), "ผู้เสนอบัญชี");
        await Refused<AccessDeniedException>(() => desk.SetCommitteeAsync("muang.clerk", "prov-53", 2026, "uttaradit.vice", ["uttaradit.tracker", "uttaradit.admin"]), "ไม่ได้สังกัด");
        Assert.Equal(head, await offices.Store.HeadPositionAsync());

        await desk.SetCommitteeAsync("uttaradit.clerk", "prov-53", 2026, "uttaradit.vice", ["uttaradit.tracker", "uttaradit.admin"]);
        head = await offices.Store.HeadPositionAsync();
        await Refused<AccessDeniedException>(() => desk.ConsiderAsync("uttaradit.clerk", "prov-53", 2026, old, true, null), "เฉพาะคณะกรรมการ");
        await Refused<AccessDeniedException>(() => desk.ConsiderAsync("muang.clerk", "prov-53", 2026, old, true, null), "ไม่ได้สังกัด");
        await Refused<DomainException>(() => desk.ConsiderAsync("uttaradit.vice", "prov-53", 2026, old, false, "  "), "ต้องระบุเหตุผลที่เก็บ");
        await Refused<DomainException>(() => desk.ConsiderAsync("uttaradit.vice", "prov-53", 2026, kept, true, null), "ไม่มีรายการนี้ในบัญชี");
        Assert.Equal(head, await offices.Store.HeadPositionAsync());

        await desk.ConsiderAsync("uttaradit.vice", "prov-53", 2026, old, true, null);
        await Refused<DomainException>(() => desk.ApproveAsync("uttaradit.governor", "prov-53", 2026), "ยังไม่ได้พิจารณาอีก ๑ รายการ");
        await desk.ConsiderAsync("uttaradit.admin", "prov-53", 2026, routine, false, "ใช้อ้างอิงในการตรวจสอบของ สตง.");
        await Refused<AccessDeniedException>(() => desk.ApproveAsync("uttaradit.clerk", "prov-53", 2026), "ไม่มีสิทธิ์สั่งการหรือลงนาม");
        await Refused<AccessDeniedException>(() => desk.ApproveAsync("muang.chief", "prov-53", 2026), "ไม่ได้สังกัด");
        await desk.ApproveAsync("uttaradit.governor", "prov-53", 2026);

        var approved = await desk.ReadAsync("prov-53", 2026);
        Assert.Equal("uttaradit.governor", approved.Approved!.UserId);
        Assert.Equal([old], approved.ToDestroy.Select(i => i.StreamId));
        Assert.Equal("ใช้อ้างอิงในการตรวจสอบของ สตง.", approved.Considered[routine].Reason);
        head = await offices.Store.HeadPositionAsync();
        await Refused<DomainException>(() => desk.ConsiderAsync("uttaradit.vice", "prov-53", 2026, routine, true, null), "ได้รับอนุมัติแล้ว");
        await Refused<DomainException>(() => desk.ApproveAsync("uttaradit.governor", "prov-53", 2026), "ได้รับอนุมัติแล้ว");
        Assert.Equal(head, await offices.Store.HeadPositionAsync());
    }

    [Fact]
    public async Task the_proposer_cannot_approve_the_list_nor_a_member_of_its_committee()
    {
        var (offices, old, routine, _) = await OpenAsync(backend);
        await using var __ = offices;
        var desk = offices.Desk();
        await desk.ProposeAsync("uttaradit.governor", await offices.SurveyAsync("prov-53", AsOf));
        await desk.SetCommitteeAsync("uttaradit.governor", "prov-53", 2026, "uttaradit.vice", ["uttaradit.tracker", "uttaradit.admin"]);
        foreach (var s in new[] { old, routine }) await desk.ConsiderAsync("uttaradit.vice", "prov-53", 2026, s, true, null);
        var head = await offices.Store.HeadPositionAsync();
        var e = await Assert.ThrowsAsync<AccessDeniedException>(() => desk.ApproveAsync("uttaradit.governor", "prov-53", 2026));
        Assert.Contains("ผู้เสนอบัญชีอนุมัติบัญชีของตนเองไม่ได้", e.Message);
        Assert.Null((await desk.ReadAsync("prov-53", 2026)).Approved);
        Assert.Equal(head, await offices.Store.HeadPositionAsync());
    }

    [Fact]
    public async Task a_letter_under_legal_hold_or_made_permanent_cannot_be_marked_destroy()
    {
        var (offices, old, routine, _) = await OpenAsync(backend);
        await using var __ = offices;
        var desk = offices.Desk();
        await desk.ProposeAsync("uttaradit.clerk", await offices.SurveyAsync("prov-53", AsOf));
        await desk.SetCommitteeAsync("uttaradit.clerk", "prov-53", 2026, "uttaradit.vice", ["uttaradit.tracker", "uttaradit.admin"]);
        var head = await offices.Store.HeadPositionAsync();
        await Assert.ThrowsAsync<AccessDeniedException>(() => desk.HoldAsync("uttaradit.clerk", old, true, "คดีปกครองหมายเลขดำ ๑๒/๒๕๖๘"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => desk.HoldAsync("muang.clerk", old, true, "ไม่ใช่ของเรา"));
        await Assert.ThrowsAsync<DomainException>(() => desk.HoldAsync("uttaradit.admin", old, true, " "));
        await Assert.ThrowsAsync<DomainException>(() => desk.HoldAsync("uttaradit.admin", old, false, "ยังไม่ได้ระงับ"));
        await Assert.ThrowsAsync<DomainException>(() => desk.HoldAsync("uttaradit.admin", "in-prov-53-no-such", true, "ไม่มี"));
        Assert.Equal(head, await offices.Store.HeadPositionAsync());

        await desk.HoldAsync("uttaradit.admin", old, true, "คดีปกครองหมายเลขดำ ๑๒/๒๕๖๘");
        await offices.Letters.SetRetentionAsync("uttaradit.admin", routine, RetentionClass.Permanent, "เป็นหลักฐานทางประวัติศาสตร์ของจังหวัด");
        head = await offices.Store.HeadPositionAsync();
        var held = await Assert.ThrowsAsync<DomainException>(() => desk.ConsiderAsync("uttaradit.vice", "prov-53", 2026, old, true, null));
        Assert.Contains("ระงับการทำลาย", held.Message);
        var permanent = await Assert.ThrowsAsync<DomainException>(() => desk.ConsiderAsync("uttaradit.vice", "prov-53", 2026, routine, true, null));
        Assert.Contains("เก็บตลอดไป ทำลายไม่ได้", permanent.Message);
        Assert.Equal(head, await offices.Store.HeadPositionAsync());

        await desk.ConsiderAsync("uttaradit.vice", "prov-53", 2026, old, false, "ระงับการทำลายไว้ระหว่างคดี");
        await desk.HoldAsync("uttaradit.admin", old, false, "คดีถึงที่สุดแล้ว");
        await desk.ConsiderAsync("uttaradit.vice", "prov-53", 2026, old, true, null);
        Assert.True((await desk.ReadAsync("prov-53", 2026)).Considered[old].Destroy);
    }
}

public sealed class when_the_committee_approves_a_destruction_list_on_sqlite() : when_the_committee_approves_a_destruction_list(new SqliteBackend());
public sealed class when_the_committee_approves_a_destruction_list_on_postgres() : when_the_committee_approves_a_destruction_list(new PostgresBackend());
