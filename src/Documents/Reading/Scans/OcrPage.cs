using System.Globalization;
using System.Text;

namespace Saraban.Documents.Reading.Scans;

/// <summary>A word tesseract read, with its box in the page's pixels and whether a space stood before it.</summary>
internal sealed record OcrWord(string Text, int Left, int Top, int Width, int Height, double Confidence, bool SpaceBefore)
{
    public int Right => Left + Width;
}

/// <summary>A line of words, with its box.</summary>
internal sealed record OcrLine(int Block, int Paragraph, int Left, int Top, int Width, int Height, IReadOnlyList<OcrWord> Words);

/// <summary>
/// One page through tesseract: its TSV (boxes and confidences) and its text (where the spaces
/// are: Thai runs its words together, and tesseract's TSV does not say which words a space parts).
/// Both come from one recognition, so their words agree; where they do not, the line is kept as
/// the text says and gets no correction.
/// </summary>
internal static class OcrPage
{
    public static IReadOnlyList<OcrLine> Read(string page, LetterSourceOptions options, CancellationToken ct = default)
    {
        var outBase = Path.Combine(Path.GetDirectoryName(page)!, Path.GetFileNameWithoutExtension(page) + "-ocr");
        ChildProcess.Run(options.Tesseract,
            [page, outBase, "-l", options.OcrLanguages, "--dpi", options.OcrDpi.ToString(CultureInfo.InvariantCulture), "--psm", "3", "txt", "tsv"],
            options.OcrTimeout, "tesseract-ocr tesseract-ocr-tha", ct);
        var text = File.ReadAllText(outBase + ".txt", Encoding.UTF8);
        var tsv = File.ReadAllLines(outBase + ".tsv", Encoding.UTF8);
        return Lines(tsv, text);
    }

    /// <summary>White around each line's picture: tesseract reads a line poorly that touches the picture's edge.</summary>
    private const int Margin = 30;

    /// <summary>
    /// The page's lines (<see cref="LineBands"/>), each its own picture, all read by one tesseract run
    /// (one model load) as single lines (<c>--psm 7</c>): no layout analysis to take a line's marks away
    /// from it. Boxes come back in the page's pixels; a line tesseract found nothing in is left out.
    /// </summary>
    public static IReadOnlyList<OcrLine> ReadLines(GrayImage page, IReadOnlyList<Band> bands, string folder, LetterSourceOptions options,
        CancellationToken ct = default)
    {
        if (bands.Count == 0) return [];
        var list = new List<string>(bands.Count);
        for (var i = 0; i < bands.Count; i++)
        {
            var b = bands[i];
            var (w, h) = (b.Right - b.Left + (2 * Margin), b.Height + (2 * Margin));
            var pixels = new byte[w * h];
            Array.Fill(pixels, (byte)255);
            for (var y = b.Top; y < b.Bottom; y++)
            {
                Array.Copy(page.Pixels, (y * page.Width) + b.Left, pixels, ((y - b.Top + Margin) * w) + Margin, b.Right - b.Left);
            }

            var file = Path.Combine(folder, $"line{i:D4}.pgm");
            new GrayImage(w, h, pixels).WritePgm(file);
            list.Add(file);
        }

        var listFile = Path.Combine(folder, "lines.txt");
        File.WriteAllLines(listFile, list);
        var outBase = Path.Combine(folder, "lines-ocr");
        ChildProcess.Run(options.Tesseract,
            [listFile, outBase, "-l", options.OcrLanguages, "--dpi", options.OcrDpi.ToString(CultureInfo.InvariantCulture), "--psm", "7", "txt", "tsv"],
            options.OcrTimeout, "tesseract-ocr tesseract-ocr-tha", ct);
        var texts = File.ReadAllText(outBase + ".txt", Encoding.UTF8).Split('\f');
        var rows = File.ReadAllLines(outBase + ".tsv", Encoding.UTF8);
        var lines = new List<OcrLine>();
        foreach (var one in rows.Skip(1).Select(r => r.Split('\t')).Where(f => f.Length >= 12 && f[0] == "5")
                     .GroupBy(f => int.Parse(f[1], CultureInfo.InvariantCulture)))
        {
            var i = one.Key - 1;
            if (i < 0 || i >= bands.Count) continue;
            var b = bands[i];
            var text = i < texts.Length ? texts[i].Split('\n').FirstOrDefault(l => l.Trim().Length > 0) ?? "" : "";
            var words = one.Where(f => f[11].Trim().Length > 0).Select(f => new OcrWord(f[11],
                int.Parse(f[6], CultureInfo.InvariantCulture) + b.Left - Margin, int.Parse(f[7], CultureInfo.InvariantCulture) + b.Top - Margin,
                int.Parse(f[8], CultureInfo.InvariantCulture), int.Parse(f[9], CultureInfo.InvariantCulture),
                double.Parse(f[10], CultureInfo.InvariantCulture), SpaceBefore: true)).ToList();
            if (words.Count == 0) continue;
            lines.Add(new OcrLine(i, 0, b.Left, b.Top, b.Right - b.Left, b.Height, Spaced(words, text)));
        }

        return lines;
    }

