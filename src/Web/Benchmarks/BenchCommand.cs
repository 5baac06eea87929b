using Saraban.Web.Cli;

namespace Saraban.Web.Benchmarks;

public static class BenchCommand
{
    private const string Help =
        """
        Usage: ./saraban bench <what> [options]     (./saraban bench <what> --help)

          eventstore   single-event appends from concurrent writers
          numbering    clerks of one office taking receive numbers at once
          files        a circular to every LAO with a 5 MB enclosure (stored once? delivered as fast?), 20 MB streamed
          ocr          scanned letters (rendered, turned, noisy, 300 dpi) read by local OCR: fields exact, time per page
          pdf          one-page letters rendered to PDF per second, on every core
          search       searches of registers holding millions of lines
          retention    the yearly retention survey of an office with 100,000 register entries
          views        serve's start and its pages under load on a big log, while a cascade writes
          soak         two nodes on PostgreSQL under mixed reads and writes for minutes: failures and the memory curve
        """;

    public static Task<int> RunAsync(string[] argv) => argv.FirstOrDefault() switch
    {
        "eventstore" => EventStoreBenchmark.RunAsync(argv[1..]),
        "numbering" => NumberingBenchmark.RunAsync(argv[1..]),
        "ocr" => OcrBenchmark.RunAsync(argv[1..]),
        "pdf" => PdfBenchmark.RunAsync(argv[1..]),
        "files" => FilesBenchmark.RunAsync(argv[1..]),
        "search" => SearchBenchmark.RunAsync(argv[1..]),
        "views" => ViewsBenchmark.RunAsync(argv[1..]),
        "soak" => SoakBenchmark.RunAsync(argv[1..]),
        "retention" => RetentionBenchmark.RunAsync(argv[1..]),
        null or "--help" or "-h" => Task.FromResult(Verbs.Print(Help, 0)),
        var what => throw new UsageException($"unknown benchmark '{what}' (try ./saraban bench --help)"),
    };
}
