using System.Runtime.InteropServices;
using HarfBuzzSharp;
using Saraban.Documents.Rendering.Fonts;
using HbBuffer = HarfBuzzSharp.Buffer;

namespace Saraban.Documents.Rendering.Thai;

/// <summary>
/// Shapes text with HarfBuzz and the font's own OpenType tables: Laksaman's GSUB splits ำ and
/// picks its tail-less ญ ฐ, its GPOS places above and below marks around the consonant (left of
/// the ascender of ป ฝ ฟ ฬ, a tone mark lowered where no vowel sits above). No hand-written table
/// of presentation forms: what the font's designer set is what is drawn, with one measured
/// correction where the font leaves ั on the ascender (<see cref="AscenderClearance"/>).
/// </summary>
/// <remarks>
/// One per face, built once; shaping is thread-safe, as HarfBuzz fonts are immutable once made
/// and every call uses its own buffer. Positions are in the face's units (the patched em).
/// </remarks>
public sealed class GlyphShaper : IDisposable
{
    private static readonly Language Thai = new("th");

    private readonly GCHandle _pin;
    private readonly Blob _blob;
    private readonly Face _face;
    private readonly Font _font;

    private const int MaxRuns = 8192;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ShapedRun> _runs = new(StringComparer.Ordinal);
    private readonly GlyphExtents?[] _extents;
    private readonly HbBuffer?[] _idle = new HbBuffer?[Math.Max(2, Environment.ProcessorCount * 2)];
    private readonly AscenderClearance _clearance;

    internal GlyphShaper(TrueTypeFace face, FontSubset outlines)
    {
        var fontBytes = face.Bytes;
        // HarfBuzz reads the font where it lies: the bytes are pinned for the shaper's life, not copied.
        _pin = GCHandle.Alloc(fontBytes, GCHandleType.Pinned);
        _blob = new Blob(_pin.AddrOfPinnedObject(), fontBytes.Length, MemoryMode.ReadOnly);
        _face = new Face(_blob, 0);
        _face.MakeImmutable();
        _font = new Font(_face);
        _font.SetFunctionsOpenType();
        UnitsPerEm = _face.UnitsPerEm;
        _font.SetScale(UnitsPerEm, UnitsPerEm);
        // Every glyph's ink box read once: the clearance check asks for them on every line.
        _extents = new GlyphExtents?[outlines.GlyphCount];
        for (var g = 0; g < _extents.Length; g++)
        {
            _extents[g] = _font.TryGetGlyphExtents((uint)g, out var e) && e.Width != 0 ? e : null;
        }

        _clearance = new AscenderClearance(face, outlines, g => g < _extents.Length ? _extents[g] : null);
    }

    public int UnitsPerEm { get; }

    /// <summary>The glyphs for <paramref name="text"/>, positioned from the run's origin.</summary>
    /// <remarks>
    /// Runs are kept by text: a circular is rendered once per addressee with the same body, labels,
    /// date and signature lines, and HarfBuzz with Laksaman's Thai lookups costs some 20 µs a line.
    /// The cache is bounded (emptied when full); a run is never changed once made.
    /// </remarks>
    public ShapedRun Shape(string text)
    {
        if (_runs.TryGetValue(text, out var known))
        {
            return known;
        }

        if (_runs.Count >= MaxRuns)
        {
            _runs.Clear();
        }

        var run = ShapeNow(text);
        _runs.TryAdd(text, run);
        return run;
    }

    private ShapedRun ShapeNow(string text)
    {
        // A buffer is lent out per call: HarfBuzz buffers may not be shared between threads, and
        // making one per line was a fair share of shaping's cost.
        var buffer = Rent();
        buffer.AddUtf16(text);
        buffer.Direction = Direction.LeftToRight;
        buffer.Script = Script.Thai;
        buffer.Language = Thai;
        // Marks join their base's cluster: justification may space clusters, never split one.
        buffer.ClusterLevel = ClusterLevel.MonotoneGraphemes;
        _font.Shape(buffer);
        var infos = buffer.GetGlyphInfoSpan();
        var positions = buffer.GetGlyphPositionSpan();
        var glyphs = new ushort[infos.Length];
        var clusters = new int[infos.Length];
        var x = new int[infos.Length];
        var y = new int[infos.Length];
        var pen = 0;
        for (var i = 0; i < infos.Length; i++)
        {
            glyphs[i] = (ushort)infos[i].Codepoint;
            clusters[i] = (int)infos[i].Cluster;
            x[i] = pen + positions[i].XOffset;
            y[i] = positions[i].YOffset;
            pen += positions[i].XAdvance;
        }

        _clearance.Apply(infos, positions, x, y);
        Return(buffer);

        return new ShapedRun(text, glyphs, clusters, x, y, pen);
    }

    /// <summary>A glyph's ink box in font units (y up from the baseline), or null for a blank glyph.</summary>
    public GlyphBox? Box(ushort glyph) =>
        glyph < _extents.Length && _extents[glyph] is { } e
            ? new GlyphBox(e.XBearing, e.YBearing + e.Height, e.XBearing + e.Width, e.YBearing)
            : null;

    /// <summary>The advance HarfBuzz gives one glyph, in font units.</summary>
    public int Advance(ushort glyph) => _font.GetHorizontalGlyphAdvance(glyph);

    private HbBuffer Rent()
    {
        for (var i = 0; i < _idle.Length; i++)
        {
            if (Interlocked.Exchange(ref _idle[i], null) is { } idle)
            {
                return idle;
            }
        }

        return new HbBuffer();
    }

    private void Return(HbBuffer buffer)
    {
        buffer.ClearContents();
        for (var i = 0; i < _idle.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _idle[i], buffer, null) is null)
            {
                return;
            }
        }

        buffer.Dispose();
    }

    public void Dispose()
    {
        for (var i = 0; i < _idle.Length; i++)
        {
            Interlocked.Exchange(ref _idle[i], null)?.Dispose();
        }

        _font.Dispose();
        _face.Dispose();
        _blob.Dispose();
        if (_pin.IsAllocated)
        {
            _pin.Free();
        }
    }
}

/// <summary>A glyph's ink box, font units, y up: left, bottom, right, top.</summary>
public readonly record struct GlyphBox(int Left, int Bottom, int Right, int Top)
{
    public GlyphBox Offset(int dx, int dy) => new(Left + dx, Bottom + dy, Right + dx, Top + dy);

    public bool Overlaps(GlyphBox other) =>
        Left < other.Right && other.Left < Right && Bottom < other.Top && other.Bottom < Top;
}
