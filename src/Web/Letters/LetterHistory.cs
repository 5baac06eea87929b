using Saraban.Workflow.Access;
using Saraban.Workflow.EventStore;

namespace Saraban.Web.Letters;

/// <summary>One thing done to a letter, as its history shows it: when, who (name and position), what.</summary>
public sealed record HistoryEntry(DateTimeOffset At, string Who, string What);

/// <summary>
/// A letter's full history (ประวัติการดำเนินการ), read from its stream in the log: every event with who
/// recorded it and when. Call it only after the letter was read through Correspondence, which
/// checks the user may read it.
/// </summary>
internal static class LetterHistory
{
    public static async Task<IReadOnlyList<HistoryEntry>> ReadAsync(IEventStore store, AccessService access, string streamId, CancellationToken ct)
    {
        var events = await store.ReadStreamAsync(streamId, ct: ct);
        return events.Select(e => new HistoryEntry(e.RecordedAt, Who(access, e.Metadata.UserId), What(e.Type))).ToList();
    }

    private static string Who(AccessService access, string userId) =>
        userId == "system" ? "ระบบ" : access.Current.FindUser(userId) is { } u ? $"{u.FullName} ({u.Position})" : userId;

    private static string What(string type) => (type.IndexOf(".v", StringComparison.Ordinal) is var i and > 0 ? type[..i] : type) switch
    {
        "letter-drafted" => "ร่างหนังสือ",
        "letter-signed" => "ลงนาม",
        "letter-dispatched" => "ออกเลขและส่งหนังสือ",
        "letter-arrived" => "หนังสือมาถึงหน่วยงาน",
        "letter-registered" => "ลงทะเบียนรับ",
        "minute-written" => "เกษียนหนังสือ",
        "letter-decided" => "สั่งการ",
        "letter-forwarded" => "ร่างหนังสือแจ้งต่อ",
        "letter-acknowledged" => "รับทราบ",
        "requested-action-done" => "แจ้งว่าดำเนินการแล้ว",
        "enclosure-attached" => "แนบไฟล์สิ่งที่ส่งมาด้วย",
        "enclosure-removed" => "นำไฟล์สิ่งที่ส่งมาด้วยออก",
        "draft-discarded" => "ยกเลิกหนังสือ",
        "letter-recalled" => "เรียกคืนหนังสือจากผู้รับ",
        "letter-withdrawn" => "ผู้ส่งเรียกคืนหนังสือ",
        "letter-returned" => "ส่งคืนผู้ส่ง",
        "letter-returned-to-sender" => "ผู้รับส่งคืนหนังสือ",
        "letter-redirected" => "ส่งต่อถึงหน่วยงานอื่น (เลขเดิม)",
        var other => other,
    };
}
