using Saraban.Workflow.EventStore;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Retention;

/// <summary>
/// อายุการเก็บหนังสือ: how long a register entry's letter is kept (ระเบียบฯ ข้อ ๕๗). Ten years unless
/// the office says otherwise; routine letters one year, financial papers five (or as the Ministry of
/// Finance's rules say), and letters to be kept for good.
/// </summary>
public enum RetentionClass { TenYears, OneYear, FiveYears, Permanent }

/// <summary>The class of a register entry's letter (stream <c>in-…</c> or <c>out-…</c>): set by the clerk when it is entered, changed later only by the office's admin with a reason.</summary>
public sealed record RetentionSet(RetentionClass Class, string? Reason, string UserId);

public static class Retention
{
    /// <summary>Handed to the National Archives once this old (ระเบียบฯ ข้อ ๕๘): listed for handover rather than kept on.</summary>
    public const int ArchivesAge = 20;

    public static int? Years(this RetentionClass c) => c switch
    {
        RetentionClass.OneYear => 1,
        RetentionClass.FiveYears => 5,
        RetentionClass.Permanent => null,
        _ => 10,
    };

    public static string Thai(this RetentionClass c) => c switch
    {
        RetentionClass.OneYear => "เก็บ ๑ ปี (เรื่องธรรมดา)",
        RetentionClass.FiveYears => "เก็บ ๕ ปี (เอกสารการเงิน)",
        RetentionClass.Permanent => "เก็บตลอดไป",
        _ => "เก็บ ๑๐ ปี",
    };

    /// <summary>
    /// A class for the entry. The first setting is the clerk's, at registration; a change of a class
    /// already set needs the office's admin and a reason, since it moves the year the letter may go.
    /// </summary>
    public static RetentionSet DecideSet(RetentionClass? current, RetentionClass wanted, bool isAdmin, string? reason, string userId)
    {
        if (!Enum.IsDefined(wanted)) throw new DomainException("ไม่รู้จักอายุการเก็บนี้ (unknown retention class).");
        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (why is { Length: > 1000 }) throw new DomainException($"เหตุผลยาวเกิน {ThaiDigits.Format(1000)} ตัวอักษร (the reason is too long).");
        if (current is null) return new RetentionSet(wanted, why, userId);
        if (current == wanted) throw new DomainException($"อายุการเก็บเป็น{wanted.Thai()}อยู่แล้ว (the class is {wanted} already).");
        if (!isAdmin) throw new Access.AccessDeniedException("เปลี่ยนอายุการเก็บที่กำหนดแล้วได้เฉพาะผู้ดูแลระบบของหน่วยงาน (only the office's admin changes a class already set).");
        if (why is null) throw new DomainException("ต้องระบุเหตุผลที่เปลี่ยนอายุการเก็บ (a change of class needs a reason).");
        return new RetentionSet(wanted, why, userId);
    }

    public static EventTypes Register(EventTypes types) => types.Register<RetentionSet>("retention-set");
}
