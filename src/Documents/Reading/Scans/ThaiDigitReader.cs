using System.Globalization;

namespace Saraban.Documents.Reading.Scans;

/// <summary>
/// Reads again the Thai digits (เลขไทย) tesseract found, by their shapes against the letter font's:
/// tesseract's Thai model reads TH Sarabun's digits badly (๔ and ๘ as ๕, ๖ as ๒ or ๒๐, ๗ as ๓),
/// and a letter's number, dates and receive number are all digits. Where tesseract says a run of
/// digits stands, the ink there is cut into glyphs and each glyph is given the digit whose shape
/// (<see cref="ThaiDigitShapes"/>) it is nearest; a run whose glyphs match no digit well is left as read.
/// </summary>
internal sealed class ThaiDigitReader(IReadOnlyList<DigitShape> shapes)
{
    /// <summary>Above this distance a glyph is not taken for a digit (a slash, a letter beside the run).</summary>
    private const double MaxDistance = 0.15;

    public static ThaiDigitReader Load() => new(ThaiDigitShapes.Load());

    public OcrLine Correct(GrayImage image, OcrLine line)
    {
        var words = line.Words.ToList();
        for (var i = 0; i < words.Count; i++)
        {
            if (!IsDigits(words[i].Text)) continue;
            var j = i;
            while (j + 1 < words.Count && IsDigits(words[j + 1].Text) && !words[j + 1].SpaceBefore) j++;
            var read = ReadRun(image, words.GetRange(i, j - i + 1));
            if (read is not null)
            {
                words[i] = words[i] with { Text = read, Width = words[j].Right - words[i].Left };
                words.RemoveRange(i + 1, j - i);
            }
            else
            {
                i = j;
            }
        }

        ReadDatesDigits(image, words);
        return line with { Words = words };
    }

    // The day before a month's name and the year after it are digits, whatever tesseract made of
    // them ("«" for ๙, "mo" for ๓๐): read as digits when every glyph there is one.
    private void ReadDatesDigits(GrayImage image, List<OcrWord> words)
    {
        var tokens = new List<(int Start, int End)>();
        for (var i = 0; i < words.Count; i++)
        {
            if (i == 0 || words[i].SpaceBefore) tokens.Add((i, i));
            else tokens[^1] = (tokens[^1].Start, i);
        }

        string TextOf((int Start, int End) t) => string.Concat(words.Skip(t.Start).Take(t.End - t.Start + 1).Select(w => w.Text));
        for (var k = tokens.Count - 1; k >= 0; k--)
        {
            var text = TextOf(tokens[k]);
            // A Thai letter there is a word, unless a digit stands beside it (ฒ๙ for ๒๙) or it stands alone as a day would (ส for ๙).
            // Not a number with its dot or slash: the shapes would read the digits and lose the signs (too small, or no digit).
            var withDigit = text.Any(c => c is >= '๐' and <= '๙') && text.All(c => c is (>= '๐' and <= '๙') or (>= '\u0E01' and <= '\u0E4E'));
            if (IsDigits(text) || text.Length > (withDigit ? 8 : 4) || (text.Any(c => c is >= '\u0E01' and <= '\u0E4E') && !withDigit && text.Length > 1)) continue;
            // Beside a month's name, a number or a telephone's label, a short token not Thai is digits misread ("od" for ๐๘, "dda" for ๘๘๗), if its shapes say so.
            var latin = !text.Any(c => c is >= '\u0E01' and <= '\u0E4E');
            // A digit among letters (ญ่๐๐๐ for ๗๐๐๐) is a number misread wherever it stands: its shapes decide.
            var nearMonth = withDigit || (k + 1 < tokens.Count && IsMonth(TextOf(tokens[k + 1]))) || (k > 0 && IsMonth(TextOf(tokens[k - 1])))
                || (latin && ((k + 1 < tokens.Count && IsNumeric(TextOf(tokens[k + 1]))) || (k > 0 && IsNumeric(TextOf(tokens[k - 1])))));
            if (!nearMonth) continue;
            var (start, end) = tokens[k];
            var read = ReadRun(image, words.GetRange(start, end - start + 1));
            if (read is null) continue;
            words[start] = words[start] with { Text = read, Width = words[end].Right - words[start].Left };
            words.RemoveRange(start + 1, end - start);
        }
    }

    private static bool IsMonth(string text) =>
        Enumerable.Range(1, 12).Any(m => text == Saraban.Workflow.Thai.ThaiDate.FullMonthName(m) || text == Saraban.Workflow.Thai.ThaiDate.ShortMonthName(m));

    private static bool IsNumeric(string text) => IsDigits(text) || text is "โทร." or "โทรสาร" or "ต่อ" || text.EndsWith("/ว", StringComparison.Ordinal);

    private static bool IsDigits(string text) => text.Length > 0 && text.All(c => c is >= '๐' and <= '๙');

