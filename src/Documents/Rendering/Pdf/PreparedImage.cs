using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;

namespace Saraban.Documents.Rendering.Pdf;

/// <summary>
/// An image already converted to PDF objects (its image XObject, soft mask, palette…), encoded
/// once and then copied byte for byte into each letter. Drawing the emblem through XGraphics
/// decodes the PNG and deflates its pixels again for every document, a large part of a letter's
/// cost; copying the finished objects costs a few allocations.
/// </summary>
/// <remarks>
/// Immutable after <see cref="Prepare"/>, so one instance serves every thread; the PdfSharp
/// items it keeps (names, numbers) are only ever read when written out.
/// </remarks>
internal sealed class PreparedImage
{
    private readonly Dict _xobject;

    private PreparedImage(Dict xobject) => _xobject = xobject;

    /// <summary>Lets PdfSharp convert <paramref name="image"/> once, in a scratch document, and keeps the result.</summary>
    public static PreparedImage Prepare(LetterImage image)
    {
        using var scratch = new PdfDocument();
        var page = scratch.AddPage();
        using (var stream = new MemoryStream(image.Bytes, writable: false))
        using (var ximage = XImage.FromStream(stream))
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            gfx.DrawImage(ximage, 0, 0, 10, 10);
        }

        var xobjects = page.Elements.GetDictionary("/Resources")?.Elements.GetDictionary("/XObject");
        var name = xobjects?.Elements.Keys.SingleOrDefault()
            ?? throw new InvalidOperationException("PdfSharp drew the image without an image XObject");
        return new PreparedImage((Dict)Snapshot(xobjects!.Elements[name]!));
    }

    /// <summary>Adds a copy of the image's objects to <paramref name="document"/>; returns the image XObject.</summary>
    public PdfDictionary AddTo(PdfDocument document) => (PdfDictionary)Materialize(_xobject, document);

    private static Node Snapshot(PdfItem? item) => item switch
    {
        PdfReference reference => Snapshot(reference.Value),
        PdfDictionary d => new Dict(
            [.. d.Elements.Keys.Select(k => new KeyValuePair<string, Node>(k, Snapshot(d.Elements[k])))],
            d.Stream?.Value.ToArray(),
            d.IsIndirect),
        PdfArray a => new Array([.. a.Elements.Select(Snapshot)]),
        PdfName or PdfInteger or PdfLongInteger or PdfReal or PdfBoolean or PdfString or PdfNull => new Simple(item),
        _ => throw new NotSupportedException($"an image object holds a {item?.GetType().Name ?? "null"}"),
    };

    private static PdfItem Materialize(Node node, PdfDocument document)
    {
        switch (node)
        {
            case Dict d:
                var dict = new PdfDictionary(document);
                foreach (var (key, value) in d.Entries)
                {
                    var item = Materialize(value, document);
                    if (item is PdfDictionary { IsIndirect: true } indirect)
                    {
                        dict.Elements.SetReference(key, indirect);
                    }
                    else
                    {
                        dict.Elements[key] = item;
                    }
                }

                if (d.Stream is { } bytes)
                {
                    // CreateStream sets /Length; /Filter and /DecodeParms were copied above, the bytes stay encoded.
                    dict.CreateStream(bytes);
                }

                if (d.Indirect)
                {
                    document.Internals.AddObject(dict);
                }

                return dict;
            case Array a:
                var array = new PdfArray(document);
                foreach (var value in a.Items)
                {
                    var item = Materialize(value, document);
                    array.Elements.Add(item is PdfDictionary { IsIndirect: true } indirect ? indirect.Reference! : item);
                }

                return array;
            case Simple s:
                return s.Item;
            default:
                throw new NotSupportedException(node.GetType().Name);
        }
    }

    private abstract record Node;

    private sealed record Simple(PdfItem Item) : Node;

    private sealed record Array(IReadOnlyList<Node> Items) : Node;

    private sealed record Dict(IReadOnlyList<KeyValuePair<string, Node>> Entries, byte[]? Stream, bool Indirect) : Node;
}
