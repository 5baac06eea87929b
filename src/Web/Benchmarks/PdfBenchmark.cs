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
        Usage: ./saraban bench pdf [--letters N] [--threads T] [--memory-every M] [--templates DIR]

          --letters N       one-page letters to render (default 20000)
          --threads T       rendering threads (default: one per core)
          --memory-every M  print the working set and managed heap after every M letters
                            (default N/10), to show memory stays flat

        Renders the example external letter N times (each with its own running number) into memory,
        then one ten-page letter. Prints letters/s, CPU ms per letter (a figure that other load on
        the machine disturbs less), 10-page ms and peak memory; the last line is JSON:
        {"letters":…,"lettersPerSecond":…,"cpuMsPerLetter":…,"peakMB":…,"tenPageMs":…,"memory":[…]}.
        """;

    public static Task<int> RunAsync(string[] argv)
    {
        var args = new Arguments(argv);
        if (args.Has("help")) return Task.FromResult(Verbs.Print(Help, 0));
        var count = args.GetInt("letters", 20_000, max: 100_000_000);
        var threads = args.GetInt("threads", Environment.ProcessorCount, max: 256);
        var every = args.GetInt("memory-every", Math.Max(1, count / 10), max: 100_000_000);
        var templates = args.Get("templates") ?? "letter-templates";
        args.RejectUnknown();

        using var renderer = new LetterRenderer(new RenderOptions { TemplateDirectory = templates });
        var example = LetterDocument.Load(Path.Combine(templates, "examples", "external-letter.json"));
        LetterDocument Numbered(int i) => example with
        {
            Fields = example.Fields with { DocumentNumber = example.Fields.DocumentNumber! with { Running = i + 1, Text = $"ที่ นร ๐๑๐๗/{Saraban.Workflow.Thai.ThaiDigits.Format(i + 1)}" } },
        };

        // Each worker reuses one output buffer, as a server streaming PDFs out would: a fresh
        // 64 KB buffer per letter measured the benchmark's allocations more than the renderer's.
        void RenderRange(int from, int to) => Parallel.For(from, to, new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => new MemoryStream(64 * 1024),
            (i, _, output) =>
            {
                output.SetLength(0);
                renderer.WritePdf(Numbered(i), output);
                return output;
            },
            output => output.Dispose());

        RenderRange(0, Math.Min(count, 500));
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var memory = new List<object>();
        var clock = Stopwatch.StartNew();
        for (var done = 0; done < count;)
        {
            // Chunks end at a barrier, a few microseconds per chunk: negligible against the letters.
            var next = Math.Min(count, done + every);
            RenderRange(done, next);
            done = next;
            process.Refresh();
            var workingMb = Math.Round(process.WorkingSet64 / 1048576.0, 1);
            var heapMb = Math.Round(GC.GetTotalMemory(forceFullCollection: false) / 1048576.0, 1);
            memory.Add(new { letters = done, workingSetMB = workingMb, heapMB = heapMb });
            Console.WriteLine($"  {done,12:N0} letters: working set {workingMb} MB, managed heap {heapMb} MB, {done / clock.Elapsed.TotalSeconds:N0} letters/s so far");
        }

        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuMs = Math.Round((process.TotalProcessorTime - cpuBefore).TotalMilliseconds / count, 3);
        var peakMb = Math.Round(process.PeakWorkingSet64 / 1048576.0, 1);

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
        Console.WriteLine($"{count:N0} one-page letters on {threads} threads in {seconds:F2} s: {perSecond:N0} letters/s, {cpuMs} CPU ms each; {pages}-page letter {tenPageMs} ms; peak {peakMb} MB");
        Console.WriteLine(JsonSerializer.Serialize(new { letters = count, lettersPerSecond = perSecond, cpuMsPerLetter = cpuMs, peakMB = peakMb, tenPageMs, pages, threads, memory }));
        return Task.FromResult(0);
    }
}
