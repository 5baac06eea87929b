using System.Globalization;
using System.IO.Compression;
using System.Text;
using PdfSharp.Pdf;
using Saraban.Documents.Rendering.Fonts;
using Saraban.Documents.Rendering.Thai;

namespace Saraban.Documents.Rendering.Pdf;

/// <summary>
/// The letter font in one PDF document, as Type0 fonts whose codes are glyph ids (Identity-H):
/// what HarfBuzz shaped is written glyph for glyph, including glyphs no character maps to (the
/// halves of ำ, lowered tone marks). The glyphs used are gathered while pages are drawn; at
/// <see cref="Finish"/> each face is embedded as a subset of just those glyphs.
/// </summary>
internal sealed class EmbeddedFonts(PdfDocument document, LetterFonts fonts)
{
    private readonly Embedded?[] _faces = new Embedded?[2];

    /// <summary>The resource name of the face on <paramref name="page"/>, after noting the run's glyphs.</summary>
    public string Use(PdfPage page, bool bold, ShapedRun run)
    {
        var face = _faces[bold ? 1 : 0] ??= Create(bold);
        face.Note(run, fonts.Face(bold));
        var resources = page.Elements.GetDictionary("/Resources") ?? Put(page, "/Resources", new PdfDictionary(document));
        var names = resources.Elements.GetDictionary("/Font") ?? Put(resources, "/Font", new PdfDictionary(document));
        var name = bold ? "/SarabanBold" : "/SarabanRegular";
        if (!names.Elements.ContainsKey(name))
        {
            names.Elements.SetReference(name, face.Font);
        }

        return name;
    }

    /// <summary>Writes each used face's subset, widths and text map.</summary>
    public void Finish()
    {
        for (var i = 0; i < 2; i++)
        {
            if (_faces[i] is { } face)
            {
                face.Write(document, fonts.Face(i == 1), fonts.Subset(i == 1), fonts.Shaper(i == 1));
            }
        }
    }

    private Embedded Create(bool bold)
    {
        var font = new PdfDictionary(document);
        document.Internals.AddObject(font);
        return new Embedded(font, (bold ? "SARABB+" : "SARABR+") + fonts.Face(bold).Name);
    }

    private static PdfDictionary Put(PdfDictionary parent, string key, PdfDictionary child)
    {
        parent.Elements[key] = child;
        return child;
    }

    private sealed class Embedded(PdfDictionary font, string baseName)
    {
        // Glyph → the text it stands for, for readers that ignore /ActualText (copying in some viewers).
        private readonly SortedDictionary<ushort, string?> _glyphs = [];

        public PdfDictionary Font { get; } = font;

        public void Note(ShapedRun run, TrueTypeFace face)
        {
            for (var i = 0; i < run.Glyphs.Length; i++)
            {
                var glyph = run.Glyphs[i];
                if (_glyphs.TryGetValue(glyph, out var known) && known is not null)
                {
                    continue;
                }

                _glyphs[glyph] = TextOf(run, i, face);
            }
        }

        // A cluster drawn as one glyph stands for all its text; otherwise a glyph stands for the
        // character the font maps to it, and a glyph only GSUB reaches stands for nothing.
        private static string? TextOf(ShapedRun run, int i, TrueTypeFace face)
        {
            var cluster = run.Clusters[i];
            var first = i;
            while (first > 0 && run.Clusters[first - 1] == cluster)
            {
                first--;
            }

            var last = i;
            while (last + 1 < run.Glyphs.Length && run.Clusters[last + 1] == cluster)
            {
                last++;
            }

            var end = last + 1 < run.Glyphs.Length ? run.Clusters[last + 1] : run.Text.Length;
            if (first == last)
            {
                return run.Text[cluster..end];
            }

            for (var c = cluster; c < end; c++)
            {
                if (face.GlyphId(run.Text[c]) == run.Glyphs[i])
                {
                    return run.Text[c].ToString();
                }
            }

            return null;
        }

