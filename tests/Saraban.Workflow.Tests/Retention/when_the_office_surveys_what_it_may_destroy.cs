using Saraban.Workflow.Access;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Retention;
using Saraban.Workflow.Tests.EventStore;
using Saraban.Workflow.Tests.Letters;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Tests.Retention;

public abstract class when_the_office_surveys_what_it_may_destroy(Backend backend)
{
    private static readonly TimeSpan Bangkok = TimeSpan.FromHours(7);

    private static async Task<string> EnterAsync(Offices offices, string subject, RetentionClass? retention = null)
    {
        var now = offices.Clock.GetUtcNow();
        var (stream, _) = await offices.Letters.RegisterPaperAsync("uttaradit.clerk", "prov-53", new PaperLetter("บริษัท ไปรษณีย์ไทย จำกัด", "ที่ ปณท ๑๒๓",
            BangkokTime.DateOf(now), Offices.Circular(subject) with { Kind = LetterKind.ExternalLetter, Body = [] }), now);
        if (retention is { } r) await offices.Letters.SetRetentionAsync("uttaradit.clerk", stream, r, null);
        return stream;
    }

    [Fact]
    public async Task expired_entries_are_listed_by_class_permanent_ones_at_twenty_years_go_to_the_archives_and_only_the_admin_changes_a_class()
    {
        var clock = new MovableClock(new DateTimeOffset(2005, 6, 1, 9, 0, 0, Bangkok));
        await using var offices = await Offices.OpenAsync(backend, clock);
        var kept = await EnterAsync(offices, "ทะเบียนที่ดินสาธารณประโยชน์", RetentionClass.Permanent);
        var tenYears2005 = await EnterAsync(offices, "ขอข้อมูลสถิติประชากร");
        clock.Advance(new DateTimeOffset(2024, 6, 1, 9, 0, 0, Bangkok) - clock.GetUtcNow());
        var routine = await EnterAsync(offices, "แจ้งวันหยุดราชการ", RetentionClass.OneYear);
        await EnterAsync(offices, "ใบสำคัญรับเงินค่าอาหารกลางวัน", RetentionClass.FiveYears);
        await EnterAsync(offices, "ขอความร่วมมือสำรวจข้อมูล");
        clock.Advance(new DateTimeOffset(2026, 1, 15, 9, 0, 0, Bangkok) - clock.GetUtcNow());

        var views = await offices.ViewsAsync();
        var survey = await views.Retention.SurveyAsync("prov-53", new DateOnly(2026, 1, 15));
        Assert.Equal([tenYears2005, routine], survey.Expired.Select(i => i.StreamId));
        Assert.Equal((2015, 2025), (survey.Expired[0].KeptThrough, survey.Expired[1].KeptThrough));
        Assert.Equal(kept, Assert.Single(survey.ForArchives).StreamId);
        Assert.DoesNotContain((await views.Retention.SurveyAsync("prov-53", new DateOnly(2025, 12, 31))).Expired, i => i.StreamId == routine);

        var before = await offices.Store.HeadPositionAsync();
        await Assert.ThrowsAsync<AccessDeniedException>(() => offices.Letters.SetRetentionAsync("uttaradit.clerk", routine, RetentionClass.TenYears, "ใช้อ้างอิง"));
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.SetRetentionAsync("uttaradit.admin", routine, RetentionClass.TenYears, " "));
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.SetRetentionAsync("uttaradit.admin", routine, RetentionClass.OneYear, "เหมือนเดิม"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => offices.Letters.SetRetentionAsync("muang.clerk", routine, RetentionClass.TenYears, "ไม่ใช่ของเรา"));
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.SetRetentionAsync("uttaradit.admin", "in-prov-53-no-such", RetentionClass.TenYears, "ไม่มี"));
        Assert.Equal(before, await offices.Store.HeadPositionAsync());

        await offices.Letters.SetRetentionAsync("uttaradit.admin", routine, RetentionClass.TenYears, "ใช้อ้างอิงในคดีปกครอง");
        await views.CatchUpAsync();
        Assert.Equal([tenYears2005], (await views.Retention.SurveyAsync("prov-53", new DateOnly(2026, 1, 15))).Expired.Select(i => i.StreamId));
        Assert.Empty((await views.Retention.SurveyAsync("dist-5301", new DateOnly(2026, 1, 15))).Expired);
    }
}

public sealed class when_the_office_surveys_what_it_may_destroy_on_sqlite() : when_the_office_surveys_what_it_may_destroy(new SqliteBackend());
public sealed class when_the_office_surveys_what_it_may_destroy_on_postgres() : when_the_office_surveys_what_it_may_destroy(new PostgresBackend());
