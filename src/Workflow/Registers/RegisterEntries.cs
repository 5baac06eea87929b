using Saraban.Workflow.Letters;

namespace Saraban.Workflow.Registers;

/// <summary>Where a received letter stands in its office.</summary>
public enum IncomingStatus { Arrived, Registered, Minuted, Decided, Forwarded, Acknowledged, Done, Recalled, Returned }

/// <summary>
/// A line of the receive register (ทะเบียนหนังสือรับ), or a letter still waiting to be entered in it.
/// <paramref name="Destroyed"/>: its letter was destroyed (ทำลายแล้ว); <paramref name="Hold"/>: the reason of a legal hold on it (อายัด), while held.
/// </summary>
public sealed record IncomingEntry(
    string StreamId, string OrganizationId, ArrivalChannel Channel, string SenderName, string DocumentNumber, DateOnly Date,
    string Subject, Urgency Urgency, Secrecy Secrecy, DateTimeOffset ArrivedAt, int? ReceiveNumber, DateTimeOffset? ReceivedAt,
    IncomingStatus Status, string? FromLetterId, string? OriginLetterId, string? ForwardedAs, DateOnly? ActionDue, long Seq = 0, string? Note = null,
    bool Destroyed = false, string? Hold = null);

/// <summary>
/// Where an office's own letter, or a number of its book, stands. <see cref="Reserved"/>: a number
/// taken ahead (จองเลข) and not yet used; <see cref="SentOnPaper"/>: a reserved number's letter,
/// signed and sent on paper; <see cref="Cancelled"/>: a draft or a reserved number that will not go, with its reason.
/// </summary>
public enum OutgoingStatus { Drafted, Signed, Dispatched, Reserved, SentOnPaper, Cancelled }

/// <summary>A line of the dispatch register (ทะเบียนหนังสือส่ง), or a letter still being drafted or signed; destroyed and held as <see cref="IncomingEntry"/>.</summary>
public sealed record OutgoingEntry(
    string LetterId, string OrganizationId, LetterKind Kind, string Subject, Urgency Urgency, Secrecy Secrecy, int AddresseeCount,
    DateTimeOffset DraftedAt, OutgoingStatus Status, string? DocumentNumber, DateOnly? Date, string? Forwards, string OriginLetterId, long Seq = 0,
    string? AddresseeName = null, string? Note = null, bool Destroyed = false, string? Hold = null)
{
    /// <summary>A reserved number's line, not a letter of the system (it has no page of its own).</summary>
    public bool IsReservedNumber => OriginLetterId.StartsWith(Numbering.NumberReservation.StreamPrefix, StringComparison.Ordinal);

    /// <summary>The reservation a reserved number's line belongs to.</summary>
    public string? ReservationId => IsReservedNumber ? OriginLetterId[Numbering.NumberReservation.StreamPrefix.Length..] : null;

    /// <summary>A reserved number left unused longer than the policy allows: flagged to the office's clerks.</summary>
    public bool IsOverdue(DateTimeOffset now, int unusedDays) => Status == OutgoingStatus.Reserved && DraftedAt < now.AddDays(-unusedDays);
}

public static class RegisterNames
{
    public static string Thai(this IncomingStatus s) => s switch
    {
        IncomingStatus.Arrived => "รอลงทะเบียนรับ",
        IncomingStatus.Registered => "ลงทะเบียนรับแล้ว",
        IncomingStatus.Minuted => "เกษียนแล้ว",
        IncomingStatus.Decided => "สั่งการแล้ว",
        IncomingStatus.Forwarded => "แจ้งต่อแล้ว",
        IncomingStatus.Acknowledged => "รับทราบแล้ว",
        IncomingStatus.Recalled => "ผู้ส่งเรียกคืน",
        IncomingStatus.Returned => "ส่งคืนผู้ส่งแล้ว",
        _ => "ดำเนินการแล้ว",
    };

    public static string Thai(this OutgoingStatus s) => s switch
    {
        OutgoingStatus.Drafted => "ร่าง รอลงนาม",
        OutgoingStatus.Signed => "ลงนามแล้ว รอส่ง",
        OutgoingStatus.Reserved => "จองเลขไว้ ยังไม่ใช้",
        OutgoingStatus.SentOnPaper => "ส่งแล้ว (ลงนามในกระดาษ)",
        OutgoingStatus.Cancelled => "ยกเลิก",
        _ => "ส่งแล้ว",
    };

    public static string Thai(this LetterKind k) => k switch
    {
        LetterKind.ExternalLetter => "หนังสือภายนอก",
        LetterKind.Memo => "บันทึกข้อความ",
        LetterKind.StampedLetter => "หนังสือประทับตรา",
        _ => "หนังสือเวียน",
    };

    public static string Thai(this Secrecy s) => s switch
    {
        Secrecy.Confidential => "ลับ",
        Secrecy.Secret => "ลับมาก",
        Secrecy.TopSecret => "ลับที่สุด",
        _ => "",
    };
}
