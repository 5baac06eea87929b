using Saraban.Workflow.Directory;

namespace Saraban.Workflow.Actions;

public enum ActionKind
{
    /// <summary>แบบตอบรับ: a reply form, e.g. the staff nominated for a workshop session.</summary>
    ReplyForm,
    /// <summary>การส่งข้อมูล: a submission of forms, each with its own state (อปท.๑, อปท.๒-๑ … ๒-๖).</summary>
    Submission,
    /// <summary>รับทราบ: the office only confirms it has read the letter.</summary>
    Acknowledgement,
}

/// <summary>
/// What a circular asks its receivers to do (คำขอให้ดำเนินการ), by when, and whom it asks: the LAOs
/// of the given types below the letter's addressees. Forwarding the circular carries it unchanged.
/// </summary>
/// <param name="Key">Names the action within its letter: the origin letter and key identify it everywhere.</param>
/// <param name="Forms">For a submission: the forms, each submitted on its own.</param>
/// <param name="LaoTypes">The directory's type codes asked to act; every LAO type when empty.</param>
/// <param name="RemindDaysBefore">Days before an office's deadline on which it is reminded, if it has not acted.</param>
public sealed record RequestedActionSpec(string Key, ActionKind Kind, string Title, IReadOnlyList<string> Forms,
    IReadOnlyList<string> LaoTypes, DueRule Due, IReadOnlyList<int> RemindDaysBefore)
{
    public const int MaxForms = 50;

    public bool Asks(Organization office) =>
        office.Type.IsLocal() && (LaoTypes.Count == 0 || LaoTypes.Contains(office.Type.Code()));

    /// <summary>The rule's checks that need no directory; a schedule's match against the offices is <see cref="WorkshopSchedule.Check"/>.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Key) || Key.Length > 64 || !Key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new DomainException($"รหัสของคำขอ '{Key}' ใช้ได้เฉพาะตัวอักษรอังกฤษ ตัวเลข - และ _ ไม่เกิน ๖๔ ตัว (an action key is 1–64 of a-z, 0-9, - and _).");
        if (string.IsNullOrWhiteSpace(Title)) throw new DomainException($"คำขอ '{Key}' ต้องมีชื่อ (an action needs a title).");
        foreach (var t in LaoTypes)
            if (!OrganizationTypes.Parse(t).IsLocal())
                throw new DomainException($"คำขอ '{Key}': ประเภท '{t}' ไม่ใช่ อปท. (only local administrative organizations are asked to act).");
        if (Kind == ActionKind.Submission && Forms.Count == 0) throw new DomainException($"คำขอ '{Key}' ต้องระบุแบบที่ต้องส่ง (a submission names its forms).");
        if (Kind != ActionKind.Submission && Forms.Count > 0) throw new DomainException($"คำขอ '{Key}': ระบุแบบได้เฉพาะการส่งข้อมูล (only a submission has forms).");
        if (Forms.Count > MaxForms || Forms.Any(string.IsNullOrWhiteSpace) || Forms.Distinct().Count() != Forms.Count)
            throw new DomainException($"คำขอ '{Key}': แบบที่ต้องส่งว่างหรือซ้ำกัน (the forms are blank or repeated).");
        if (RemindDaysBefore.Any(d => d is < 0 or > 365) || RemindDaysBefore.Distinct().Count() != RemindDaysBefore.Count)
            throw new DomainException($"คำขอ '{Key}': วันเตือนล่วงหน้าต้องเป็น ๐–๓๖๕ วัน ไม่ซ้ำกัน (reminder offsets are 0–365 days, each once).");
        Due.Validate(Key);
    }
}

/// <summary>
/// By when: one date, a window (from … to), or a schedule of sessions, each with its own reply-by
/// date for the LAOs it takes in. Exactly one of the three is set.
/// </summary>
public sealed record DueRule(DateOnly? Date, DateOnly? Opens, IReadOnlyList<ScheduledSession>? Sessions)
{
    public static DueRule By(DateOnly date) => new(date, null, null);
    public static DueRule Window(DateOnly opens, DateOnly closes) => new(closes, opens, null);
    public static DueRule Schedule(IReadOnlyList<ScheduledSession> sessions) => new(null, null, sessions);

    internal void Validate(string key)
    {
        if (Sessions is { } sessions)
        {
            if (Date is not null || Opens is not null) throw new DomainException($"คำขอ '{key}': กำหนดส่งเป็นตารางรอบแล้ว ระบุวันอีกไม่ได้ (a schedule has no other date).");
            if (sessions.Count == 0) throw new DomainException($"คำขอ '{key}': ตารางรอบว่าง (the schedule has no sessions).");
            if (sessions.Select(s => s.Number).Distinct().Count() != sessions.Count)
                throw new DomainException($"คำขอ '{key}': หมายเลขรอบซ้ำกัน (a session number appears twice).");
            return;
        }
        if (Date is null) throw new DomainException($"คำขอ '{key}' ต้องมีกำหนดส่ง (an action needs a due date).");
        if (Opens is { } opens && opens > Date) throw new DomainException($"คำขอ '{key}': วันเริ่มส่งอยู่หลังวันสุดท้าย (the window opens after it closes).");
    }

    /// <summary>The office's own deadline and session; null when the schedule places it in no session.</summary>
    public (DateOnly Due, int? Session)? For(Organization office, DirectoryView directory)
    {
        if (Sessions is null) return (Date!.Value, null);
        var hit = Sessions.Where(s => s.Takes(office, directory)).ToList();
        return hit.Count == 1 ? (hit[0].ReplyBy, hit[0].Number) : null;
    }
}

/// <summary>One workshop session (ครั้งที่): its date, the reply-by date, and the LAOs it takes in by type and province.</summary>
/// <param name="Provinces">Province names as the letter writes them, without "จังหวัด"; an LAO outside every province (กทม.) is taken by type alone.</param>
public sealed record ScheduledSession(int Number, DateOnly Date, DateOnly ReplyBy, IReadOnlyList<string> LaoTypes, IReadOnlyList<string> Provinces, int? CountInLetter)
{
    public bool Takes(Organization office, DirectoryView directory)
    {
        if (!LaoTypes.Contains(office.Type.Code())) return false;
        return directory.ProvinceOf(office.Id) is not { } province || Provinces.Contains(WorkshopSchedule.ProvinceName(province));
    }
}