    /// <summary>The TSV's lines, each word told whether the text puts a space before it.</summary>
    internal static IReadOnlyList<OcrLine> Lines(IReadOnlyList<string> tsv, string text)
    {
        var rows = new List<(int Level, int Block, int Par, int Line, int L, int T, int W, int H, double Conf, string Text)>();
        foreach (var row in tsv.Skip(1))
        {
            var f = row.Split('\t');
            if (f.Length < 12 || !int.TryParse(f[0], out var level)) continue;
            int I(int i) => int.Parse(f[i], CultureInfo.InvariantCulture);
            rows.Add((level, I(2), I(3), I(4), I(6), I(7), I(8), I(9), double.Parse(f[10], CultureInfo.InvariantCulture), f[11]));
        }

        var textLines = text.Split('\n').Where(l => l.Trim().Length > 0).ToList();
        var lines = new List<OcrLine>();
        var next = 0;
        foreach (var group in rows.Where(r => r.Level == 5 && r.Text.Trim().Length > 0).GroupBy(r => (r.Block, r.Par, r.Line)))
        {
            var box = rows.First(r => r.Level == 4 && (r.Block, r.Par, r.Line) == group.Key);
            var words = group.Select(r => new OcrWord(r.Text, r.L, r.T, r.W, r.H, r.Conf, SpaceBefore: true)).ToList();
            words = next < textLines.Count ? Spaced(words, textLines[next]) : words;
            next++;
            lines.Add(new OcrLine(group.Key.Block, group.Key.Par, box.L, box.T, box.W, box.H, words));
        }

        return lines;
    }

    // Walks the text line and the words together: each word must stand next in the line, after
    // the spaces that part it from the one before.
    private static List<OcrWord> Spaced(List<OcrWord> words, string line)
    {
        var at = 0;
        var spaced = new List<OcrWord>(words.Count);
        foreach (var word in words)
        {
            var start = at;
            while (at < line.Length && line[at] == ' ') at++;
            if (string.CompareOrdinal(line, at, word.Text, 0, word.Text.Length) != 0) return words;
            spaced.Add(word with { SpaceBefore = at > start || spaced.Count == 0 });
            at += word.Text.Length;
        }

        return spaced;
    }

    /// <summary>The line as text: words parted where the text parted them, columns far apart kept apart.</summary>
    public static string Text(OcrLine line)
    {
        var text = new StringBuilder();
        OcrWord? before = null;
        foreach (var word in line.Words)
        {
            if (before is not null && word.SpaceBefore)
            {
                // A gap of several letters is the page's columns (ที่ on the left, the agency on the right).
                text.Append(word.Left - before.Right > 3 * line.Height ? "        " : " ");
            }

            text.Append(word.Text);
            before = word;
        }

        return text.ToString();
    }
}
