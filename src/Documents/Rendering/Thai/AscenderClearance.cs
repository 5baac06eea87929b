using HarfBuzzSharp;
using Saraban.Documents.Rendering.Fonts;

namespace Saraban.Documents.Rendering.Thai;

/// <summary>
/// The one correction made after HarfBuzz: Laksaman's GPOS moves tone marks and most upper vowels
/// left of the ascender of ป ฝ ฟ ฬ, but not ั (mai han-akat), whose tail then runs into the stem
/// (ปั้น; in the bold face its ink crosses it). Where an above mark's ink box reaches into a tall
/// consonant's ascender, the marks above that consonant move left together until it clears.
/// </summary>
/// <remarks>
/// Measured from the font itself, not a table of substitutes: the ascender is the consonant's
/// outline above the top of บ (the Thai x-height), so any Thai font gets the same check.
/// </remarks>
internal sealed class AscenderClearance
{
    // Ink kept between a moved mark and the stem, in font units (about 0.2 pt at 16 pt).
    private const int Gap = 20;

    private readonly Dictionary<ushort, (int Left, int Top)> _ascenders = [];
    private readonly int _xHeight;
    private readonly Func<ushort, GlyphExtents?> _box;

    public AscenderClearance(TrueTypeFace face, FontSubset outlines, Func<ushort, GlyphExtents?> box)
    {
        _box = box;
        _xHeight = box(face.GlyphId('บ')) is { } b ? b.YBearing : 0;
        for (var c = 'ก'; c <= 'ฮ'; c++)
        {
            var glyph = face.GlyphId(c);
            var high = outlines.Outline(glyph).Where(p => p.Y > _xHeight + Gap).ToList();
            if (glyph != 0 && high.Count > 0)
            {
                _ascenders[glyph] = (high.Min(p => p.X), high.Max(p => p.Y));
            }
        }
    }

    /// <summary>Moves, in <paramref name="x"/>, the above marks of each tall consonant whose ink would touch its ascender.</summary>
    public void Apply(ReadOnlySpan<GlyphInfo> infos, ReadOnlySpan<GlyphPosition> positions, int[] x, int[] y)
    {
        for (var i = 0; i < infos.Length; i++)
        {
            if (!_ascenders.TryGetValue((ushort)infos[i].Codepoint, out var ascender))
            {
                continue;
            }

            var stem = x[i] + ascender.Left - Gap;
            var marksEnd = i + 1;
            var shift = 0;
            for (; marksEnd < infos.Length && positions[marksEnd].XAdvance == 0; marksEnd++)
            {
                if (_box((ushort)infos[marksEnd].Codepoint) is not { } e)
                {
                    continue;
                }

                var bottom = y[marksEnd] + e.YBearing + e.Height;
                var right = x[marksEnd] + e.XBearing + e.Width;
                if (bottom > _xHeight && bottom < y[i] + ascender.Top && right > stem)
                {
                    shift = Math.Max(shift, right - stem);
                }
            }

            for (var m = i + 1; shift > 0 && m < marksEnd; m++)
            {
                if (_box((ushort)infos[m].Codepoint) is { } e && y[m] + e.YBearing + e.Height > _xHeight)
                {
                    x[m] -= shift;
                }
            }
        }
    }
}
