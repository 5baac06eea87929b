using System.Globalization;
using Saraban.Documents.Reading;
using Saraban.Documents.Rendering;

namespace Saraban.Web.Cli;

/// <summary><c>./saraban render --letter JSON --out x.pdf|x.docx</c>, and the receive stamp on an incoming PDF.</summary>
public static class RenderCommand
{
    private const string Help =
        """
        Usage: ./saraban render --letter LETTER.json --out OUT.pdf|OUT.docx [options]
               ./saraban render --letter-id ID --as USER --out OUT.pdf|OUT.docx [--db PATH | --postgres "CONN"]
               ./saraban render --stamp IN.pdf --agency NAME --receive-number N [--at "YYYY-MM-DD HH:mm"] --out OUT.pdf

        Renders a letter's fields (the JSON of letter-templates/examples/, the shape ./saraban intake
        --json prints, plus kind, body, senderAddress and the owning unit's contacts) with the
        template of its kind, as PDF (Thai shaped, font embedded, QR code) or as an editable DOCX.
        With --letter-id, renders a letter stored in the database (an office's own letter, drafted,
        signed or dispatched) for the user named by --as, who must be allowed to read it.
        With --stamp, puts a receive stamp (agency, เลขรับ, date, time) on an incoming PDF.

          --templates DIR     letter templates (default: letter-templates)
          --emblem FILE       the organization's emblem, PNG, JPEG or SVG (default: the placeholder)
          --verify-url URL    this system's verification page (default http://127.0.0.1:5080/V)
          --fonts DIR         folder of Laksaman*.ttf (default /usr/share/fonts/truetype/tlwg)

        Errors (a missing or too long field, an unknown template, an image that is not an image,
        a file that is not a PDF) exit 1 with one line; no output file is left behind.
        """;

    public static async Task<int> RunAsync(string[] argv)
    {
        var args = new Arguments(argv);
        if (args.Has("help")) return Verbs.Print(Help, 0);
        var letter = args.Get("letter");
        var letterId = args.Get("letter-id");
        var reader = args.Get("as");
        var store = letterId is null ? null : StoreArguments.Read(args);
        var stamp = args.Get("stamp");
        var output = args.Get("out") ?? throw new UsageException("needs --out FILE (try ./saraban render --help)");
        var options = new RenderOptions
        {
            TemplateDirectory = args.Get("templates") ?? FindTemplates(),
            EmblemPath = args.Get("emblem"),
            VerificationBase = args.Get("verify-url") ?? "http://127.0.0.1:5080/V",
            FontDirectory = args.Get("fonts") ?? "/usr/share/fonts/truetype/tlwg",
        };
        var agency = args.Get("agency");
        var number = args.Has("receive-number") ? args.GetInt("receive-number", 1) : (int?)null;
        var at = args.Get("at");
        args.RejectUnknown();
        if (new[] { letter, stamp, letterId }.Count(x => x is not null) != 1)
            throw new UsageException("needs one of --letter JSON, --letter-id ID or --stamp PDF (try ./saraban render --help)");
        if (letterId is not null && reader is null) throw new UsageException("--letter-id needs --as USER: the user the letter is rendered for");
        var stored = letterId is null ? null : await StoredLetter.LoadAsync(store!, letterId, reader!);

        try
        {
            using var renderer = new LetterRenderer(options);
            if (letter is not null || stored is not null)
            {
                renderer.RenderToFile(stored ?? LetterDocument.Load(letter!), output);
            }
            else
            {
                var when = at is null ? DateTimeOffset.Now.ToOffset(TimeSpan.FromHours(7)).DateTime
                    : DateTime.TryParseExact(at, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t
                    : throw new UsageException($"--at must be \"YYYY-MM-DD HH:mm\", not '{at}'");
                var receive = new ReceiveStamp(agency, number, DateOnly.FromDateTime(when), TimeOnly.FromDateTime(when));
                renderer.Stamper.StampFile(stamp!, receive, output);
            }

            Console.WriteLine(output);
            return 0;
        }
        catch (RenderingException ex)
        {
            Console.Error.WriteLine($"saraban render: {ex.Message}");
            return 1;
        }
    }

    // ./saraban runs from the repository root; a published program finds the folder beside it.
    internal static string FindTemplates()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "letter-templates");
                if (Directory.Exists(candidate)) return candidate;
            }
        }

        return "letter-templates";
    }
}
