using System.Buffers;
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
        // One entry per glyph (the first character drawn with it wins), in glyph order; built
        // without LINQ or strings, as it runs twice for every letter.
        var entries = new List<(ushort Glyph, char Text)>(drawn.Count);
        var seen = new HashSet<ushort>();
        foreach (var c in drawn)
        {
            if (face.HasGlyph(c) && seen.Add(face.GlyphId(c)))
            {
                entries.Add((face.GlyphId(c), ThaiShaper.ToLogical(c)));
            }
        }

        entries.Sort((x, y) => x.Glyph.CompareTo(y.Glyph));
        var s = new ArrayBufferWriter<byte>(512 + (entries.Count * 14));
        s.Write("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"u8);
        s.Write("/CIDSystemInfo <</Registry (Adobe)/Ordering (UCS)/Supplement 0>> def\n"u8);
        s.Write("/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"u8);
        s.Write("1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n"u8);
        for (var start = 0; start < entries.Count; start += 100)
        {
            var count = Math.Min(100, entries.Count - start);
            Format(s, count, default);
            s.Write(" beginbfchar\n"u8);
            for (var i = start; i < start + count; i++)
            {
                s.Write("<"u8);
                Format(s, entries[i].Glyph, "X4");
                s.Write("> <"u8);
                Format(s, (ushort)entries[i].Text, "X4");
                s.Write(">\n"u8);
            }

            s.Write("endbfchar\n"u8);
        }

        s.Write("endcmap CMapName currentdict /CMap defineresource pop end end"u8);
        return s.WrittenSpan.ToArray();
    }

    private static void Format(ArrayBufferWriter<byte> output, int value, ReadOnlySpan<char> format)
    {
        value.TryFormat(output.GetSpan(11), out var written, format, CultureInfo.InvariantCulture);
        output.Advance(written);
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
