using System.Buffers.Binary;

namespace Saraban.Documents.Rendering.Fonts;

/// <summary>
/// A TrueType font cut down to the glyphs a letter draws, for embedding as a PDF CIDFontType2
/// with CIDs equal to glyph ids. Glyph ids are kept (unused glyphs become empty), so the shaper's
/// output is written as it is, and composite glyphs keep their components.
/// </summary>
/// <remarks>
/// The font is read once here; a subset is then a copy of the used glyphs' outlines, a new
/// <c>loca</c>, and the tables a PDF reader needs to rasterize (PDF 32000-1, 9.9): no cmap, as
/// the PDF maps codes to glyphs itself (Identity).
/// </remarks>
internal sealed class FontSubset
{
    private static readonly string[] Kept = ["cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "prep"];

    private readonly byte[] _font;
    private readonly Dictionary<string, (int Offset, int Length)> _tables;
    private readonly int[] _loca;

    public FontSubset(byte[] font)
    {
        _font = font;
        _tables = Tables(font);
        var head = _tables["head"].Offset;
        var longOffsets = BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(head + 50)) == 1;
        GlyphCount = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(_tables["maxp"].Offset + 4));
        var loca = _tables["loca"].Offset;
        _loca = new int[GlyphCount + 1];
        for (var g = 0; g <= GlyphCount; g++)
        {
            _loca[g] = longOffsets
                ? (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(loca + (4 * g)))
                : BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(loca + (2 * g))) * 2;
        }
    }

    public int GlyphCount { get; }

    /// <summary>The font's bounding box from its head table, in font units.</summary>
    public (int XMin, int YMin, int XMax, int YMax) Box
    {
        get
        {
            var head = _font.AsSpan(_tables["head"].Offset);
            return (BinaryPrimitives.ReadInt16BigEndian(head[36..]), BinaryPrimitives.ReadInt16BigEndian(head[38..]),
                BinaryPrimitives.ReadInt16BigEndian(head[40..]), BinaryPrimitives.ReadInt16BigEndian(head[42..]));
        }
    }

    /// <summary>The font file holding only <paramref name="glyphs"/> (and .notdef and their components).</summary>
    public byte[] Build(IEnumerable<ushort> glyphs)
    {
        var used = new bool[GlyphCount];
        used[0] = true;
        var pending = new Stack<int>(glyphs.Where(g => g < GlyphCount).Select(g => (int)g));
        while (pending.TryPop(out var g))
        {
            if (used[g] && g != 0)
            {
                continue;
            }

            used[g] = true;
            foreach (var component in Components(g))
            {
                if (component < GlyphCount && !used[component])
                {
                    pending.Push(component);
                }
            }
        }

        var glyf = _tables["glyf"].Offset;
        var glyfOut = new MemoryStream();
        var loca = new byte[4 * (GlyphCount + 1)];
        for (var g = 0; g < GlyphCount; g++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(4 * g), (uint)glyfOut.Length);
            if (used[g])
            {
                glyfOut.Write(_font, glyf + _loca[g], _loca[g + 1] - _loca[g]);
                while (glyfOut.Length % 4 != 0)
                {
                    glyfOut.WriteByte(0);
                }
            }
        }

        BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(4 * GlyphCount), (uint)glyfOut.Length);
        var head = Copy("head");
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0); // checkSumAdjustment: no reader checks it
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1); // long loca offsets
        var tables = Kept.Where(_tables.ContainsKey).Select(tag => (tag, tag switch
        {
            "glyf" => glyfOut.ToArray(),
            "loca" => loca,
            "head" => head,
            _ => Copy(tag),
        })).ToList();
        return Assemble(tables);
    }

    /// <summary>
    /// The points of a simple glyph's outline in font units (none for a composite or empty one):
    /// where its ink lies, for tests that check one glyph against another's ascender.
    /// </summary>
    public List<(int X, int Y)> Outline(ushort glyph)
    {
        var points = new List<(int X, int Y)>();
        var start = _tables["glyf"].Offset + _loca[glyph];
        var contours = _loca[glyph + 1] == _loca[glyph] ? -1 : BinaryPrimitives.ReadInt16BigEndian(_font.AsSpan(start));
        if (contours <= 0)
        {
            return points;
        }

        var count = BinaryPrimitives.ReadUInt16BigEndian(_font.AsSpan(start + 10 + (2 * (contours - 1)))) + 1;
        var at = start + 10 + (2 * contours);
        at += 2 + BinaryPrimitives.ReadUInt16BigEndian(_font.AsSpan(at));
        var flags = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var flag = _font[at++];
            flags[i] = flag;
            if ((flag & 8) != 0)
            {
                for (int repeat = _font[at++]; repeat > 0; repeat--)
                {
                    flags[++i] = flag;
                }
            }
        }

        var xs = Coordinates(flags, ref at, shortBit: 2, sameBit: 16);
        var ys = Coordinates(flags, ref at, shortBit: 4, sameBit: 32);
        for (var i = 0; i < count; i++)
        {
            points.Add((xs[i], ys[i]));
        }

        return points;
    }

    private int[] Coordinates(byte[] flags, ref int at, int shortBit, int sameBit)
    {
        var values = new int[flags.Length];
        var value = 0;
        for (var i = 0; i < flags.Length; i++)
        {
            if ((flags[i] & shortBit) != 0)
            {
                var delta = _font[at++];
                value += (flags[i] & sameBit) != 0 ? delta : -delta;
            }
            else if ((flags[i] & sameBit) == 0)
            {
                value += BinaryPrimitives.ReadInt16BigEndian(_font.AsSpan(at));
                at += 2;
            }

            values[i] = value;
        }

        return values;
    }

    private IEnumerable<int> Components(int glyph)
    {
        var start = _tables["glyf"].Offset + _loca[glyph];
        if (_loca[glyph + 1] == _loca[glyph] || BinaryPrimitives.ReadInt16BigEndian(_font.AsSpan(start)) >= 0)
        {
            yield break;
        }

        // A composite glyph (negative contour count): records of flags, glyph index and arguments.
        var at = start + 10;
        const int wordArgs = 0x1, scale = 0x8, more = 0x20, xyScale = 0x40, twoByTwo = 0x80;
        int flags;
        do
        {
            flags = BinaryPrimitives.ReadUInt16BigEndian(_font.AsSpan(at));
            yield return BinaryPrimitives.ReadUInt16BigEndian(_font.AsSpan(at + 2));
            at += 4 + ((flags & wordArgs) != 0 ? 4 : 2);
            at += (flags & scale) != 0 ? 2 : (flags & xyScale) != 0 ? 4 : (flags & twoByTwo) != 0 ? 8 : 0;
        }
        while ((flags & more) != 0);
    }

    private byte[] Copy(string tag)
    {
        var (offset, length) = _tables[tag];
        return _font.AsSpan(offset, length).ToArray();
    }

    private static byte[] Assemble(List<(string Tag, byte[] Data)> tables)
    {
        var headerLength = 12 + (16 * tables.Count);
        var total = headerLength + tables.Sum(t => (t.Data.Length + 3) & ~3);
        var output = new byte[total];
        var span = output.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], (ushort)tables.Count);
        var power = 1;
        var log = 0;
        while (power * 2 <= tables.Count)
        {
            power *= 2;
            log++;
        }

        BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)(power * 16));
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], (ushort)log);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], (ushort)((tables.Count * 16) - (power * 16)));
        var at = headerLength;
        for (var i = 0; i < tables.Count; i++)
        {
            var (tag, data) = tables[i];
            var entry = span[(12 + (16 * i))..];
            System.Text.Encoding.ASCII.GetBytes(tag, entry);
            BinaryPrimitives.WriteUInt32BigEndian(entry[4..], Checksum(data));
            BinaryPrimitives.WriteUInt32BigEndian(entry[8..], (uint)at);
            BinaryPrimitives.WriteUInt32BigEndian(entry[12..], (uint)data.Length);
            data.CopyTo(span[at..]);
            at += (data.Length + 3) & ~3;
        }

        return output;
    }

    private static uint Checksum(byte[] data)
    {
        uint sum = 0;
        for (var i = 0; i < data.Length; i += 4)
        {
            uint word = 0;
            for (var j = 0; j < 4; j++)
            {
                word = (word << 8) | (i + j < data.Length ? data[i + j] : 0u);
            }

            sum += word;
        }

        return sum;
    }

    private static Dictionary<string, (int Offset, int Length)> Tables(byte[] font)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        var tables = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var entry = 12 + (16 * i);
            var tag = System.Text.Encoding.ASCII.GetString(font, entry, 4);
            tables[tag] = ((int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(entry + 8)), (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(entry + 12)));
        }

        return tables;
    }
}
