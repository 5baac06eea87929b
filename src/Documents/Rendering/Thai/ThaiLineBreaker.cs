using Icu;

namespace Saraban.Documents.Rendering.Thai;

/// <summary>
/// Splits Thai text into lines at word boundaries found by ICU's dictionary-based break iterator:
/// Thai writes no spaces between words, so a line may only end where a word does.
/// </summary>
/// <remarks>
/// One instance holds one ICU iterator and is not thread-safe; <see cref="LineBreakerPool"/> lends
/// them out. A word wider than the line is cut between grapheme clusters, never inside one.
/// </remarks>
public sealed class ThaiLineBreaker : IDisposable
{
    // The direct ICU calls when the system's ICU is found, else icu.net's iterator.
    private readonly IcuLineBoundaries? _direct = IcuLineBoundaries.TryCreate();
    private readonly RuleBasedBreakIterator? _words;
    private readonly List<int> _boundaries = [];

    public ThaiLineBreaker()
    {
        if (_direct is null)
        {
            _words = new RuleBasedBreakIterator(BreakIterator.UBreakIteratorType.LINE, new Locale("th"));
        }
    }

    /// <summary>
    /// Breaks <paramref name="text"/> into lines; the first is <paramref name="firstWidth"/> wide
    /// (after an indent), the rest <paramref name="width"/>. Spaces at line ends are dropped.
    /// </summary>
    public List<string> Break(string text, double firstWidth, double width, Func<string, double> measure)
    {
        var lines = new List<string>();
        if (text.Length == 0)
        {
            lines.Add(string.Empty);
            return lines;
        }

        // Most fields (sender, address, addressee, enclosures) fit on their first line: then every
        // break would fit too, and asking ICU for them is most of the cost of laying the field out.
        var whole = text.TrimEnd();
        if (measure(whole) <= firstWidth)
        {
            lines.Add(whole);
            return lines;
        }

        var boundaries = Boundaries(text);
        var start = 0;
        var lastFit = 0;
        var available = firstWidth;
        for (var b = 0; b < boundaries.Count; b++)
        {
            var end = boundaries[b];
            if (end <= start || InsideNumber(text, end))
            {
                continue;
            }

            var candidate = text[start..end].TrimEnd();
            if (measure(candidate) <= available)
            {
                lastFit = end;
                continue;
            }

            if (lastFit > start)
            {
                lines.Add(text[start..lastFit].TrimEnd());
                start = lastFit;
                available = width;
                b--;
                continue;
            }

            // A single word wider than the line: cut it at the last cluster that fits.
            var cut = FitClusters(text, start, end, available, measure);
            lines.Add(text[start..cut]);
            start = lastFit = cut;
            available = width;
            b--;
        }

        if (start < text.Length)
        {
            lines.Add(text[start..].TrimEnd());
        }

        return lines;
    }

    private IReadOnlyList<int> Boundaries(string text)
    {
        if (_direct is not null)
        {
            _direct.Find(text, _boundaries);
            return _boundaries;
        }

        _words!.SetText(text);
        return _words.Boundaries;
    }

    private static int FitClusters(string text, int start, int end, double available, Func<string, double> measure)
    {
        var cut = start + 1;
        for (var i = start + 1; i <= end; i++)
        {
            if (i < text.Length && IsMark(text[i]))
            {
                continue;
            }

            if (measure(text[start..i]) > available)
            {
                break;
            }

            cut = i;
        }

        while (cut < text.Length && IsMark(text[cut]))
        {
            cut++;
        }

        return cut;
    }

    /// <summary>
    /// Whether a break at <paramref name="end"/> would split a number written in groups, as a
    /// telephone number is (โทร. ๐ ๕๓๒๙ ๗๐๐๐, ๐ ๕๓๒๙ / ๗๐๐๐): ICU breaks at each of its spaces, and
    /// a number cut across lines is misdialled. The groups stay together; the space before the
    /// number is still a break.
    /// </summary>
    private static bool InsideNumber(string text, int end)
    {
        if (end >= text.Length || end < 2 || text[end - 1] != ' ' || !IsNumberPart(text[end]))
        {
            return false;
        }

        var before = end - 1;
        while (before > 0 && text[before] == ' ')
        {
            before--;
        }

        return IsNumberPart(text[before]);
    }

    private static bool IsNumberPart(char c) => c is (>= '0' and <= '9') or (>= '\u0E50' and <= '\u0E59') or '/' or '-';

    private static bool IsMark(char c) => c is '\u0E31' or (>= '\u0E34' and <= '\u0E3A') or (>= '\u0E47' and <= '\u0E4E');

    public void Dispose()
    {
        _direct?.Dispose();
        _words?.Dispose();
    }
}
