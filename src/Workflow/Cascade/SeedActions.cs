using Saraban.Workflow.Actions;
using Saraban.Workflow.Directory;

namespace Saraban.Workflow.Cascade;

/// <summary>
/// What the seed's circulars ask (DOMAIN.md): staff nominated for one of the 8 workshop sessions by
/// each session's reply-by date, and the minimum-standards self-assessment (อปท.๑, อปท.๒-๑ … ๒-๖)
/// between 4 June and 31 July 2567, later extended to 16 August.
/// </summary>
public static class SeedActions
{
    public const string Workshop = "workshop", Assessment = "assessment";
    public static readonly IReadOnlyList<string> AssessmentForms = ["อปท.๑", "อปท.๒-๑", "อปท.๒-๒", "อปท.๒-๓", "อปท.๒-๔", "อปท.๒-๕", "อปท.๒-๖"];
    public static readonly DateOnly AssessmentOpens = new(2024, 6, 4), AssessmentCloses = new(2024, 7, 31), AssessmentExtendedTo = new(2024, 8, 16);

    /// <summary>The session table shipped with the seed (Cascade/data/workshop-2567-sessions.csv, from the letter's enclosure).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> ScheduleTable()
    {
        using var stream = typeof(SeedActions).Assembly.GetManifestResourceStream("Saraban.Workflow.Cascade.workshop-2567-sessions.csv")!;
        return Csv.Parse(new StreamReader(stream).ReadToEnd());
    }

    public static IReadOnlyList<RequestedActionSpec> All(DirectoryView directory) =>
    [
        new(Workshop, ActionKind.ReplyForm, "แจ้งรายชื่อผู้เข้าร่วมประชุมเชิงปฏิบัติการ", [], [], DueRule.Schedule(WorkshopSchedule.Parse(ScheduleTable(), directory)), [3]),
        new(Assessment, ActionKind.Submission, "ประเมินตนเองตามมาตรฐานขั้นต่ำการจัดบริการสาธารณะ", AssessmentForms, [],
            DueRule.Window(AssessmentOpens, AssessmentCloses), [7, 1]),
    ];
}
