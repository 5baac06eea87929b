namespace Saraban.Documents.Reading;

/// <summary>What a line of a letter is, judged from its first words.</summary>
internal enum LineKind
{
    Blank,
    Other,

    /// <summary>A line holding only ชั้นความเร็ว and/or ชั้นความลับ words.</summary>
    Marking,

    /// <summary>บันทึกข้อความ, the memo heading.</summary>
    MemoHeading,

    /// <summary>ส่วนราชการ, the memo's unit line.</summary>
    MemoUnit,

    /// <summary>ที่ and the letter's own number.</summary>
    Number,

    /// <summary>เรื่อง.</summary>
    Subject,

    /// <summary>เรียน.</summary>
    Addressee,

    /// <summary>ถึง, the addressee of a stamped letter.</summary>
    AddresseeTo,

    /// <summary>อ้างถึง.</summary>
    Reference,

    /// <summary>สิ่งที่ส่งมาด้วย.</summary>
    Enclosure,

    /// <summary>ขอแสดงความนับถือ.</summary>
    Closing,
}

/// <summary>A line, what kind it is, and where its value starts in <see cref="Line.Flat"/>.</summary>
/// <param name="Score">1 when the keyword was spelt right, less for a slip.</param>
internal sealed record LineInfo(Line Line, LineKind Kind, int ValueStart, double Score, FoundNumber? Number = null)
{
    public string Value => Line.Flat[Math.Min(ValueStart, Line.Flat.Length)..].Trim();

    public bool IsBlank => Kind == LineKind.Blank;

    /// <summary>Keys order a letter's header: ที่, then เรื่อง, then เรียน/ถึง; -1 for other kinds.</summary>
    public int KeyOrder => Kind switch
    {
        LineKind.Number => 0,
        LineKind.Subject => 1,
        LineKind.Addressee or LineKind.AddresseeTo => 2,
        _ => -1,
    };
}
