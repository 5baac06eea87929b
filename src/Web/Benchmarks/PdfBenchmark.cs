using System.Diagnostics;
using System.Text.Json;
using Saraban.Documents.Rendering;
using Saraban.Web.Cli;

namespace Saraban.Web.Benchmarks;

/// <summary>
/// One-page letters rendered to PDF on every core, after a warm-up; reports letters per second,
/// the time of one ten-page letter and the peak working set, to show throughput and flat memory.
/// </summary>
public static class PdfBenchmark
{
    private const string Help =
        """
        Usage: ./saraban bench pdf [--letters N] [--threads T] [--templates DIR]

          --letters N    one-page letters to render (default 20000)
          --threads T    rendering threads (default: one per core)

        Renders the example external letter N times (each with its own running number) into memory,
        then one ten-page letter. Prints letters/s, 10-page ms and peak memory; the last line is
        JSON: {"letters":…,"lettersPerSecond":…,"peakMB":…,"tenPageMs":…}.
        """;

    public static Task<int> RunAsync(string[] argv)
    {
        var args = new Arguments(argv);
        if (args.Has("help")) return Task.FromResult(Verbs.Print(Help, 0));
        var count = args.GetInt("letters", 20_000, max: 100_000_000);
        var threads = args.GetInt("threads", Environment.ProcessorCount, max: 256);
        var templates = args.Get("templates") ?? "letter-templates";
        args.RejectUnknown();

        using var renderer = new LetterRenderer(new RenderOptions { TemplateDirectory = templates });
        var example = LetterDocument.Load(Path.Combine(templates, "examples", "external-letter.json"));
        LetterDocument Numbered(int i) => example with
        {
            Fields = example.Fields with { DocumentNumber = example.Fields.DocumentNumber! with { Running = i + 1, Text = $"ที่ นร ๐๑๐๗/{Saraban.Workflow.Thai.ThaiDigits.Format(i + 1)}" } },
        };

        void Render(int i)
        {
            using var output = new MemoryStream(64 * 1024);
            renderer.WritePdf(Numbered(i), output);
        }

        Parallel.For(0, Math.Min(count, 500), new ParallelOptions { MaxDegreeOfParallelism = threads }, Render);
        GC.Collect();
        var clock = Stopwatch.StartNew();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, Render);
        var seconds = clock.Elapsed.TotalSeconds;
        var peakMb = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 1);

        var longLetter = example with { Fields = example.Fields with { Body = [.. Enumerable.Repeat(string.Concat(Enumerable.Repeat(example.Fields.Body[0] + " ", 3)), 40)] } };
        var pages = renderer.Layout(longLetter).Pages.Count;
        var tenPage = Stopwatch.StartNew();
        const int TenPageRuns = 20;
        for (var i = 0; i < TenPageRuns; i++)
        {
            using var output = new MemoryStream();
            renderer.WritePdf(longLetter, output);
        }

        var tenPageMs = Math.Round(tenPage.Elapsed.TotalMilliseconds / TenPageRuns, 1);
        var perSecond = Math.Round(count / seconds);
        Console.WriteLine($"{count:N0} one-page letters on {threads} threads in {seconds:F2} s: {perSecond:N0} letters/s; {pages}-page letter {tenPageMs} ms; peak {peakMb} MB");
        Console.WriteLine(JsonSerializer.Serialize(new { letters = count, lettersPerSecond = perSecond, peakMB = peakMb, tenPageMs, pages, threads }));
        return Task.FromResult(0);
    }
}
