using Saraban.Workflow.Actions;

namespace Saraban.Web.Actions;

/// <summary>The Thai words of requested actions, with a mark that reads without colour.</summary>
internal static class ActionText
{
    public static string Kind(ActionKind k) => k switch
    {
        ActionKind.ReplyForm => "แบบตอบรับ",
        ActionKind.Submission => "ส่งแบบประเมิน",
        _ => "รับทราบ",
    };

    public static string State(ActionState s) => s switch
    {
        ActionState.Done => "✓ ดำเนินการแล้ว",
        ActionState.DoneLate => "✓ ดำเนินการแล้ว (ล่าช้า)",
        ActionState.InProgress => "◐ กำลังดำเนินการ",
        ActionState.Overdue => "⚠ เกินกำหนด",
        _ => "○ ยังไม่ดำเนินการ",
    };

    public static string Css(ActionState s) => s switch
    {
        ActionState.Done => "s-done",
        ActionState.DoneLate or ActionState.InProgress => "s-wait",
        ActionState.Overdue => "overdue",
        _ => "due",
    };

    public static string Form(FormStatus s) => s switch
    {
        FormStatus.Submitted => "✓ ส่งแล้ว",
        FormStatus.InProgress => "◐ กำลังดำเนินการ",
        _ => "○ ยังไม่เริ่ม",
    };
}
