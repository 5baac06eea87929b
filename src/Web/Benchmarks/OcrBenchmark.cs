using System.Text.Json;
using Saraban.Documents.Reading.Scans;
using Saraban.Documents.Rendering;
using Saraban.Web.Cli;

namespace Saraban.Web.Benchmarks;

/// <summary>
/// The OCR test set (<see cref="OcrTestSet"/>): every example letter and shared sample rendered, scanned at
/// 300 dpi turned a few degrees with grain and dust, and read as an uploaded scan is. Prints each scan's
/// fields exact and seconds, then the rate over all fields and the median time per page.
/// </summary>
public static class OcrBenchmark
{
    private const string Help =
        """
        Usage: ./saraban bench ocr [--angles -2,1.5,3] [--templates DIR] [--samples DIR] [--keep DIR] [--misses] [--reuse-text]

          --angles A,B  the turns, in degrees, each letter is scanned at (default -2,1.5,3)
          --samples DIR more letters as JSON (default ../shared/samples when present)
          --keep DIR    keep the rendered PDFs, scanned PNGs and the text OCR read (NAME±D.ocr.txt) there
          --misses      print each wrong field: what the text layer gives, then what OCR gave
          --reuse-text  with --keep: read the text an earlier run kept instead of OCR (to work on the reader)

        A field is exact when it equals what the reader takes from the same letter's PDF text layer.
        Needs pdftoppm (poppler-utils) and tesseract with Thai (tesseract-ocr, tesseract-ocr-tha).
        The last line is JSON: {"scans":…,"fields":…,"exact":…,"exactPercent":…,"medianSecondsPerPage":…}.
        """;

    public static Task<int> RunAsync(string[] argv)
    {
        var args = new Arguments(argv);
        if (args.Has("help")) return Task.FromResult(Verbs.Print(Help, 0));
        var angles = (args.Get("angles") ?? "-2,1.5,3").Split(',')
            .Select(a => double.TryParse(a, System.Globalization.CultureInfo.InvariantCulture, out var d) && Math.Abs(d) <= 15 ? d
                : throw new UsageException($"--angles: '{a}' is not a turn of at most 15 degrees")).ToList();
        var templates = args.Get("templates") ?? "letter-templates";
        var samples = args.Get("samples");
        var keep = args.Get("keep");
        var showMisses = args.Has("misses");
        var reuse = args.Has("reuse-text");
        args.RejectUnknown();
        if (reuse && keep is null) throw new UsageException("--reuse-text needs --keep DIR, where an earlier run kept the text");

        var folder = keep ?? Directory.CreateTempSubdirectory("saraban-bench-ocr-").FullName;
        Directory.CreateDirectory(folder);
        try
        {
            using var renderer = new LetterRenderer(new RenderOptions { TemplateDirectory = templates });
            var letters = OcrTestSet.Letters(Path.GetDirectoryName(Path.GetFullPath(templates))!, samples);
            var results = new List<OcrResult>();
            var seed = 1;
            foreach (var letter in letters)
            {
                foreach (var angle in angles)
                {
                    OcrResult r;
                    try
                    {
                        r = OcrTestSet.Run(renderer, letter, angle, seed++, folder, reuseText: reuse);
                    }
                    catch (RenderingException ex)
                    {
                        // A sample holding only the fields (no body) is no letter to print: not in the set.
                        Console.WriteLine($"{Path.GetFileNameWithoutExtension(letter),-28} not rendered, left out: {ex.Message}");
                        break;
                    }


                    results.Add(r);
                    Console.WriteLine($"{r.Name,-28} {r.Degrees,5:+0.0;-0.0}°  {r.Exact,2}/{r.Fields} exact  {r.Elapsed.TotalSeconds,5:0.0} s"
                        + (r.Wrong.Count > 0 ? "  wrong: " + string.Join(", ", r.Wrong) : ""));
                    if (showMisses)
                        foreach (var (field, expected, read) in r.Misses ?? []) Console.WriteLine($"    {field}: {expected}\n    {new string(' ', field.Length)}  {read}");
                }
            }

            var fields = results.Sum(r => r.Fields);
            var exact = results.Sum(r => r.Exact);
            var times = results.Select(r => r.Elapsed.TotalSeconds).Order().ToList();
            var median = times.Count == 0 ? 0 : times[times.Count / 2];
            var percent = fields == 0 ? 0 : 100.0 * exact / fields;
            Console.WriteLine($"{results.Count} scans, {exact}/{fields} fields exact ({percent:0.0} %), median {median:0.00} s per page");
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                scans = results.Count, fields, exact, exactPercent = Math.Round(percent, 1), medianSecondsPerPage = Math.Round(median, 2),
                byField = results.SelectMany(r => r.Wrong).GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count()),
            }));
            return Task.FromResult(0);
        }
        finally
        {
            if (keep is null) Directory.Delete(folder, recursive: true);
        }
    }
}
