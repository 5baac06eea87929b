using System.Text.RegularExpressions;

namespace Saraban.Documents.Reading;

/// <summary>
/// Reads the signature block: the full name in brackets under the closing (ขอแสดงความนับถือ;
/// a memo has none), the position below it, and the delegation lines: "รองอธิบดี ปฏิบัติราชการแทน"
/// then the office signed for on the next line (ปฏิบัติราชการแทน), or the same with รักษาราชการแทน.
/// </summary>
internal static partial class SignatureReader
{
    private static readonly string[] ActingFor = ["ปฏิบัติราชการแทน"];
    private static readonly string[] ActingIn = ["รักษาราชการแทน", "รักษาการแทน"];

    // Lines that start the owning unit's block under a signature, not a position.
    private static readonly string[] UnitWords = ["สำนัก", "กอง", "กลุ่ม", "ฝ่าย", "ศูนย์", "งาน", "ส่วน", "ที่ทำการ", "โรงเรียน", "กรม", "กระทรวง"];

    /// <summary>Where the signature begins (the body ends there) and where the block after it begins.</summary>
    public static (int BodyEnd, int After) Read(IReadOnlyList<LineInfo> lines, int bodyStart, LetterDraft draft)
    {
        var closing = Enumerable.Range(bodyStart, Math.Max(0, lines.Count - bodyStart)).FirstOrDefault(i => lines[i].Kind == LineKind.Closing, -1);
        var from = closing >= 0 ? closing + 1 : bodyStart;
        var until = closing >= 0 ? Math.Min(lines.Count, from + 5) : lines.Count;
        var nameAt = -1;
        string? name = null;
        var score = closing >= 0 ? lines[closing].Score : 0.9;
        for (var i = from; i < until && name is null; i++)
        {
            name = ReadName(lines[i].Line.Flat, closing >= 0, ref score);
            nameAt = name is null ? -1 : i;
        }

        if (nameAt < 0)
        {
            return closing >= 0 ? (closing, closing + 1) : (lines.Count, lines.Count);
        }

        var (position, actingFor, actingIn, after) = ReadPosition(lines, nameAt + 1);
        if (position is null)
        {
            score *= 0.7;
        }

        draft.Set(f => f with { Signer = new Signer(Unmarked(name), Unmarked(position), Unmarked(actingFor), Unmarked(actingIn)) }, FieldNames.Signer, FieldConfidence.Of(score));
        return (closing >= 0 ? closing : nameAt, after);
    }

    /// <summary>Without the strokes OCR makes of a bracket's edge or a speck beside a line (<c>]</c>, <c>|</c>, <c>.</c>): no name or position opens or ends with one.</summary>
    private static string? Unmarked(string? text) => text?.Trim(' ', '.', ',', '|', '[', ']', '(', ')', '{', '}', '\'', '"', '`', '_', '-', '~', ':', ';', '!') is { Length: > 0 } t ? t : text;

    private static string? ReadName(string flat, bool afterClosing, ref double score)
    {
        var bracketed = Bracketed().Match(flat);
        if (!bracketed.Success)
        {
            return null;
        }

        var name = TextLines.Collapse(bracketed.Groups["n"].Value);
        var words = name.Split(' ').Length;
        var brackets = (flat.StartsWith('(') ? 1 : 0) + (flat.EndsWith(')') ? 1 : 0);

        // Both brackets make a name; with one lost to OCR it needs a title (นาย, นาง…); with both
        // lost, it must also stand right under the closing.
        var accepted = words is >= 2 and <= 6 && brackets switch
        {
            2 => true,
            1 => HasTitle(name),
            _ => afterClosing && HasTitle(name) && words <= 5,
        };
        if (!accepted)
        {
            return null;
        }

        score *= brackets switch { 2 => 1, 1 => 0.9, _ => 0.8 };
        return name;
    }

    private static (string? Position, string? ActingFor, string? ActingIn, int After) ReadPosition(IReadOnlyList<LineInfo> lines, int from)
    {
        var first = FieldBlock.NextNonBlank(lines, from);
        if (first < 0 || first - from > 1 || !IsPositionLine(lines[first]))
        {
            return (null, null, null, from);
        }

        var position = new List<string>();
        for (var i = first; i < lines.Count && i < first + 3; i++)
        {
            var line = lines[i];
            if (line.IsBlank || (i > first && !IsPositionLine(line)))
            {
                break;
            }

            var flat = line.Line.Flat;
            var (marker, length, actingIn) = FindMarker(flat);
            if (marker < 0)
            {
                // A position that runs on to a second line, unless that line starts the unit's block.
                if (i > first && (StartsUnit(flat) || NextIsContact(lines, i)))
                {
                    break;
                }

                position.Add(flat);
                continue;
            }

            position.Add(flat[..marker]);
            var office = flat[(marker + length)..].Trim();
            var after = i + 1;
            if (office.Length == 0 && i + 1 < lines.Count && IsPositionLine(lines[i + 1]))
            {
                office = lines[i + 1].Line.Flat;
                after = i + 2;
            }

            var held = office.Length > 0 ? office : null;
            return (JoinPosition(position), actingIn ? null : held, actingIn ? held : null, after);
        }

        return (JoinPosition(position), null, null, first + position.Count);
    }

    private static (int Index, int Length, bool ActingIn) FindMarker(string flat)
    {
        foreach (var (words, actingIn) in new[] { (ActingFor, false), (ActingIn, true) })
        {
            foreach (var word in words)
            {
                var (start, length) = Fuzzy.Find(flat, word, 2);
                if (start >= 0)
                {
                    return (start, length, actingIn);
                }
            }
        }

        return (-1, 0, false);
    }

    private static string? JoinPosition(List<string> pieces)
    {
        var text = FieldJoiner.Join(pieces);
        return text.Length > 0 ? text : null;
    }

    private static bool IsPositionLine(LineInfo line) =>
        line.Kind == LineKind.Other && !ContactLines.IsContact(line.Line.Flat) && !line.Line.Flat.StartsWith('(');

    public static bool StartsUnit(string flat) => UnitWords.Any(w => flat.StartsWith(w, StringComparison.Ordinal));

    // The unit's lines lead to its contacts within a few lines; a position's never do.
    private static bool NextIsContact(IReadOnlyList<LineInfo> lines, int i) =>
        lines.Skip(i + 1).Take(3).TakeWhile(l => !l.IsBlank).Any(l => ContactLines.IsContact(l.Line.Flat));

    private static bool HasTitle(string text) => Title().IsMatch(text);

    [GeneratedRegex(@"^\(?\s*(?<n>[^()0-9๐-๙]{3,60}?)\s*\)?$")]
    private static partial Regex Bracketed();

    // Personal titles that open a full name: นาย, นาง, นางสาว, ว่าที่…, academic and police/military ranks.
    [GeneratedRegex(@"^(?:นาย|นาง|นางสาว|น\.ส\.|ว่าที่|ดร\.|ผศ\.|รศ\.|ศ\.|พล|พัน|ร้อย|จ่า|สิบ|ดาบ|พ\.[ตทอ]\.|ร\.[ตทอ]\.|ม\.ร\.ว\.|ม\.ล\.|หม่อม|พระ|คุณ)")]
    private static partial Regex Title();
}
