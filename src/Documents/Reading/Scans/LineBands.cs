namespace Saraban.Documents.Reading.Scans;

/// <summary>A text line's rows and columns on the upright page, its marks above and below included.</summary>
internal sealed record Band(int Left, int Top, int Right, int Bottom)
{
    public int Height => Bottom - Top;
}

/// <summary>
/// The page's text lines, found by their rows of ink, so each line reaches tesseract whole. Its own layout
/// analysis takes the tone marks and upper vowels of a line (ที่, เรื่อง) for a line of their own, then reads
/// that as Latin letters ("a We vy") and the line beneath without its marks; a thin band of marks is joined
/// here to the line it belongs to, and a band of two touching lines is cut at its thinnest row.
/// </summary>
internal static class LineBands
{
    public static IReadOnlyList<Band> Find(GrayImage page)
    {
        var (w, h) = (page.Width, page.Height);
        var ink = new int[h];
        for (var y = 0; y < h; y++)
        {
            var n = 0;
            for (var x = 0; x < w; x++) n += page.Pixels[(y * w) + x] == 0 ? 1 : 0;
            ink[y] = n;
        }

        var rows = new List<(int Top, int Bottom)>();
        for (var y = 0; y < h; y++)
        {
            if (ink[y] == 0) continue;
            var top = y;
            while (y < h && ink[y] > 0) y++;
            rows.Add((top, y));
        }

        if (rows.Count == 0) return [];
        var tall = rows.Select(r => r.Bottom - r.Top).Where(t => t >= 20).Order().ToList();
        var line = tall.Count > 0 ? tall[tall.Count / 2] : 40;
        rows = JoinMarks(rows, line);
        var cut = rows.SelectMany(r => Cut(r, ink, line)).ToList();
        return cut.Select(r => Columns(page, r)).Where(b => b is not null).Select(b => b!).ToList();
    }

    // A band much thinner than a line (marks above a line, vowels below it) goes with its nearer neighbour.
    private static List<(int Top, int Bottom)> JoinMarks(List<(int Top, int Bottom)> rows, int line)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i].Bottom - rows[i].Top >= line * 0.6) continue;
                var above = i > 0 ? rows[i].Top - rows[i - 1].Bottom : int.MaxValue;
                var below = i + 1 < rows.Count ? rows[i + 1].Top - rows[i].Bottom : int.MaxValue;
                if (Math.Min(above, below) > line * 0.5) continue;
                if (below <= above)
                {
                    rows[i + 1] = (rows[i].Top, rows[i + 1].Bottom);
                }
                else
                {
                    rows[i - 1] = (rows[i - 1].Top, rows[i].Bottom);
                }

                rows.RemoveAt(i);
                changed = true;
                break;
            }
        }

        return rows;
    }

    // Two lines touching (a descender on the marks below it) make one band: cut at its thinnest row.
    private static IEnumerable<(int Top, int Bottom)> Cut((int Top, int Bottom) band, int[] ink, int line)
    {
        if (band.Bottom - band.Top < line * 1.7)
        {
            yield return band;
            yield break;
        }

        var from = band.Top + (int)(line * 0.7);
        var to = band.Bottom - (int)(line * 0.7);
        var at = from;
        for (var y = from; y < to; y++)
        {
            if (ink[y] < ink[at]) at = y;
        }

        foreach (var part in Cut((band.Top, at), ink, line)) yield return part;
        foreach (var part in Cut((at, band.Bottom), ink, line)) yield return part;
    }

    private static Band? Columns(GrayImage page, (int Top, int Bottom) rows)
    {
        int left = page.Width, right = -1;
        for (var y = rows.Top; y < rows.Bottom; y++)
        {
            for (var x = 0; x < page.Width; x++)
            {
                if (page.Pixels[(y * page.Width) + x] != 0) continue;
                left = Math.Min(left, x);
                right = Math.Max(right, x);
            }
        }

        if (right < left) return null;
        // A picture (the QR code, a seal) is ink over half its box, a line of text a fifth or less: not read.
        var dark = 0;
        for (var y = rows.Top; y < rows.Bottom; y++)
        {
            for (var x = left; x <= right; x++) dark += page.Pixels[(y * page.Width) + x] == 0 ? 1 : 0;
        }

        return dark > 0.4 * (right + 1 - left) * (rows.Bottom - rows.Top) ? null : new Band(left, rows.Top, right + 1, rows.Bottom);
    }
}
