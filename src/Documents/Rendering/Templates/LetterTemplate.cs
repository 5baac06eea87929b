namespace Saraban.Documents.Rendering.Templates;

/// <summary>
/// How one kind of letter is laid out, as an admin edits it in <c>letter-templates/KIND.json</c>.
/// Lengths are in centimetres and type sizes in points, the units of the regulation's forms.
/// </summary>
public sealed record LetterTemplate
{
    /// <summary><c>ExternalLetter</c>, <c>Circular</c>, <c>Memo</c> or <c>StampedLetter</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Where on disk it came from, for error messages; not part of the file.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary><c>letterhead</c> (Garuda centred, ที่ and sender side by side) or <c>memo</c> (บันทึกข้อความ form).</summary>
    public required string Header { get; init; }

    /// <summary>The memo's title, e.g. บันทึกข้อความ; null on letterheads.</summary>
    public string? Title { get; init; }

    public double TitleSize { get; init; } = 29;

    /// <summary>Size of the memo's bold field labels (ส่วนราชการ, ที่, วันที่, เรื่อง).</summary>
    public double LabelSize { get; init; } = 20;

    public double BodySize { get; init; } = 16;

    public double UrgencySize { get; init; } = 32;

    public required PageMargins Page { get; init; }

    public required EmblemSlot Emblem { get; init; }

    /// <summary>Whether the form has a เรื่อง line (a stamped letter has none).</summary>
    public bool Subject { get; init; } = true;

    /// <summary>เรียน, or ถึง in a stamped letter.</summary>
    public string AddresseeLabel { get; init; } = "เรียน";

    /// <summary>ขอแสดงความนับถือ; null where the form has no closing (memo, stamped letter).</summary>
    public string? Closing { get; init; }

    /// <summary>Whether a signature block follows the body (not in a stamped letter).</summary>
    public bool Signature { get; init; } = true;

    /// <summary>Stamped letters print the sending agency and the date under the body instead.</summary>
    public bool SenderAndDateAtEnd { get; init; }

    /// <summary>Whether the owning unit's contacts go at the bottom of the last page (a memo names them in its heading).</summary>
    public bool OwningUnitAtBottom { get; init; } = true;

    public double FirstLineIndent { get; init; } = 2.5;

    /// <summary>Extra space after each body paragraph, in points.</summary>
    public double ParagraphSpacing { get; init; } = 6;

    public double QrSize { get; init; } = 1.8;

    public int MaxPages { get; init; } = 50;

    /// <summary>Fields a letter of this kind cannot be printed without.</summary>
    public IReadOnlyList<string> Required { get; init; } = [];

    /// <summary>Longest text allowed per field, in characters.</summary>
    public IReadOnlyDictionary<string, int> Limits { get; init; } = new Dictionary<string, int>();
}

/// <summary>A4 and its margins, in centimetres.</summary>
public sealed record PageMargins(double Width, double Height, double Top, double Left, double Right, double Bottom);

/// <summary>The Garuda emblem's slot: its height (3 cm on letterheads, 1.5 cm on memos), where it stands, and the image file.</summary>
/// <param name="Height">Height in centimetres.</param>
/// <param name="Align"><c>center</c> or <c>left</c>.</param>
/// <param name="Image">Image file relative to the template's folder; each organization configures its own.</param>
public sealed record EmblemSlot(double Height, string Align, string Image);
