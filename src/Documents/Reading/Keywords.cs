namespace Saraban.Documents.Reading;

/// <summary>
/// The printed words that open each part of a letter, and how many slips each tolerates: none
/// for short words that other words resemble (ถึง, ลับ), one for most, two for the long ones.
/// </summary>
internal static class Keywords
{
    private static readonly string[] Urgencies = ["ด่วนที่สุด", "ด่วนมาก", "ด่วน"];
    private static readonly string[] Secrecies = ["ลับที่สุด", "ลับมาก", "ลับ"];

    // Every line a marking may be: an urgency, a secrecy, or both in either order.
    private static readonly (string Text, string? Urgency, string? Secrecy)[] Markings =
        Urgencies.Select(u => (u, (string?)u, (string?)null))
            .Concat(Secrecies.Select(s => (s, (string?)null, (string?)s)))
            .Concat(Urgencies.SelectMany(u => Secrecies.SelectMany(s => new[] { (u + s, (string?)u, (string?)s), (s + u, (string?)u, (string?)s) })))
            .ToArray();

    private static readonly (string Word, LineKind Kind, int MaxDistance, bool NeedsSpace)[] Openers =
    [
        ("เรื่อง", LineKind.Subject, 1, false),
        ("เรียน", LineKind.Addressee, 1, false),
        ("ถึง", LineKind.AddresseeTo, 0, true),
        ("อ้างถึง", LineKind.Reference, 1, false),
        ("สิ่งที่ส่งมาด้วย", LineKind.Enclosure, 2, false),
        ("สิ่งที่แนบมาด้วย", LineKind.Enclosure, 2, false),
        ("ส่วนราชการ", LineKind.MemoUnit, 1, true),
    ];

    private static readonly (string Word, LineKind Kind)[] WholeLines =
    [
        ("ขอแสดงความนับถือ", LineKind.Closing),
        ("บันทึกข้อความ", LineKind.MemoHeading),
    ];

    public static LineInfo Classify(Line line)
    {
        var flat = line.Flat;
        if (flat.Length == 0)
        {
            return new LineInfo(line, LineKind.Blank, 0, 1);
        }

        var number = DocumentNumberFinder.AtLineStart(line.Text, out var keyword);
        if (number is not null && IsOwnNumberLine(line.Text, number, keyword))
        {
            return new LineInfo(line, LineKind.Number, 0, keyword ? 1 : 0.8, number);
        }

        var compact = TextLines.Compact(flat);
        if (compact.Length <= 24 && ReadMarking(compact, out _, out _, out var markingScore))
        {
            return new LineInfo(line, LineKind.Marking, 0, markingScore);
        }

        // On a scan the urgency shares its line with the Garuda's strokes, read as letters in a column of their own.
        if (FirstColumn(line.Text) is { } first && first != compact && first.Length <= 24 && ReadMarking(first, out _, out _, out var columnScore))
        {
            return new LineInfo(line with { Text = first, Flat = first }, LineKind.Marking, 0, columnScore * 0.9);
        }

        foreach (var (word, kind) in WholeLines)
        {
            if (Math.Abs(compact.Length - word.Length) > 2)
            {
                continue;
            }

            var distance = Fuzzy.Distance(compact, word);
            if (distance <= 2)
            {
                return new LineInfo(line, kind, flat.Length, distance == 0 ? 1 : 0.8);
            }
        }

        return ClassifyOpener(line);
    }

