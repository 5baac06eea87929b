using Saraban.Documents.Reading;

namespace Saraban.Web.Cli;

/// <summary><c>./saraban intake FILE [--json]</c>: reads the letters in a text file or PDF and prints what it found.</summary>
public static class IntakeCommand
{
    private const string Help =
        """
        Usage: ./saraban intake FILE [--json] [--text] [--raw-pdf]

        Reads the official letters in FILE — text pasted or OCR'd (UTF-8 or TIS-620), a PDF
        with a text layer (read with pdftotext from poppler-utils), or a scan: a PNG, a JPEG or a
        PDF of images, read on this machine by tesseract with its Thai model (tesseract-ocr,
        tesseract-ocr-tha) at 300 dpi — and prints each letter's fields with a confidence from
        0 to 1, or "not found". Nothing is registered.

          --json       print one JSON array, an object per letter, in the order they stand in FILE
          --text       print the text read (a scan's OCR) instead of the fields
          --raw-pdf    read a PDF without pdftotext's -layout (columns as separate lines)

        Exits 1 with a one-line message for an empty, binary, corrupt or oversized file (over
        50 MB), a scan without text ("ไม่พบข้อความ…"), or text that is not a letter.
        """;

    public static int Run(string[] argv)
    {
        var args = new Arguments(argv, "raw-pdf", "text");
        if (args.Has("help"))
        {
            Console.WriteLine(Help.TrimEnd());
            return 0;
        }

        var json = args.Has("json");
        var textOnly = args.Has("text");
        var options = new LetterSourceOptions { PdfLayout = !args.Has("raw-pdf") };
        args.RejectUnknown();
        if (args.Positional.Count != 1)
        {
            throw new UsageException("needs exactly one FILE (try ./saraban intake --help)");
        }

        try
        {
            if (textOnly)
            {
                Console.Write(LetterSource.ReadText(args.Positional[0], options));
                return 0;
            }

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
