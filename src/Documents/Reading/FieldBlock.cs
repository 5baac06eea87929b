namespace Saraban.Documents.Reading;

/// <summary>
/// A field that may run on over the next lines (a long subject, a list of enclosures): its first
/// value and the lines that continue it, up to the next keyword, blank line or body paragraph.
/// </summary>
internal static class FieldBlock
{
    // Words that open a body paragraph: a line starting with one is not the field above running on.
    private static readonly string[] BodyOpeners =
        ["ตาม", "ด้วย", "เนื่อง", "อนุสนธิ", "จึง", "ในการนี้", "บัดนี้", "โดยที่", "ขอ"];

    /// <summary>The pieces of the field starting at <paramref name="start"/>, and the index after its last line.</summary>
    /// <param name="lines">The letter's lines.</param>
    /// <param name="start">The keyword line.</param>
    /// <param name="maxLines">Continuation lines allowed.</param>
    /// <param name="items">Whether the field is a numbered list, whose items may stand after a blank line.</param>
    public static (List<string> Pieces, int End) Read(IReadOnlyList<LineInfo> lines, int start, int maxLines, bool items = false)
    {
        var pieces = new List<string> { lines[start].Value };
        var end = start + 1;
        for (var i = start + 1; i < lines.Count && i <= start + maxLines; i++)
        {
            var line = lines[i];
            if (line.IsBlank)
            {
                var next = NextNonBlank(lines, i);
                if (items && next >= 0 && next - i <= 2 && StartsItem(lines[next].Line.Flat, 0))
                {
                    continue;
                }

                break;
            }

            var continues = line.Kind == LineKind.Other ? StartsItem(line.Line.Flat, 0) || !OpensBody(line.Line.Flat) : IsCitedNumber(lines, i);
            if (!continues)
            {
                break;
            }

            pieces.Add(line.Line.Flat);
            end = i + 1;
        }

        return (pieces, end);
    }

    // A cited letter's number wrapped to the start of a line looks like a letter's own ที่ line:
    // it is the field running on when "ที่" ended the line above, or its date follows below.
    private static bool IsCitedNumber(IReadOnlyList<LineInfo> lines, int i)
    {
        if (lines[i].Kind != LineKind.Number)
        {
            return false;
        }

        var bare = !lines[i].Line.Flat.StartsWith("ที", StringComparison.Ordinal) && !lines[i].Line.Flat.StartsWith("เลขที่", StringComparison.Ordinal);
        var next = i + 1 < lines.Count ? lines[i + 1].Line.Flat : string.Empty;
        return bare || next.StartsWith("ลงวันที่", StringComparison.Ordinal) || next.StartsWith("ลว", StringComparison.Ordinal);
    }

    public static int NextNonBlank(IReadOnlyList<LineInfo> lines, int from)
    {
        for (var i = from; i < lines.Count; i++)
        {
            if (!lines[i].IsBlank)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A body paragraph's opening: a customary first word, or a line far longer than a field's.</summary>
    public static bool OpensBody(string flat) =>
        flat.Length > 110 || BodyOpeners.Any(w => flat.StartsWith(w, StringComparison.Ordinal));

    // "๒. …" or "2) …"; with expected 0, any item number.
    private static bool StartsItem(string flat, int expected)
    {
        var i = flat.StartsWith('(') ? 1 : 0;
        var digits = 0;
        var value = 0;
        while (i < flat.Length && (char.IsAsciiDigit(flat[i]) || flat[i] is >= '๐' and <= '๙'))
        {
            value = (value * 10) + (char.IsAsciiDigit(flat[i]) ? flat[i] - '0' : flat[i] - '๐');
            (i, digits) = (i + 1, digits + 1);
        }

        return digits is 1 or 2 && i < flat.Length && flat[i] is '.' or ')' && (expected == 0 || value == expected);
    }
}
