using System.Text.Json.Serialization;

namespace Saraban.Documents.Reading;

/// <summary>
/// What an official letter (หนังสือราชการ) says about itself: the fields a clerk registers and a
/// renderer prints. A plain data shape: how sure the reader was of each field lives beside it, in
/// <see cref="ReadLetter.Confidence"/>, not in here.
/// </summary>
/// <remarks>
/// Serialized with <see cref="LetterJson.Options"/> it gives the shape of the sample files:
/// camelCase names, ISO dates, absent values as <c>null</c> and absent lists as <c>[]</c>.
/// Free text (subject, addressee, enclosures…) is kept as printed, digits included, with runs of
/// white space made one space; only document numbers and dates are normalized.
/// </remarks>
public sealed record LetterFields
{
    /// <summary>
    /// <c>Memo</c> (บันทึกข้อความ) or <c>StampedLetter</c> (หนังสือประทับตรา) when the text says
    /// so; null for an external letter, whose Garuda letterhead is an image that text does not carry.
    /// </summary>
    public string? Kind { get; init; }

    /// <summary>ชั้นความเร็ว: ด่วนที่สุด, ด่วนมาก, ด่วน, or null.</summary>
    public string? Urgency { get; init; }

    /// <summary>ชั้นความลับ: ลับที่สุด, ลับมาก, ลับ, or null.</summary>
    public string? Secrecy { get; init; }

    /// <summary>ที่: the letter's own number.</summary>
    public LetterNumber? DocumentNumber { get; init; }

    /// <summary>The letter's date (Gregorian; printed in the Buddhist era).</summary>
    public DateOnly? Date { get; init; }

    /// <summary>เรื่อง.</summary>
    public string? Subject { get; init; }

    /// <summary>เรียน (or ถึง in a stamped letter).</summary>
    public string? Addressee { get; init; }

    /// <summary>อ้างถึง: earlier letters this one refers to; in a memo, the letter its first paragraph answers.</summary>
    public IReadOnlyList<CitedLetter> References { get; init; } = [];

    /// <summary>สิ่งที่ส่งมาด้วย, one entry per numbered item, as printed.</summary>
    public IReadOnlyList<string> Enclosures { get; init; } = [];

    /// <summary>Letters cited inside <see cref="Enclosures"/> ("สำเนาหนังสือ … ที่ … ลงวันที่ …").</summary>
    public IReadOnlyList<CitedLetter> EnclosedLetters { get; init; } = [];

    /// <summary>The sending agency (ส่วนราชการเจ้าของหนังสือ), without its address.</summary>
    public string? Sender { get; init; }

    /// <summary>Who signed, or null when no signature block was found.</summary>
    public Signer? Signer { get; init; }

    /// <summary>A date the body asks something to be done by ("ภายในวันที่ …").</summary>
    public DateOnly? Deadline { get; init; }

    /// <summary>ตรารับหนังสือ already stamped on the letter, in the order they stand.</summary>
    public IReadOnlyList<ReceiveStamp> ReceiveStamps { get; init; } = [];

    /// <summary>ส่วนราชการเจ้าของเรื่อง: the drafting unit and how to reach it.</summary>
    public OwningUnit? OwningUnit { get; init; }

    /// <summary>Body paragraphs, for the renderer; the reader leaves this empty.</summary>
    public IReadOnlyList<string> Body { get; init; } = [];
}

/// <summary>A document number split into its parts, with its printed form in <see cref="Text"/>.</summary>
/// <param name="Prefix">Office prefix, normalized: <c>มท ๐๘๑๐.๔</c>.</param>
/// <param name="Circular">Whether it is a circular (หนังสือเวียน, <c>ว</c>).</param>
/// <param name="Running">The sender's running number.</param>
/// <param name="Text">Printed form: <c>ที่ มท ๐๘๑๐.๔/ว ๔๑๒๗</c>.</param>
public sealed record LetterNumber(string Prefix, bool Circular, int Running, string Text);

/// <summary>Another letter named in this one, by number and date; either may be missing.</summary>
/// <param name="DocumentNumber">Printed form of its number, e.g. <c>ที่ มท ๐๘๑๐.๔/ว ๓๓๐๕</c>.</param>
/// <param name="Date">Its date (ลงวันที่).</param>
public sealed record CitedLetter(string? DocumentNumber, DateOnly? Date);

/// <summary>The signature block.</summary>
/// <param name="Name">Full name as printed in brackets, without them.</param>
/// <param name="Position">The signer's own position (ตำแหน่ง).</param>
/// <param name="ActingFor">ปฏิบัติราชการแทน: the office signed for by delegation.</param>
/// <param name="ActingIn">รักษาราชการแทน: the office held while its head is absent.</param>
public sealed record Signer(string? Name, string? Position, string? ActingFor, string? ActingIn = null);

/// <summary>A receive stamp (ตรารับหนังสือ).</summary>
/// <param name="Agency">The receiving agency printed on the stamp.</param>
/// <param name="ReceiveNumber">เลขรับ.</param>
/// <param name="Date">Date received.</param>
/// <param name="Time">Time received, written <c>HH:mm</c>.</param>
public sealed record ReceiveStamp(
    string? Agency,
    int? ReceiveNumber,
    DateOnly? Date,
    [property: JsonConverter(typeof(HourMinuteConverter))] TimeOnly? Time);

/// <summary>The owning unit (ส่วนราชการเจ้าของเรื่อง) and its contacts, as printed.</summary>
/// <param name="Name">Unit lines joined by a space: <c>กองป้องกันและบรรเทาสาธารณภัย กลุ่มงานเตรียมความพร้อม</c>.</param>
/// <param name="Telephone">โทร.</param>
/// <param name="Fax">โทรสาร.</param>
/// <param name="Email">ไปรษณีย์อิเล็กทรอนิกส์.</param>
/// <param name="Coordinators">ผู้ประสานงาน.</param>
public sealed record OwningUnit(string? Name, string? Telephone, string? Fax, string? Email, IReadOnlyList<Coordinator> Coordinators);

/// <summary>A contact person (ผู้ประสานงาน).</summary>
public sealed record Coordinator(string? Name, string? Telephone);
