using System.Globalization;
using Saraban.Documents.Rendering.Layout;
using Saraban.Documents.Rendering.Pdf;

namespace Saraban.Documents.Reading.Scans;

/// <summary>
/// The shapes of the ten Thai digits in the letter font (Laksaman, drawn as TH Sarabun New at 16 pt),
/// regular and bold, as <see cref="ThaiDigitReader"/> compares glyphs with them. Kept in
/// <c>thai-digits.txt</c> beside this file, made by <see cref="Make"/>: our own renderer draws the
/// digits, pdftoppm rasterizes them at 300 dpi, as it does a scan (a test checks the file is what
/// <see cref="Make"/> makes).
/// </summary>
internal static class ThaiDigitShapes
{
    private const string Resource = "Saraban.Documents.Reading.Scans.thai-digits.txt";

    public static IReadOnlyList<DigitShape> Load()
    {
        using var stream = typeof(ThaiDigitShapes).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{Resource} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).Select(DigitShape.Parse).ToList();
    }

    /// <summary>Draws the digits, rasterizes them and measures each glyph.</summary>
    public static IReadOnlyList<DigitShape> Make(IPdfBackend pdf, LetterSourceOptions options)
    {
        const double Size = 16, Step = 40, Left = 72;
        var items = new List<PageItem>();
        for (var k = 0; k < 10; k++)
        {
            items.Add(new TextItem("digit", ((char)('๐' + k)).ToString(), Left + (k * Step), 100, Size));
            items.Add(new TextItem("digit", ((char)('๐' + k)).ToString(), Left + (k * Step), 200, Size, Bold: true));
        }

        var folder = Path.Combine(Path.GetTempPath(), "saraban-digits-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var file = Path.Combine(folder, "digits.pdf");
            using (var output = File.Create(file))
            {
                pdf.Write(new LaidOutLetter([new LaidOutPage(595, 300, items)], ""), output);
            }

            var dpi = options.OcrDpi;
            ChildProcess.Run(options.PdfToPpm, ["-r", dpi.ToString(CultureInfo.InvariantCulture), "-gray", file, Path.Combine(folder, "page")],
                options.OcrTimeout, "poppler-utils");
            var image = GrayImage.ReadPgm(Directory.GetFiles(folder, "page*.pgm").Single());
            var px = dpi / 72.0;
            var shapes = new List<DigitShape>();
            foreach (var bold in (bool[])[false, true])
            {
                var baseline = bold ? 200 : 100;
                for (var k = 0; k < 10; k++)
                {
                    var x = Left + (k * Step);
                    var glyphs = Glyphs.Find(image, (int)((x - 4) * px), (int)((baseline - 20) * px), (int)((x + Step - 8) * px), (int)((baseline + 8) * px));
                    var glyph = glyphs.Count == 1 ? glyphs[0] : throw new InvalidOperationException($"digit {k} drew as {glyphs.Count} glyphs");
                    shapes.Add(new DigitShape((char)('๐' + k), bold, glyph.Aspect, glyph.Grid()));
                }
            }

            return shapes;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static string Format(IEnumerable<DigitShape> shapes) =>
        "# Thai digits of Laksaman at 16 pt (TH Sarabun New's size), 300 dpi: digit, R/B, width/height, ink over a 12x16 grid (ThaiDigitShapes.Make)\n"
        + string.Concat(shapes.Select(s => s.Line() + "\n"));
}