    /// <summary>
    /// Reads a line made only of urgency and secrecy words (ด่วนที่สุด, ลับ, or both), spaces removed.
    /// </summary>
    public static bool ReadMarking(string compact, out string? urgency, out string? secrecy, out double score)
    {
        (urgency, secrecy, score) = (null, null, 0);
        var best = int.MaxValue;
        foreach (var (text, u, s) in Markings)
        {
            // Exact only for the short words: ลับ is one letter from รับ, ด่วน from ส่วน.
            var allowed = text.Length <= 4 ? 0 : 1;
            if (Math.Abs(text.Length - compact.Length) > allowed)
            {
                continue;
            }

            var distance = Fuzzy.Distance(compact, text);
            if (distance <= allowed && distance < best)
            {
                best = distance;
                (urgency, secrecy, score) = (u, s, distance == 0 ? 1 : 0.8);
            }
        }

        if (best == int.MaxValue && Bare(compact) is { Length: >= 3 } bare)
        {
            // OCR drops the marks above and below (ดวนทสด for ด่วนที่สุด): the letters on the line still say which word it is.
            foreach (var (text, u, s) in Markings)
            {
                var bareText = Bare(text);
                // One slip more among six letters or more (ดวงนทสด), none in a shorter word (ลบ, ดวน).
                if (bareText != bare && (bareText.Length < 6 || Math.Abs(bareText.Length - bare.Length) > 1 || Fuzzy.Distance(bareText, bare) > 1)) continue;
                (urgency, secrecy, score) = (u, s, bareText == bare ? 0.7 : 0.6);
                return true;
            }
        }

        return best != int.MaxValue;
    }

    /// <summary>The letters on the line alone: every mark above or below a letter (vowels, tone marks) left out.</summary>
    private static string Bare(string text) =>
        string.Concat(text.Where(c => c is not ('\u0E31' or (>= '\u0E34' and <= '\u0E3A') or (>= '\u0E47' and <= '\u0E4E'))));

    /// <summary>The line's first column (columns are parted by runs of four spaces or more), compacted; null for a line of one column.</summary>
    private static string? FirstColumn(string text)
    {
        var columns = System.Text.RegularExpressions.Regex.Split(text.Trim(), @"\s{4,}");
        return columns.Length < 2 ? null : TextLines.Compact(columns[0]);
    }

    private static LineInfo ClassifyOpener(Line line)
    {
        var flat = line.Flat;
        (LineKind Kind, int Length, int Distance) best = (LineKind.Other, 0, int.MaxValue);
        foreach (var (word, kind, maxDistance, needsSpace) in Openers)
        {
            if (flat[0] != word[0] && maxDistance == 0)
            {
                continue;
            }

            var length = Fuzzy.MatchPrefix(flat, word, maxDistance, out var distance);
            if (length < 0 || distance >= best.Distance)
            {
                continue;
            }

            // A misspelt keyword, or one that must stand alone, has to end where a word ends:
            // otherwise เรียบร้อย would be read as เรียน.
            var endsWord = length == flat.Length || !IsThaiLetter(flat[length]);
            if ((distance > 0 || needsSpace) && !endsWord)
            {
                continue;
            }

            best = (kind, length, distance);
        }

        if (best.Kind == LineKind.Other)
        {
            return new LineInfo(line, LineKind.Other, 0, 1);
        }

        var start = best.Length;
        while (start < flat.Length && (flat[start] is ' ' or ':' or '.' or '-'))
        {
            start++;
        }

        return new LineInfo(line, best.Kind, start, best.Distance == 0 ? 1 : 0.8);
    }

    // The letter's own ที่ line has nothing after the number but layout columns (the sender, the
    // memo's วันที่); a number followed by ลงวันที่ is a citation wrapped to the start of a line.
    private static bool IsOwnNumberLine(string text, FoundNumber number, bool keyword)
    {
        var rest = text[number.End..];
        var flatRest = rest.Trim();
        if (flatRest.StartsWith("ลงวันที่", StringComparison.Ordinal) || flatRest.StartsWith("ลว", StringComparison.Ordinal))
        {
            return false;
        }

        return keyword || flatRest.Length == 0 || rest.StartsWith("   ", StringComparison.Ordinal);
    }

    private static bool IsThaiLetter(char c) => c is >= '\u0E01' and <= '\u0E4E';
}
