using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using Saraban.Documents.Rendering.Fonts;
using Saraban.Documents.Rendering.Layout;
using Saraban.Documents.Rendering.Thai;

namespace Saraban.Documents.Rendering.Pdf;

/// <summary>
/// <see cref="IPdfBackend"/> on PdfSharp, which here only keeps the PDF's objects and writes the
/// file: every page's content is written as raw operators (<see cref="RawOperators"/>), text as
/// glyph runs shaped by HarfBuzz (<see cref="GlyphText"/>) in fonts embedded as subsets
/// (<see cref="EmbeddedFonts"/>). PdfSharp's own text drawing maps one character to one glyph
/// and positions no mark, which Thai cannot live with.
/// Thread-safe: each call works on its own document.
/// </summary>
public sealed class PdfSharpBackend : IPdfBackend
{
    private readonly LetterFonts _fonts;

    // Per backend, not static: an image lives as long as the renderer (or caller) holding it.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<LetterImage, PreparedImage> _images = new();

    public PdfSharpBackend(LetterFonts fonts) => _fonts = fonts;

    public void Write(LaidOutLetter letter, Stream output)
    {
        using var document = new PdfDocument();
        document.Info.Creator = "Saraban";
        // Deflating the font subset and the content is the largest cost; the fastest level
        // makes a letter a few percent bigger and saves a fair share of its time.
        document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;
        var fonts = new EmbeddedFonts(document, _fonts);
        foreach (var laid in letter.Pages)
        {
            var page = document.AddPage();
            page.Width = PdfSharp.Drawing.XUnit.FromPoint(laid.Width);
            page.Height = PdfSharp.Drawing.XUnit.FromPoint(laid.Height);
            var ops = Draw(document, page, fonts, laid.Items, laid.Height);
            page.Contents.AppendContent().CreateStream(ops.ToArray());
        }

        fonts.Finish();
        document.Save(output, closeStream: false);
    }

    public void Overlay(Stream input, Stream output, Func<double, double, IReadOnlyList<PageItem>> overlay)
    {
        using var document = Open(input);
        var page = document.Pages[0];
        var fonts = new EmbeddedFonts(document, _fonts);
        var height = page.Height.Point;
        var ops = Draw(document, page, fonts, overlay(page.Width.Point, height), height);
        // The page's own content may leave its graphics state changed (a scale, a colour):
        // bracketing it in q … Q draws the overlay in the page's plain coordinates.
        page.Contents.PrependContent().CreateStream("q\n"u8.ToArray());
        page.Contents.AppendContent().CreateStream([.. "Q\n"u8, .. ops.ToArray()]);
        fonts.Finish();
        document.Save(output, closeStream: false);
    }

    private RawOperators Draw(PdfDocument document, PdfPage page, EmbeddedFonts fonts, IEnumerable<PageItem> items, double pageHeight)
    {
        var ops = new RawOperators();
        foreach (var item in items)
        {
            switch (item)
            {
                case TextItem t when t.Text.Length > 0:
                    var shaper = _fonts.Shaper(t.Bold);
                    var run = shaper.Shape(t.Text);
                    GlyphText.Write(ops, fonts.Use(page, t.Bold, run), t, run, Positions(t, run, shaper), shaper, pageHeight);
                    break;
                case ImageItem i:
                    var xobject = _images.GetValue(i.Image, PreparedImage.Prepare).AddTo(document);
                    var resources = page.Elements.GetDictionary("/Resources") ?? Put(page, "/Resources", new PdfDictionary(document));
                    var xobjects = resources.Elements.GetDictionary("/XObject") ?? Put(resources, "/XObject", new PdfDictionary(document));
                    var name = $"/SarabanImage{xobjects.Elements.Count}";
                    xobjects.Elements.SetReference(name, xobject);
                    ops.Image(name, i, pageHeight);
                    break;
                case QrItem q:
                    ops.Qr(q, pageHeight);
                    break;
                case BoxItem b:
                    ops.Box(b, pageHeight);
                    break;
            }
        }

        return ops;
    }

    /// <summary>
    /// The glyph origins: the shaper's, or for a justified line the shaper's with the slack shared
    /// equally between its clusters. A line already as wide as asked (or wider) is left as shaped.
    /// </summary>
    internal static int[] Positions(TextItem t, ShapedRun run, GlyphShaper shaper)
    {
        if (t.Justified is not { } width || run.Gaps == 0)
        {
            return run.X;
        }

        var slack = (width * shaper.UnitsPerEm / t.Size) - run.Advance;
        return slack > 0 ? run.Spaced(slack / run.Gaps) : run.X;
    }

    private static PdfDictionary Put(PdfDictionary parent, string key, PdfDictionary child)
    {
        parent.Elements[key] = child;
        return child;
    }

    private static PdfDocument Open(Stream input)
    {
        var header = new byte[5];
        var read = input.ReadAtLeast(header, 5, throwOnEndOfStream: false);
        input.Position = 0;
        if (read < 5 || !header.AsSpan().SequenceEqual("%PDF-"u8))
        {
            throw NotAPdf("it does not start with %PDF-");
        }

        try
        {
            var document = PdfReader.Open(input, PdfDocumentOpenMode.Modify);
            return document.PageCount > 0 ? document : throw NotAPdf("it has no pages");
        }
        // PdfSharp reports a damaged file with a bare Exception among others: any failure to open is "not a PDF".
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw NotAPdf(ex.Message, ex);
        }
    }

    private static RenderingException NotAPdf(string why, Exception? inner = null) =>
        new(RenderingProblem.NotAPdf, "แฟ้มที่จะประทับตรารับไม่ใช่ PDF ที่อ่านได้", $"the file to stamp is not a readable PDF: {why.Split('\n')[0]}", inner);
}
