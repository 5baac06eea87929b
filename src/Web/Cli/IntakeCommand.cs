using Saraban.Documents.Reading;

namespace Saraban.Web.Cli;

/// <summary><c>./saraban intake FILE [--json]</c>: reads the letters in a text file or PDF and prints what it found.</summary>
public static class IntakeCommand
{
    private const string Help =
        """
        Usage: ./saraban intake FILE [--json] [--raw-pdf]

        Reads the official letters in FILE — text pasted or OCR'd (UTF-8 or TIS-620), or a PDF
        with a text layer (read with pdftotext from poppler-utils) — and prints each letter's
        fields with a confidence from 0 to 1, or "not found". Nothing is registered.

          --json       print one JSON array, an object per letter, in the order they stand in FILE
          --raw-pdf    read a PDF without pdftotext's -layout (columns as separate lines)

        Exits 1 with a one-line message for an empty, binary or oversized file (over 50 MB),
        a PDF without text, or text that is not a letter.
        """;

    public static int Run(string[] argv)
    {
        var args = new Arguments(argv, "raw-pdf");
        if (args.Has("help"))
        {
            Console.WriteLine(Help.TrimEnd());
            return 0;
        }

        var json = args.Has("json");
        var options = new LetterSourceOptions { PdfLayout = !args.Has("raw-pdf") };
        args.RejectUnknown();
        if (args.Positional.Count != 1)
        {
            throw new UsageException("needs exactly one FILE (try ./saraban intake --help)");
        }

        try
        {
            var reading = LetterReader.ReadFile(args.Positional[0], options);
            Console.Write(json ? LetterJson.Serialize(reading) + Environment.NewLine : IntakeReport.Format(reading));
            return 0;
        }
        catch (LetterReadingException ex)
        {
            Console.Error.WriteLine($"saraban intake: {ex.Message}");
            return 1;
        }
    }
}
