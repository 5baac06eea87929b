namespace Saraban.Documents.Reading;

/// <summary>
/// Edit distance for the small spelling slips of typing and OCR (เรีอง for เรื่อง, สิ่งทีส่งมาด้วย).
/// Thai marks are separate code points, so a dropped or swapped tone mark costs one edit.
/// </summary>
internal static class Fuzzy
{
    /// <summary>Levenshtein distance.</summary>
    public static int Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        Span<int> row = b.Length < 128 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            row[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }

    /// <summary>
    /// How many characters at the start of <paramref name="text"/> spell <paramref name="word"/>
    /// within <paramref name="maxDistance"/> edits, preferring fewer edits, then the exact length;
    /// -1 when none do.
    /// </summary>
    public static int MatchPrefix(ReadOnlySpan<char> text, string word, int maxDistance, out int distance)
    {
        var best = MatchPlain(text, word, maxDistance, out distance);
        if (distance == 0 || maxDistance == 0)
        {
            return best;
        }

        // OCR drops tone marks and mistakes one upper vowel for another (เรีอง for เรื่อง): on the
        // skeletons, without tone marks and with ิ ี ึ ื as one, such a slip costs a single edit.
        var (skeleton, map) = Skeleton(text[..Math.Min(text.Length, (word.Length * 2) + maxDistance)]);
        var length = MatchPlain(skeleton, Skeleton(word).Text, maxDistance - 1, out var skeletonDistance);
        if (length > 0 && skeletonDistance + 1 < distance)
        {
            (best, distance) = (map[length], skeletonDistance + 1);
        }

        return distance <= maxDistance ? best : -1;
    }

    // One table for every prefix length at once: row i holds the distances between word[..i]
    // and each prefix of the text, so the last row gives distance(word, text[..j]) for all j.
    private static int MatchPlain(ReadOnlySpan<char> text, string word, int maxDistance, out int distance)
    {
        distance = int.MaxValue;
        var longest = Math.Min(text.Length, word.Length + maxDistance);
        Span<int> row = longest < 128 ? stackalloc int[longest + 1] : new int[longest + 1];
        for (var j = 0; j <= longest; j++)
        {
            row[j] = j;
        }

        for (var i = 1; i <= word.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            var rowMin = row[0];
            for (var j = 1; j <= longest; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (word[i - 1] == text[j - 1] ? 0 : 1));
                diagonal = above;
                rowMin = Math.Min(rowMin, row[j]);
            }

            if (rowMin > maxDistance)
            {
                return -1;
            }
        }

        var best = -1;
        for (var length = Math.Max(1, word.Length - maxDistance); length <= longest; length++)
        {
            if (row[length] < distance || (row[length] == distance && length == word.Length))
            {
                (distance, best) = (row[length], length);
            }
        }

        return distance <= maxDistance ? best : -1;
    }

    /// <summary>The text without tone marks and with one upper vowel for four; map[i] is where skeleton letter i stands in the text.</summary>
    private static (string Text, int[] Map) Skeleton(ReadOnlySpan<char> text)
    {
        var chars = new char[text.Length];
        var map = new int[text.Length + 1];
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '\u0E48' and <= '\u0E4B')
            {
                continue;
            }

            map[n] = i;
            chars[n++] = c is '\u0E35' or '\u0E36' or '\u0E37' ? '\u0E34' : c;
        }

        // A prefix of the skeleton ends where its next letter starts, after any dropped marks.
        map[n] = text.Length;
        return (new string(chars, 0, n), map);
    }

    /// <summary>
    /// The first place in <paramref name="text"/> where <paramref name="word"/> occurs within
    /// <paramref name="maxDistance"/> edits, exact occurrences first: its start and length, or (-1, 0).
    /// A fuzzy occurrence must begin a word or begin with the word's own first letter, so that a
    /// slip is looked for only where the word can start.
    /// </summary>
    public static (int Start, int Length) Find(string text, string word, int maxDistance)
    {
        var exact = text.IndexOf(word, StringComparison.Ordinal);
        if (exact >= 0 || maxDistance == 0)
        {
            return (exact, exact >= 0 ? word.Length : 0);
        }

        for (var start = 0; start < text.Length; start++)
        {
            if (text[start] != word[0] && start > 0 && text[start - 1] != ' ')
            {
                continue;
            }

            var length = MatchPrefix(text.AsSpan(start), word, maxDistance, out _);
            if (length > 0)
            {
                return (start, length);
            }
        }

        return (-1, 0);
    }
}
