using System.Buffers.Binary;

namespace Saraban.Documents.Rendering.Fonts;

/// <summary>
/// The few facts about a TrueType font that layout needs (advances, vertical metrics, the
/// character-to-glyph map), read once from the font file. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Laksaman's outlines are drawn 1.5042× larger than TH Sarabun New's for the same em, so
/// "16 pt Laksaman" would look like Sarabun at 24 pt. Rewriting <c>head.unitsPerEm</c> (a two-byte
/// change made in memory) makes the regulation's 16 pt come out the size clerks expect;
/// <see cref="Bytes"/> is the patched file, and the PDF embeds exactly those bytes.
/// </remarks>
public sealed class TrueTypeFace
{
    private readonly ushort[] _advance;
    private readonly ushort[] _glyph;

    private TrueTypeFace(string name, byte[] bytes, int unitsPerEm, int ascender, int descender, int lineGap, ushort[] glyph, ushort[] advance)
    {
        Name = name;
        Bytes = bytes;
        UnitsPerEm = unitsPerEm;
        Ascender = ascender;
        Descender = descender;
        LineGap = lineGap;
        _glyph = glyph;
        _advance = advance;
    }

    /// <summary>A name unique per face (file name without extension), e.g. <c>Laksaman-Bold</c>.</summary>
    public string Name { get; }

    /// <summary>The font file, with unitsPerEm patched when asked.</summary>
    public byte[] Bytes { get; }

    public int UnitsPerEm { get; }

    public int Ascender { get; }

    /// <summary>Negative: below the baseline.</summary>
    public int Descender { get; }

    public int LineGap { get; }

    public bool HasGlyph(char c) => _glyph[c] != 0;

    public ushort GlyphId(char c) => _glyph[c];

    /// <summary>Advance width of a character in font units; 0 for marks and unmapped characters.</summary>
    public int Advance(char c) => _advance[c];

    /// <summary>Width of text in points at <paramref name="size"/>.</summary>
    public double Measure(ReadOnlySpan<char> text, double size)
    {
        long units = 0;
        foreach (var c in text)
        {
            units += _advance[c];
        }

        return units * size / UnitsPerEm;
    }

    /// <summary>Distance between baselines at <paramref name="size"/>, in points.</summary>
    public double LineHeight(double size) => (Ascender - Descender + LineGap) * size / UnitsPerEm;

    /// <summary>Reads a font file; <paramref name="unitsPerEm"/>, when given, replaces the file's own.</summary>
    /// <exception cref="RenderingException">Missing or not a TrueType font.</exception>
    public static TrueTypeFace Load(string path, int? unitsPerEm = null)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RenderingException(RenderingProblem.FontMissing,
                $"ไม่พบแบบอักษร {path} ติดตั้งด้วย ./saraban หรือ apt-get install fonts-tlwg-laksaman-ttf",
                $"font {path} not found: install Debian's fonts-tlwg-laksaman-ttf", ex);
        }

        try
        {
            return Parse(Path.GetFileNameWithoutExtension(path), bytes, unitsPerEm);
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or IndexOutOfRangeException or InvalidDataException)
        {
            throw new RenderingException(RenderingProblem.FontMissing, $"แฟ้ม {path} ไม่ใช่แบบอักษร TrueType", $"{path} is not a TrueType font", ex);
        }
    }

    private static TrueTypeFace Parse(string name, byte[] bytes, int? unitsPerEm)
    {
        var tables = ReadTables(bytes);
        var head = tables["head"];
        if (unitsPerEm is { } upm)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(head + 18), (ushort)upm);
        }

        var em = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(head + 18));
        var hhea = tables["hhea"];
        var ascender = BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(hhea + 4));
        var descender = BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(hhea + 6));
        var lineGap = BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(hhea + 8));
        var metricCount = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(hhea + 34));
        var glyphs = ReadCmap(bytes, tables["cmap"]);
        var hmtx = tables["hmtx"];
        var advance = new ushort[glyphs.Length];
        for (var c = 0; c < glyphs.Length; c++)
        {
            var g = glyphs[c];
            if (g != 0)
            {
                var i = Math.Min(g, metricCount - 1);
                advance[c] = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(hmtx + (4 * i)));
            }
        }

        return new TrueTypeFace(name, bytes, em, ascender, descender, lineGap, glyphs, advance);
    }

    private static Dictionary<string, int> ReadTables(byte[] bytes)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(4));
        var tables = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var entry = 12 + (16 * i);
            var tag = System.Text.Encoding.ASCII.GetString(bytes, entry, 4);
            tables[tag] = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(entry + 8));
        }

        foreach (var needed in new[] { "head", "hhea", "hmtx", "cmap" })
        {
            if (!tables.ContainsKey(needed))
            {
                throw new InvalidDataException($"no {needed} table");
            }
        }

        return tables;
    }

    // Only the Unicode BMP subtable (platform 3, encoding 1, format 4): every character a Thai
    // letter uses, including the legacy presentation forms at U+F700–U+F71A, lives there.
    private static ushort[] ReadCmap(byte[] bytes, int cmap)
    {
        var map = new ushort[65536];
        var count = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(cmap + 2));
        for (var i = 0; i < count; i++)
        {
            var record = cmap + 4 + (8 * i);
            var platform = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(record));
            var encoding = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(record + 2));
            var sub = cmap + (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(record + 4));
            if (platform == 3 && encoding == 1 && BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(sub)) == 4)
            {
                ReadFormat4(bytes, sub, map);
                return map;
            }
        }

        throw new InvalidDataException("no Unicode cmap");
    }

    private static void ReadFormat4(byte[] bytes, int sub, ushort[] map)
    {
        ushort U16(int at) => BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at));
        var segments = U16(sub + 6) / 2;
        var ends = sub + 14;
        var starts = ends + (2 * segments) + 2;
        var deltas = starts + (2 * segments);
        var offsets = deltas + (2 * segments);
        for (var s = 0; s < segments; s++)
        {
            int end = U16(ends + (2 * s)), start = U16(starts + (2 * s));
            var delta = (short)U16(deltas + (2 * s));
            var rangeOffset = U16(offsets + (2 * s));
            for (var c = start; c <= end && c < 0xFFFF; c++)
            {
                int g;
                if (rangeOffset == 0)
                {
                    g = (c + delta) & 0xFFFF;
                }
                else
                {
                    var at = offsets + (2 * s) + rangeOffset + (2 * (c - start));
                    g = U16(at);
                    g = g == 0 ? 0 : (g + delta) & 0xFFFF;
                }

                map[c] = (ushort)g;
            }
        }
    }
}
