namespace Saraban.Documents.Reading;

/// <summary>The lines of one letter within a text holding several, and its header's key lines.</summary>
/// <param name="Lines">The letter's lines, in order.</param>
/// <param name="Keys">Its ที่, เรื่อง and เรียน/ถึง lines (those found), in order.</param>
internal sealed record LetterRegion(IReadOnlyList<LineInfo> Lines, IReadOnlyList<LineInfo> Keys)
{
    public LineInfo? Key(LineKind kind) => Keys.FirstOrDefault(k => k.Kind == kind);

    public int IndexOf(LineInfo line) => line.Line.Index - Lines[0].Line.Index;
}

/// <summary>
/// Cuts a text into letters. Every letter has a header whose key lines come in a fixed order —
/// ที่, เรื่อง, เรียน (ถึง in a stamped letter) — so a key that does not follow the previous one
/// in that order starts the next letter. A lone key (a body line that happens to start with
/// เรื่อง) is not a letter: a header needs two of the three, which survives OCR losing one.
/// </summary>
internal static class LetterSplitter
{
    // How far above its first key line a header may start (urgency, memo heading, unit line).
    private const int MaxLead = 8;

    public static IReadOnlyList<LetterRegion> Split(IReadOnlyList<LineInfo> lines)
    {
        var headers = new List<List<LineInfo>>();
        List<LineInfo>? current = null;
        foreach (var line in lines)
        {
            if (line.KeyOrder < 0)
            {
                continue;
            }

            if (current is null || line.KeyOrder <= current[^1].KeyOrder || TooFar(current[^1], line))
            {
                current = [];
                headers.Add(current);
            }

            current.Add(line);
        }

        var letters = headers.Where(h => h.Count >= 2).ToList();
        var regions = new List<LetterRegion>(letters.Count);
        for (var i = 0; i < letters.Count; i++)
        {
            var start = i == 0 ? 0 : HeaderStart(lines, letters[i][0].Line.Index, letters[i - 1][^1].Line.Index);
            var end = i + 1 < letters.Count
                ? HeaderStart(lines, letters[i + 1][0].Line.Index, letters[i][^1].Line.Index)
                : lines.Count;
            regions.Add(new LetterRegion(lines.Skip(start).Take(end - start).ToList(), letters[i]));
        }

        return regions;
    }

    // Keys of one header stand within a few lines of each other, even with a long subject.
    private static bool TooFar(LineInfo previous, LineInfo next) => next.Line.Index - previous.Line.Index > 15;

    /// <summary>
    /// Walks up from a letter's first key line over what may stand above it in a header: blank
    /// lines, urgency and secrecy, the memo heading and its ส่วนราชการ line (which may wrap).
    /// Anything else (a signature, contacts, a receive stamp, a stamped letter's date) ends the letter above.
    /// </summary>
    private static int HeaderStart(IReadOnlyList<LineInfo> lines, int firstKey, int previousKey)
    {
        var start = firstKey;
        for (var i = firstKey - 1; i > previousKey && firstKey - i <= MaxLead; i--)
        {
            var line = lines[i];
            if (line.Kind is LineKind.Blank)
            {
                continue;
            }

            if (line.Kind is LineKind.Marking or LineKind.MemoHeading or LineKind.MemoUnit)
            {
                start = i;
                continue;
            }

            // A wrapped ส่วนราชการ line: its continuation is plain text, the keyword one or two lines up.
            var unit = Enumerable.Range(1, 2).Select(k => i - k).FirstOrDefault(k => k > previousKey && lines[k].Kind == LineKind.MemoUnit, -1);
            if (line.Kind == LineKind.Other && unit >= 0)
            {
                start = unit;
                i = unit;
                continue;
            }

            break;
        }

        return start;
    }
}
