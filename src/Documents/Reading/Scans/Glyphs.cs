namespace Saraban.Documents.Reading.Scans;

/// <summary>One connected blot of ink: its box and its pixels.</summary>
internal sealed class Glyph(int left, int top, int right, int bottom, List<(int X, int Y)> pixels)
{
    public const int GridWidth = 12;
    public const int GridHeight = 16;

    public int Left { get; private set; } = left;
    public int Top { get; private set; } = top;
    public int Right { get; private set; } = right;
    public int Bottom { get; private set; } = bottom;
    public List<(int X, int Y)> Pixels { get; } = pixels;

    public int Width => Right - Left + 1;
    public int Height => Bottom - Top + 1;
    public double CenterX => (Left + Right) / 2.0;
    public double Aspect => (double)Width / Height;

    /// <summary>The glyph of these pixels, or null for none.</summary>
    public static Glyph? Of(List<(int X, int Y)> pixels) => pixels.Count == 0 ? null
        : new(pixels.Min(p => p.X), pixels.Min(p => p.Y), pixels.Max(p => p.X), pixels.Max(p => p.Y), pixels);

    public static Glyph Join(Glyph a, Glyph b) =>
        new(Math.Min(a.Left, b.Left), Math.Min(a.Top, b.Top), Math.Max(a.Right, b.Right), Math.Max(a.Bottom, b.Bottom), [.. a.Pixels, .. b.Pixels]);

    public void Absorb(Glyph other)
    {
        Pixels.AddRange(other.Pixels);
        (Left, Top, Right, Bottom) = (Math.Min(Left, other.Left), Math.Min(Top, other.Top), Math.Max(Right, other.Right), Math.Max(Bottom, other.Bottom));
    }

    /// <summary>The share of ink in each cell of the grid laid over the glyph's box.</summary>
    public double[] Grid()
    {
        var grid = new double[GridWidth * GridHeight];
        var area = new double[GridWidth * GridHeight];
        for (var y = Top; y <= Bottom; y++)
        {
            for (var x = Left; x <= Right; x++)
            {
                area[Cell(x, y)]++;
            }
        }

        foreach (var (x, y) in Pixels)
        {
            grid[Cell(x, y)]++;
        }

        for (var k = 0; k < grid.Length; k++)
        {
            grid[k] = area[k] > 0 ? grid[k] / area[k] : 0;
        }

        return grid;
    }

    private int Cell(int x, int y) =>
        (Math.Min(GridHeight - 1, (y - Top) * GridHeight / Height) * GridWidth) + Math.Min(GridWidth - 1, (x - Left) * GridWidth / Width);
}

/// <summary>Cuts a region of a page into glyphs: ink below mid-grey, joined by its eight neighbours; specks left out.</summary>
internal static class Glyphs
{
    private const byte Ink = 128;

    public static List<Glyph> Find(GrayImage image, int left, int top, int right, int bottom)
    {
        left = Math.Max(0, left);
        top = Math.Max(0, top);
        right = Math.Min(image.Width - 1, right);
        bottom = Math.Min(image.Height - 1, bottom);
        if (right <= left || bottom <= top) return [];
        int w = right - left + 1, h = bottom - top + 1;
        var seen = new bool[w * h];
        var found = new List<Glyph>();
        var stack = new Stack<(int, int)>();
        for (var y0 = 0; y0 < h; y0++)
        {
            for (var x0 = 0; x0 < w; x0++)
            {
                if (seen[(y0 * w) + x0] || image[left + x0, top + y0] >= Ink) continue;
                var pixels = new List<(int, int)>();
                int l = int.MaxValue, t = int.MaxValue, r = -1, b = -1;
                seen[(y0 * w) + x0] = true;
                stack.Push((x0, y0));
                while (stack.Count > 0)
                {
                    var (x, y) = stack.Pop();
                    pixels.Add((left + x, top + y));
                    (l, t, r, b) = (Math.Min(l, x), Math.Min(t, y), Math.Max(r, x), Math.Max(b, y));
                    for (var dy = -1; dy <= 1; dy++)
                    {
                        for (var dx = -1; dx <= 1; dx++)
                        {
                            int nx = x + dx, ny = y + dy;
                            if (nx < 0 || ny < 0 || nx >= w || ny >= h || seen[(ny * w) + nx] || image[left + nx, top + ny] >= Ink) continue;
                            seen[(ny * w) + nx] = true;
                            stack.Push((nx, ny));
                        }
                    }
                }

                // A speck of noise is a few pixels; the smallest glyph part at 300 dpi is dozens.
                if (pixels.Count >= 12) found.Add(new Glyph(left + l, top + t, left + r, top + b, pixels));
            }
        }

        // A glyph broken in two by the noise is one again: pieces standing over each other join.
        found.Sort((a, b) => a.Left.CompareTo(b.Left));
        var merged = new List<Glyph>();
        foreach (var g in found)
        {
            var last = merged.Count > 0 ? merged[^1] : null;
            var overlap = last is null ? 0 : Math.Min(last.Right, g.Right) - Math.Max(last.Left, g.Left) + 1;
            if (last is not null && overlap > 0.6 * Math.Min(last.Width, g.Width)) last.Absorb(g);
            else merged.Add(g);
        }

        return merged;
    }
}

/// <summary>
/// A scan made clean before tesseract reads it: ink black, paper white, and specks of dust (blots of a
/// few pixels) taken away, since tesseract reads a speck beside a word as a tone mark or a full stop.
/// </summary>
internal static class ScanCleaner
{
    /// <summary>Grey at or above this is paper: grain and the scanner's shading go; the grey edge of a thin stroke stays ink, so the stroke stays whole.</summary>
    private const byte Paper = 190;

    public static GrayImage Clean(GrayImage page)
    {
        var (w, h) = (page.Width, page.Height);
        var pixels = new byte[w * h];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = page.Pixels[i] < Paper ? (byte)0 : (byte)255;
        var seen = new bool[w * h];
        var blot = new List<int>();
        var stack = new Stack<int>();
        for (var start = 0; start < pixels.Length; start++)
        {
            if (seen[start] || pixels[start] != 0) continue;
            blot.Clear();
            seen[start] = true;
            stack.Push(start);
            // The whole blot is walked, so no part of a letter is left unseen to be taken later for a speck of its own.
            while (stack.Count > 0)
            {
                var p = stack.Pop();
                blot.Add(p);
                int x = p % w, y = p / w;
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        int nx = x + dx, ny = y + dy;
                        if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
                        var n = (ny * w) + nx;
                        if (seen[n] || pixels[n] != 0) continue;
                        seen[n] = true;
                        stack.Push(n);
                    }
                }
            }

            if (blot.Count <= MaxSpeck)
            {
                foreach (var p in blot) pixels[p] = 255;
            }
        }

        return new GrayImage(w, h, pixels);
    }

    /// <summary>The largest blot taken for dust: a Thai tone mark at 300 dpi is some forty pixels, a full stop over twenty.</summary>
    private const int MaxSpeck = 10;
}
