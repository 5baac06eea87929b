using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using Saraban.Documents.Rendering.Fonts;
using Saraban.Documents.Rendering.Layout;
using Saraban.Documents.Rendering.Thai;

namespace Saraban.Documents.Rendering.Pdf;

/// <summary>
/// <see cref="IPdfBackend"/> on PdfSharp 6.5: embeds a subset of the letter font, draws Thai
/// shaped by <see cref="ThaiShaper"/>, and fixes the text layer with <see cref="ToUnicodeMap"/>.
/// Thread-safe: each call works on its own document.
/// </summary>
public sealed class PdfSharpBackend : IPdfBackend
{
    private readonly LetterFonts _fonts;
    private readonly string _family;

    // Per backend, not static: an image lives as long as the renderer (or caller) holding it.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<LetterImage, PreparedImage> _images = new();

    // XFonts are independent of any document; making one takes PdfSharp's global font lock, which
    // the rendering threads otherwise queue on for every letter. A letter uses a handful of sizes.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(double, bool), XFont> _xfonts = new();

    public PdfSharpBackend(LetterFonts fonts)
    {
        _fonts = fonts;
        _family = PdfSharpFonts.Register(fonts);
    }

    public void Write(LaidOutLetter letter, Stream output)
    {
        using var document = new PdfDocument();
        document.Info.Creator = "Saraban";
        // Deflating the font subset and the content is PdfSharp's largest cost; the fastest level
        // makes a letter a few percent bigger and saves a fair share of its time.
        document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;
        var drawn = new Drawn();
        foreach (var laid in letter.Pages)
        {
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(laid.Width);
            page.Height = XUnit.FromPoint(laid.Height);
            List<PageItem> raw;
            using (var gfx = XGraphics.FromPdfPage(page))
            {
                raw = Draw(gfx, laid.Items, drawn, rawImages: true);
            }

            WriteRaw(document, page, raw, laid.Height);
        }

        var fonts = document.Pages.Cast<PdfPage>().SelectMany(ToUnicodeMap.FontsOf).Distinct().ToList();
        ToUnicodeMap.Replace(document, fonts, _fonts.Regular, _fonts.Bold, drawn.Regular, drawn.Bold);
        document.Save(output, closeStream: false);
    }

    /// <summary>
    /// The page's images and QR codes, as one content stream after what XGraphics wrote: one
    /// stream deflated instead of one per item. The images are copies of objects prepared once.
    /// </summary>
    private void WriteRaw(PdfDocument document, PdfPage page, List<PageItem> raw, double pageHeight)
    {
        if (raw.Count == 0)
        {
            return;
        }

        var ops = new RawOperators();
        foreach (var item in raw)
        {
            switch (item)
            {
                case QrItem code:
                    ops.Qr(code, pageHeight);
                    break;
                case ImageItem i:
                    var xobject = _images.GetValue(i.Image, PreparedImage.Prepare).AddTo(document);
                    var resources = page.Elements.GetDictionary("/Resources") ?? Put(page, "/Resources", new PdfDictionary(document));
                    var xobjects = resources.Elements.GetDictionary("/XObject") ?? Put(resources, "/XObject", new PdfDictionary(document));
                    var name = $"/SarabanImage{xobjects.Elements.Count}";
                    xobjects.Elements.SetReference(name, xobject);
                    ops.Image(name, i, pageHeight);
                    break;
            }
        }

        page.Contents.AppendContent().CreateStream(ops.ToArray());
    }

    private static PdfDictionary Put(PdfDictionary parent, string key, PdfDictionary child)
    {
        parent.Elements[key] = child;
        return child;
    }

    public void Overlay(Stream input, Stream output, Func<double, double, IReadOnlyList<PageItem>> overlay)
    {
        using var document = Open(input);
        var page = document.Pages[0];
        var before = ToUnicodeMap.FontsOf(page).ToHashSet();
        var drawn = new Drawn();
        using (var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append))
        {
            Draw(gfx, overlay(page.Width.Point, page.Height.Point), drawn, rawImages: false);
        }

        var added = ToUnicodeMap.FontsOf(page).Where(f => !before.Contains(f)).ToList();
        ToUnicodeMap.Replace(document, added, _fonts.Regular, _fonts.Bold, drawn.Regular, drawn.Bold);
        document.Save(output, closeStream: false);
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

    /// <summary>
    /// Draws what XGraphics draws well; returns the QR codes, and the images when
    /// <paramref name="rawImages"/>, which the caller writes as raw PDF objects and operators.
    /// </summary>
    private List<PageItem> Draw(XGraphics gfx, IEnumerable<PageItem> items, Drawn drawn, bool rawImages)
    {
        var raw = new List<PageItem>();
        foreach (var item in items)
        {
            switch (item)
            {
                case TextItem t when t.Text.Length > 0:
                    var key = (t.Size, t.Bold);
                    var font = _xfonts.GetOrAdd(key, k => PdfSharpFonts.Font(_family, k.Item1, k.Item2));
                    var shaped = ThaiShaper.Shape(t.Text);
                    (t.Bold ? drawn.Bold : drawn.Regular).UnionWith(shaped);
                    gfx.DrawString(shaped, font, t.Red ? XBrushes.Red : XBrushes.Black, t.X, t.Baseline);
                    break;
                case ImageItem i when rawImages:
                    raw.Add(i);
                    break;
                case ImageItem i:
                    using (var stream = new MemoryStream(i.Image.Bytes, writable: false))
                    using (var image = XImage.FromStream(stream))
                    {
                        gfx.DrawImage(image, i.X, i.Y, i.Width, i.Height);
                    }

                    break;
                case QrItem q:
                    raw.Add(q);
                    break;
                case BoxItem b:
                    gfx.DrawRectangle(new XPen(b.Red ? XColors.Red : XColors.Black, 1.2), b.X, b.Y, b.Width, b.Height);
                    break;
            }
        }

        return raw;
    }

    private sealed class Drawn
    {
        public HashSet<char> Regular { get; } = [];

        public HashSet<char> Bold { get; } = [];
    }
}
