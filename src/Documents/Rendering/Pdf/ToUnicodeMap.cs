using System.Globalization;
using System.IO.Compression;
using System.Text;
using PdfSharp.Pdf;
using Saraban.Documents.Rendering.Fonts;
using Saraban.Documents.Rendering.Thai;

namespace Saraban.Documents.Rendering.Pdf;

/// <summary>
/// Replaces the ToUnicode map of the fonts we drew with, so copying or searching the PDF gives
/// the Thai that was typed. PdfSharp writes one entry per code point drawn, which for a shaped
/// presentation form (a lowered ่ at U+F70A) yields a private-use character; here every glyph is
/// mapped to the Thai letter it stands for.
/// </summary>
internal static class ToUnicodeMap
{
    /// <summary>Points each of <paramref name="fonts"/>' ToUnicode at a fresh map of <paramref name="drawn"/>.</summary>
    public static void Replace(PdfDocument document, IEnumerable<PdfDictionary> fonts, TrueTypeFace regular, TrueTypeFace bold, IReadOnlySet<char> drawnRegular, IReadOnlySet<char> drawnBold)
    {
        foreach (var font in fonts)
        {
            var isBold = font.Elements.GetName("/BaseFont").Contains("Bold", StringComparison.Ordinal);
            var map = new PdfDictionary(document);
            map.CreateStream(Compress(CMap(isBold ? bold : regular, isBold ? drawnBold : drawnRegular)));
            map.Elements.SetName("/Filter", "/FlateDecode");
            document.Internals.AddObject(map);
            font.Elements.SetReference("/ToUnicode", map);
        }
    }

    /// <summary>The font dictionaries in a page's resources.</summary>
    public static IEnumerable<PdfDictionary> FontsOf(PdfPage page)
    {
        var fonts = page.Elements.GetDictionary("/Resources")?.Elements.GetDictionary("/Font");
        if (fonts is null)
        {
            yield break;
        }

        foreach (var key in fonts.Elements.Keys)
        {
            if (fonts.Elements.GetDictionary(key) is { } font)
            {
                yield return font;
            }
        }
    }

    private static byte[] CMap(TrueTypeFace face, IReadOnlySet<char> drawn)
    {
        var entries = drawn.Where(face.HasGlyph).Select(c => (Glyph: face.GlyphId(c), Text: ThaiShaper.ToLogical(c)))
            .DistinctBy(e => e.Glyph).OrderBy(e => e.Glyph).ToList();
        var s = new StringBuilder(256 + (entries.Count * 16));
        s.Append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
            .Append("/CIDSystemInfo <</Registry (Adobe)/Ordering (UCS)/Supplement 0>> def\n")
            .Append("/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n")
            .Append("1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n");
        foreach (var chunk in entries.Chunk(100))
        {
            s.Append(CultureInfo.InvariantCulture, $"{chunk.Length} beginbfchar\n");
            foreach (var (glyph, text) in chunk)
            {
                s.Append(CultureInfo.InvariantCulture, $"<{glyph:X4}> <{(int)text:X4}>\n");
            }

            s.Append("endbfchar\n");
        }

        s.Append("endcmap CMapName currentdict /CMap defineresource pop end end");
        return Encoding.ASCII.GetBytes(s.ToString());
    }

    private static byte[] Compress(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.Fastest))
        {
            z.Write(bytes);
        }

        return output.ToArray();
    }
}