    private string? ReadRun(GrayImage image, List<OcrWord> run)
    {
        // Tesseract's boxes of single Thai characters are rough in x, good in y: the run's height and
        // middle say where its digits stand; a glyph belongs to it when its middle is within the run.
        var height = Median(run.Select(w => (double)w.Height));
        var middle = Median(run.Select(w => w.Top + (w.Height / 2.0)));
        var slack = (int)Math.Ceiling(height * 0.45);
        int left = run[0].Left, right = run.Max(w => w.Right);
        var glyphs = Glyphs.Find(image, left - (2 * slack), (int)(middle - (1.5 * height)), right + (2 * slack), (int)(middle + (1.5 * height)))
            .Where(g => g.CenterX >= left - slack && g.CenterX <= right + slack
                && Math.Abs(((g.Top + g.Bottom) / 2.0) - middle) < 0.6 * height && g.Height < 1.8 * height && g.Height > 0.5 * height)
            .SelectMany(g => Separate(g, height))
            .Select(g => (Glyph: g, Match: Nearest(g)))
            .ToList();

        // A thin stroke broken by the scan leaves a digit in two pieces side by side: joined, they match.
        for (var k = 0; k + 1 < glyphs.Count; k++)
        {
            if (glyphs[k].Match.Distance <= MaxDistance && glyphs[k + 1].Match.Distance <= MaxDistance) continue;
            var joined = Glyph.Join(glyphs[k].Glyph, glyphs[k + 1].Glyph);
            if (joined.Width > 1.5 * height) continue;
            var match = Nearest(joined);
            if (match.Distance <= MaxDistance)
            {
                glyphs[k] = (joined, match);
                glyphs.RemoveAt(k + 1);
            }
        }

        // A neighbour caught at either end (the slash of ๐๘๑๐.๔/ว, a letter) is no digit: let it go.
        while (glyphs.Count > 0 && glyphs[0].Match.Distance > MaxDistance) glyphs.RemoveAt(0);
        while (glyphs.Count > 0 && glyphs[^1].Match.Distance > MaxDistance) glyphs.RemoveAt(glyphs.Count - 1);
        if (glyphs.Count == 0 || glyphs.Any(g => g.Match.Distance > MaxDistance)) return null;
        Widen(image, glyphs, height, middle);
        return new string(glyphs.Select(g => g.Match.Digit).ToArray());
    }

    // A digit tesseract left out at an end of the run (the ๓ of ๓๐, the ๕๖๗ of a year read as ๒): a glyph
    // nearer the run than a space is, taken while it is a digit; a space or a letter stops it.
    private void Widen(GrayImage image, List<(Glyph Glyph, (char Digit, double Distance) Match)> glyphs, double height, double middle)
    {
        var near = 0.25 * height;
        var around = Glyphs.Find(image, glyphs[0].Glyph.Left - (int)(5 * height), (int)(middle - (1.5 * height)),
                glyphs[^1].Glyph.Right + (int)(5 * height), (int)(middle + (1.5 * height)))
            .Where(g => Math.Abs(((g.Top + g.Bottom) / 2.0) - middle) < 0.6 * height && g.Height < 1.8 * height && g.Height > 0.5 * height && g.Width < 1.35 * height)
            .ToList();
        while (around.Where(g => g.Right < glyphs[0].Glyph.Left && glyphs[0].Glyph.Left - g.Right <= near).MaxBy(g => g.Right) is { } before
               && Nearest(before) is { Distance: <= MaxDistance } b)
        {
            glyphs.Insert(0, (before, b));
        }

        while (around.Where(g => g.Left > glyphs[^1].Glyph.Right && g.Left - glyphs[^1].Glyph.Right <= near).MinBy(g => g.Left) is { } after
               && Nearest(after) is { Distance: <= MaxDistance } a)
        {
            glyphs.Add((after, a));
        }
    }

    // Digits the scan runs together (๕๖ touching, ๔ against its slash) are one blot as wide as two:
    // cut at the column that leaves the two pieces nearest to digits, until each is a digit's width.
    private IEnumerable<Glyph> Separate(Glyph glyph, double height)
    {
        var wide = glyph.Width > 1.35 * height || (glyph.Width > 1.15 * glyph.Height && glyph.Width > 0.9 * height);
        if (!wide || glyph.Width < 8)
        {
            yield return glyph;
            yield break;
        }

        (Glyph Left, Glyph Right)? best = null;
        var bestScore = double.MaxValue;
        for (var cut = glyph.Left + (glyph.Width / 4); cut <= glyph.Right - (glyph.Width / 4); cut++)
        {
            var left = Glyph.Of(glyph.Pixels.Where(p => p.X < cut).ToList());
            var right = Glyph.Of(glyph.Pixels.Where(p => p.X >= cut).ToList());
            if (left is null || right is null) continue;
            var score = Nearest(left).Distance + Nearest(right).Distance;
            if (score < bestScore) (best, bestScore) = ((left, right), score);
        }

        if (best is not { } parts)
        {
            yield return glyph;
            yield break;
        }

        foreach (var piece in Separate(parts.Left, height)) yield return piece;
        foreach (var piece in Separate(parts.Right, height)) yield return piece;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    internal (char Digit, double Distance) Nearest(Glyph glyph)
    {
        var grid = glyph.Grid();
        var best = (Digit: '?', Distance: double.MaxValue);
        foreach (var shape in shapes)
        {
            var d = 0.0;
            for (var k = 0; k < grid.Length; k++)
            {
                var e = grid[k] - shape.Grid[k];
                d += e * e;
            }

            d = (d / grid.Length) + (0.5 * Math.Pow(glyph.Aspect - shape.Aspect, 2));
            if (d < best.Distance) best = (shape.Digit, d);
        }

        return best;
    }
}

/// <summary>A digit's shape: its ink over a <see cref="Glyph.GridWidth"/> × <see cref="Glyph.GridHeight"/> grid of its box, and its box's width over height.</summary>
internal sealed record DigitShape(char Digit, bool Bold, double Aspect, double[] Grid)
{
    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"{Digit} {(Bold ? "B" : "R")} {Aspect:0.0000} {Convert.ToHexString(Grid.Select(v => (byte)Math.Round(v * 255)).ToArray())}");

    public static DigitShape Parse(string line)
    {
        var f = line.Split(' ');
        return new DigitShape(f[0][0], f[1] == "B", double.Parse(f[2], CultureInfo.InvariantCulture),
            Convert.FromHexString(f[3]).Select(b => b / 255.0).ToArray());
    }
}