        public void Write(PdfDocument document, TrueTypeFace face, FontSubset subset, GlyphShaper shaper)
        {
            var file = Stream(document, subset.Build(_glyphs.Keys));
            var scale = 1000.0 / face.UnitsPerEm;
            var descriptor = new PdfDictionary(document);
            document.Internals.AddObject(descriptor);
            descriptor.Elements.SetName("/Type", "/FontDescriptor");
            descriptor.Elements.SetName("/FontName", "/" + baseName);
            descriptor.Elements.SetInteger("/Flags", 4); // symbolic: the glyphs are addressed by id, not by a standard encoding
            var (xMin, yMin, xMax, yMax) = subset.Box;
            descriptor.Elements["/FontBBox"] = new PdfLiteral(Invariant($"[{xMin * scale:0} {yMin * scale:0} {xMax * scale:0} {yMax * scale:0}]"));
            descriptor.Elements.SetInteger("/ItalicAngle", 0);
            descriptor.Elements.SetInteger("/Ascent", (int)(face.Ascender * scale));
            descriptor.Elements.SetInteger("/Descent", (int)(face.Descender * scale));
            descriptor.Elements.SetInteger("/CapHeight", (int)(face.Ascender * scale));
            descriptor.Elements.SetInteger("/StemV", 80);
            descriptor.Elements.SetReference("/FontFile2", file);

            var widths = new StringBuilder("[");
            foreach (var glyph in _glyphs.Keys)
            {
                widths.Append(Invariant($"{glyph}[{GlyphText.Width(shaper, glyph):0.###}]"));
            }

            var cid = new PdfDictionary(document);
            document.Internals.AddObject(cid);
            cid.Elements.SetName("/Type", "/Font");
            cid.Elements.SetName("/Subtype", "/CIDFontType2");
            cid.Elements.SetName("/BaseFont", "/" + baseName);
            cid.Elements["/CIDSystemInfo"] = new PdfLiteral("<</Registry (Adobe) /Ordering (Identity) /Supplement 0>>");
            cid.Elements.SetReference("/FontDescriptor", descriptor);
            cid.Elements.SetInteger("/DW", 0);
            cid.Elements["/W"] = new PdfLiteral(widths.Append(']').ToString());
            cid.Elements.SetName("/CIDToGIDMap", "/Identity");

            Font.Elements.SetName("/Type", "/Font");
            Font.Elements.SetName("/Subtype", "/Type0");
            Font.Elements.SetName("/BaseFont", "/" + baseName);
            Font.Elements.SetName("/Encoding", "/Identity-H");
            Font.Elements["/DescendantFonts"] = new PdfArray(document, cid.Reference!);
            Font.Elements.SetReference("/ToUnicode", Stream(document, ToUnicode()));
        }

        private byte[] ToUnicode()
        {
            var s = new StringBuilder("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n");
            s.Append("/CIDSystemInfo <</Registry (Adobe)/Ordering (UCS)/Supplement 0>> def\n");
            s.Append("/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n");
            s.Append("1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n");
            var entries = _glyphs.Where(g => g.Value is { Length: > 0 }).ToList();
            for (var start = 0; start < entries.Count; start += 100)
            {
                var chunk = entries.Skip(start).Take(100).ToList();
                s.Append(Invariant($"{chunk.Count} beginbfchar\n"));
                foreach (var (glyph, text) in chunk)
                {
                    s.Append(Invariant($"<{glyph:X4}> <{Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(text!))}>\n"));
                }

                s.Append("endbfchar\n");
            }

            s.Append("endcmap CMapName currentdict /CMap defineresource pop end end");
            return Encoding.ASCII.GetBytes(s.ToString());
        }

        private static PdfDictionary Stream(PdfDocument document, byte[] bytes)
        {
            var stream = new PdfDictionary(document);
            stream.CreateStream(Compress(bytes));
            stream.Elements.SetName("/Filter", "/FlateDecode");
            if (bytes.Length > 0 && bytes[0] == 0)
            {
                stream.Elements.SetInteger("/Length1", bytes.Length); // a font file's own length, as FontFile2 asks
            }

            document.Internals.AddObject(stream);
            return stream;
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

        private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
    }
}
