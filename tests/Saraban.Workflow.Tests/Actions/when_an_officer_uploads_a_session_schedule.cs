using Saraban.Workflow.Actions;
using Saraban.Workflow.Cascade;
using Saraban.Workflow.Directory;
using Saraban.Workflow.Letters;

namespace Saraban.Workflow.Tests.Actions;

public sealed class when_an_officer_uploads_a_session_schedule
{
    private static readonly DirectoryView Directory = Shipped();

    private static DirectoryView Shipped()
    {
        var view = DirectoryView.Empty;
        foreach (var o in DirectoryCsv.LoadShipped()) view.Apply(new OrganizationRegistered(o), DateTimeOffset.UnixEpoch);
        return view;
    }

    private static IReadOnlyList<Organization> Locals => Directory.All.Where(o => o.Type.IsLocal()).ToList();

    [Fact]
    public void the_seed_table_places_every_one_of_the_7850_laos_in_exactly_one_session()
    {
        var sessions = WorkshopSchedule.Parse(SeedActions.ScheduleTable(), Directory);
        var check = WorkshopSchedule.Check(sessions, Locals, Directory);
        Assert.Equal(7850, Locals.Count);
        Assert.True(check.Ok, string.Join("\n", check.Problems()));
        Assert.Equal(7850, check.PerSession.Values.Sum());
        Assert.Equal(303, check.PerSession[1]);
        // The directory's mix of เทศบาลตำบล and อบต. per province is not the letter's: the differences are shown, not refused.
        Assert.All(check.CountsDiffer, d => Assert.Equal(sessions.Single(s => s.Number == d.Session).CountInLetter, d.InLetter));
        Assert.Equal(check.CountsDiffer.Select(d => d.Session), sessions.Where(s => s.CountInLetter != check.PerSession[s.Number]).Select(s => s.Number));
    }

    [Fact]
    public void the_table_as_printed_names_the_laos_it_doubles_and_misses()
    {
        // Session 8 as the OCR'd copy prints it: อุตรดิตถ์ where อุดรธานี was meant.
        var rows = SeedActions.ScheduleTable().Select(r => r[0] == "8" ? r.Select((c, i) => i == 4 ? c.Replace("อุดรธานี", "อุตรดิตถ์") : c).ToList() : r.ToList()).ToList();
        var check = WorkshopSchedule.Check(WorkshopSchedule.Parse(rows, Directory), Locals, Directory);
        Assert.False(check.Ok);
        Assert.Equal(116, check.Unmatched.Count);
        Assert.All(check.Unmatched, o => Assert.Equal("prov-41", Directory.ProvinceOf(o.Id)!.Id));
        Assert.Equal(49, check.Overlapping.Count);
        Assert.All(check.Overlapping, x => Assert.Equal([4, 8], x.Sessions));
        Assert.Contains(check.Problems(), p => p.Contains("อยู่ในหลายรอบ ๔, ๘"));
        Assert.Contains(check.Problems(), p => p.Contains("ไม่อยู่ในรอบใด"));
    }

    [Theory]
    [InlineData("session,date,reply_by,lao_types\n1,2024-04-22,2024-04-19,sao", "provinces")]
    [InlineData("session,date,reply_by,lao_types,provinces\nx,2024-04-22,2024-04-19,sao,แพร่", "bad session number")]
    [InlineData("session,date,reply_by,lao_types,provinces\n1,2024-13-22,2024-04-19,sao,แพร่", "no such day")]
    [InlineData("session,date,reply_by,lao_types,provinces\n1,2024-04-22,2024-04-19,district,แพร่", "unknown LAO type")]
    [InlineData("session,date,reply_by,lao_types,provinces\n1,2024-04-22,2024-04-19,sao,ป่าน", "unknown province")]
    [InlineData("session,date,reply_by,lao_types,provinces\n1,2024-04-22,2024-04-19,sao,แพร่\n1,2024-04-23,2024-04-19,pao,แพร่", "appears twice")]
    public void a_bad_cell_is_named_by_its_row(string table, string expected)
    {
        var error = Assert.ThrowsAny<DomainException>(() => WorkshopSchedule.Parse(Csv.Parse(table), Directory));
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("2024-07-31", 2024, 7, 31)]
    [InlineData("๒๕๖๗-๐๗-๓๑", 2024, 7, 31)]
    [InlineData("31/07/2567", 2024, 7, 31)]
    [InlineData("๓๑/๗/๒๕๖๗", 2024, 7, 31)]
    [InlineData("31/07/2024", 2024, 7, 31)]
    [InlineData("๓๑ กรกฎาคม ๒๕๖๗", 2024, 7, 31)]
    [InlineData("2024-07-31T23:30:00+00:00", 2024, 8, 1)]
    public void dates_are_read_iso_or_thai_in_either_digit_set(string text, int y, int m, int d) =>
        Assert.Equal(new DateOnly(y, m, d), ActionDates.ParseDate(text));

    [Theory]
    [InlineData("")]
    [InlineData("2024-02-30")]
    [InlineData("31/07/67")]
    [InlineData("yesterday")]
    [InlineData("1066-10-14")]
    public void a_bad_date_gets_a_clear_error(string text) =>
        Assert.False(ActionDates.TryParse(text, out _, out var error) && error is null);

    [Fact]
    public void a_submission_needs_forms_and_a_schedule_no_other_date()
    {
        Assert.Throws<DomainException>(() => new RequestedActionSpec("x", ActionKind.Submission, "ส่ง", [], [], DueRule.By(new DateOnly(2024, 7, 31)), []).Validate());
        Assert.Throws<DomainException>(() => new RequestedActionSpec("x y", ActionKind.Acknowledgement, "ทราบ", [], [], DueRule.By(new DateOnly(2024, 7, 31)), []).Validate());
        Assert.Throws<DomainException>(() => new RequestedActionSpec("x", ActionKind.Acknowledgement, "ทราบ", [], ["district"], DueRule.By(new DateOnly(2024, 7, 31)), []).Validate());
        Assert.Throws<DomainException>(() => new RequestedActionSpec("x", ActionKind.Submission, "ส่ง", ["a"], [], DueRule.Window(new DateOnly(2024, 8, 1), new DateOnly(2024, 7, 31)), []).Validate());
    }

    [Fact]
    public void csv_fields_may_hold_commas_quotes_and_line_breaks() =>
        Assert.Equal([["a,b", "say \"hi\"", "two\nlines"], ["c", "", "d"]],
            Csv.Parse("\uFEFF\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nc,,d\r\n").Select(r => r.ToList()).ToList());
}
