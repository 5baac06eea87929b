using Saraban.Workflow.EventStore;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Retention;

/// <summary>A committee member, the head or the clerk as the record names them: by name and position, the user's id beside.</summary>
public sealed record RecordPerson(string UserId, string Name, IReadOnlyList<string> PositionLines);

/// <summary>
/// One destroyed line: the register entry by its book, its register number (เลขทะเบียนรับ, or the
/// running number of the book of sent letters), ที่, ลงวันที่, จาก and ถึง; never its subject, which
/// is erased and which the record must not bring back.
/// </summary>
public sealed record DestroyedLine(string StreamId, bool Incoming, int? RegisterNumber, string DocumentNumber, DateOnly Date,
    string From, string To, RetentionClass Class, int Year);

/// <summary>
/// บันทึกการทำลายหนังสือ: what the committee reports to the head once the list is carried out
/// (ระเบียบฯ ข้อ ๖๙: "เมื่อทำลายเรียบร้อยแล้ว ให้ทำบันทึกลงนามร่วมกันรายงานให้หัวหน้าส่วนราชการทราบ"):
/// the list's year and office, the committee, the head's approval and when, when and by whom it was
/// destroyed, and each destroyed line. Read from the log (the list's stream and each letter's), so it
/// holds what the erasure kept and nothing it took.
/// </summary>
public sealed record DestructionRecord(string OrganizationId, string OfficeName, int Year, DateOnly AsOf, RecordPerson? ProposedBy,
    RecordPerson Chair, IReadOnlyList<RecordPerson> Members, RecordPerson ApprovedBy, DateTimeOffset ApprovedAt,
    RecordPerson DestroyedBy, DateTimeOffset DestroyedAt, IReadOnlyList<DestroyedLine> Lines, int Kept, int FilesDeleted);

/// <summary>The record's pure parts: whether there is one yet, and a destroyed line from what its letter's stream kept.</summary>
public static class DestructionRecords
{
    /// <summary>Addressees named on a line of a circular before the rest are counted ("และอีก ๗๘๔๗ แห่ง").</summary>
    public const int NamedAddressees = 3;

    /// <summary>A record exists once the list is carried out: before, there is nothing destroyed to report.</summary>
    public static void CheckReadable(DestructionState state)
    {
        if (state.OrganizationId is null) throw new DomainException("ไม่พบบัญชีหนังสือขอทำลายนี้ (no such destruction list).");
        if (!state.CarriedOut)
            throw new DomainException($"ยังไม่ได้ทำลายหนังสือตามบัญชีประจำปี พ.ศ. {ThaiDigits.Format(state.Year + 543)} จึงยังไม่มีบันทึกการทำลาย (the list has not been carried out: there is no record of destruction yet).");
    }

    /// <param name="events">The line's stream: a letter's, or for a letter sent on paper its reservation's.</param>
    /// <param name="office">The office's name: the ถึง of a received letter, the จาก of a sent one when its stream does not say.</param>
    public static DestroyedLine Line(DestructionItem item, IReadOnlyList<object> events, string office)
    {
        var incoming = item.StreamId.StartsWith("in-", StringComparison.Ordinal);
        int? paper = PaperLine.TryParse(item.StreamId, out _, out var n) ? n : null;
        int? number = null;
        string from = incoming ? "" : office, to = incoming ? office : "";
        foreach (var e in events)
            switch (e)
            {
                case LetterArrived a: from = a.SenderName; break;
                case LetterRegistered r: number = r.ReceiveNumber; break;
                case Numbering.ReservedNumberUsed u when u.Number == paper:
                    (number, to) = (u.Number, u.AddresseeName);
                    break;
                case LetterDispatched d:
                    number = d.RunningNumber;
                    from = d.SenderName;
                    to = Addressees(d.Addressees);
                    break;
            }
        return new DestroyedLine(item.StreamId, incoming, number, item.DocumentNumber, item.Date, from, to, item.Class, item.Year);
    }

    private static string Addressees(IReadOnlyList<Addressee> all) => all.Count <= NamedAddressees
        ? string.Join(", ", all.Select(a => a.Name))
        : string.Join(", ", all.Take(NamedAddressees).Select(a => a.Name)) + $" และอีก {ThaiDigits.Format(all.Count - NamedAddressees)} แห่ง";
}
