using Saraban.Documents.Rendering.Docx;
using Saraban.Documents.Rendering.Fonts;
using Saraban.Documents.Rendering.Layout;
using Saraban.Documents.Rendering.Pdf;
using Saraban.Documents.Rendering.Templates;
using Saraban.Documents.Rendering.Thai;

namespace Saraban.Documents.Rendering;

/// <summary>What a deployment configures once: where templates and fonts live, the emblem, the verification address.</summary>
public sealed record RenderOptions
{
    /// <summary>Folder of the letter templates (<c>letter-templates/</c>).</summary>
    public required string TemplateDirectory { get; init; }

    public string FontDirectory { get; init; } = LetterFonts.DebianDirectory;

    /// <summary>The organization's emblem image, replacing the templates' placeholder.</summary>
    public string? EmblemPath { get; init; }

    /// <summary>
    /// This system's page that verifies a letter; the QR code points under it. An upper-case path
    /// keeps the code in QR's compact alphanumeric mode (see <see cref="Qr.VerificationCode.Url"/>).
    /// </summary>
    public string VerificationBase { get; init; } = "http://127.0.0.1:5080/V";

    /// <summary>Print addresses and contacts in Western digits instead of the regulation's Thai ones.</summary>
    public bool WesternDigits { get; init; }
}

/// <summary>
/// Renders letters as PDF or DOCX. Built once (templates, fonts, emblem are read and checked
/// here), then thread-safe: renders may run on every core at once.
/// </summary>
public sealed class LetterRenderer : IDisposable
{
    private readonly RenderOptions _options;
    private readonly LetterFonts _fonts;
    private readonly LineBreakerPool _breakers = new();
    private readonly LetterComposer _composer;
    private readonly Dictionary<string, LetterImage> _emblems = new(StringComparer.Ordinal);

    public LetterRenderer(RenderOptions options, IPdfBackend? backend = null)
    {
        _options = options;
        Templates = TemplateSet.Load(options.TemplateDirectory);
        _fonts = LetterFonts.LoadLaksaman(options.FontDirectory);
        _composer = new LetterComposer(_fonts, _breakers, options.WesternDigits, emblemIsPlaceholder: options.EmblemPath is null);
        Pdf = backend ?? new PdfSharpBackend(_fonts);
        var configured = options.EmblemPath is { } path ? LetterImage.Load(path) : null;
        foreach (var template in Templates.All)
        {
            _emblems[template.Kind] = configured ?? LetterImage.Load(Path.Combine(Templates.Directory, template.Emblem.Image));
        }
    }

    public TemplateSet Templates { get; }

    public IPdfBackend Pdf { get; }

    public LetterFonts Fonts => _fonts;

    /// <summary>Puts receive stamps on incoming PDFs with this renderer's fonts and PDF backend.</summary>
    public Stamp.ReceiveStamper Stamper => new(Pdf, _fonts);

    /// <summary>Checks the letter against its template and lays it out; nothing is written.</summary>
    public LaidOutLetter Layout(LetterDocument letter)
    {
        var template = Templates.For(letter.TemplateKind);
        LetterChecks.Check(letter, template);
        return _composer.Compose(letter, template, _emblems[template.Kind], _options.VerificationBase);
    }

    public void WritePdf(LetterDocument letter, Stream output) => Pdf.Write(Layout(letter), output);

    public void WriteDocx(LetterDocument letter, Stream output)
    {
        var template = Templates.For(letter.TemplateKind);
        var laid = Layout(letter);
        DocxWriter.Write(PrintedDigits.Apply(letter, _options.WesternDigits), template, _emblems[template.Kind], laid.VerificationUrl, output);
    }

    /// <summary>
    /// Renders to <paramref name="path"/>, PDF or DOCX by its extension. The file appears whole or
    /// not at all: it is written beside the target under a temporary name and moved into place.
    /// </summary>
    public void RenderToFile(LetterDocument letter, string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        Action<LetterDocument, Stream> write = extension switch
        {
            ".pdf" => WritePdf,
            ".docx" => WriteDocx,
            _ => throw new RenderingException(RenderingProblem.UnknownTemplate, $"ไม่รู้จักชนิดแฟ้ม '{extension}' ใช้ .pdf หรือ .docx", $"unknown output type '{extension}': use .pdf or .docx"),
        };
        AtomicFile.Write(path, stream => write(letter, stream));
    }

    public void Dispose()
    {
        _breakers.Dispose();
        _fonts.Dispose();
    }
}
