namespace Saraban.Workflow.Letters;

public enum LetterKind
{
    /// <summary>หนังสือภายนอก</summary>
    ExternalLetter,
    /// <summary>บันทึกข้อความ (หนังสือภายใน)</summary>
    Memo,
    /// <summary>หนังสือประทับตรา</summary>
    StampedLetter,
    /// <summary>หนังสือเวียน: numbered in the ว series</summary>
    Circular,
}

/// <summary>ชั้นความเร็ว</summary>
public enum Urgency { None, Urgent, VeryUrgent, MostUrgent }

/// <summary>ชั้นความลับ: a secret letter reaches only its addressees.</summary>
public enum Secrecy { None, Confidential, Secret, TopSecret }

/// <summary>An earlier letter this one cites (อ้างถึง), or encloses (สิ่งที่ส่งมาด้วย, สำเนาหนังสือ … ที่ … ลงวันที่ …).</summary>
/// <param name="LetterId">The cited letter in this system, when it is in it: how chains are followed.</param>
public sealed record CitedLetter(string DocumentNumber, DateOnly Date, string? From, string? LetterId);

/// <summary>What a letter says, as drafted; numbering, signature and dates are added by their own events.</summary>
public sealed record LetterContent(
    LetterKind Kind,
    Urgency Urgency,
    Secrecy Secrecy,
    string Subject,
    string AddresseeLine,
    IReadOnlyList<CitedLetter> References,
    IReadOnlyList<string> Enclosures,
    IReadOnlyList<CitedLetter> EnclosedLetters,
    IReadOnlyList<string> Body,
    string OwningUnit,
    string Contacts,
    Secrets.SealedText? Sealed = null)
{
    public const int MaxSubjectLength = 500;

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Subject)) throw new DomainException("ต้องระบุเรื่อง (a letter needs a subject).");
        if (Subject.Length > MaxSubjectLength) throw new DomainException($"เรื่องยาวเกิน {MaxSubjectLength} ตัวอักษร (the subject is too long).");
        if (string.IsNullOrWhiteSpace(AddresseeLine)) throw new DomainException("ต้องระบุคำขึ้นต้น เรียน … (a letter needs an addressee line).");
        if (Body.Count == 0 || Body.All(string.IsNullOrWhiteSpace)) throw new DomainException("ต้องมีข้อความของหนังสือ (a letter needs a body).");
    }

    public static string ThaiName(Urgency u) => u switch
    {
        Urgency.Urgent => "ด่วน",
        Urgency.VeryUrgent => "ด่วนมาก",
        Urgency.MostUrgent => "ด่วนที่สุด",
        _ => "",
    };
}
