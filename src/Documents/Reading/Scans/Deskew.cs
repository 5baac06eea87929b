namespace Saraban.Documents.Reading.Scans;

/// <summary>
/// Paper lies crooked on a scanner: the page is turned upright before tesseract reads it, since its Thai
/// model reads a line that climbs across the page with marks above and below it badly. The turn is found
/// by a projection profile: at the right angle the rows of ink are sharpest (text lines dense, the gaps
/// between them empty), which the sum of the squared row counts measures; searched on a quarter-size
/// copy, coarse then fine.
/// </summary>
internal static class Deskew
{
    /// <summary>Crooked by more than this is not a scan to read but to scan again; the search stops there.</summary>
    public const double MaxDegrees = 6;

    /// <summary>The page turned upright, and the turn it was found at (degrees, as <see cref="SimulatedScan"/> turns).</summary>
    public static (GrayImage Page, double Degrees) Upright(GrayImage page)
    {
        var degrees = Angle(page);
        return Math.Abs(degrees) < 0.05 ? (page, 0) : (SimulatedScan.Rotate(page, -degrees), degrees);
    }

    /// <summary>The angle the page is turned by.</summary>
    public static double Angle(GrayImage page)
    {
        var ink = InkPoints(page, 4);
        if (ink.Count < 50) return 0;
        var best = Search(ink, -MaxDegrees, MaxDegrees, 0.5, 0);
        best = Search(ink, best - 0.5, best + 0.5, 0.1, best);
        return Search(ink, best - 0.1, best + 0.1, 0.02, best);
    }

    private static double Search(List<(float X, float Y)> ink, double from, double to, double step, double fallback)
    {
        double best = fallback, bestScore = double.MinValue;
        var bins = new int[4096];
        for (var d = from; d <= to + 1e-9; d += step)
        {
            Array.Clear(bins);
            var (sin, cos) = Math.SinCos(d * Math.PI / 180);
            foreach (var (x, y) in ink)
            {
                // Where the point stood on the upright page, as a row.
                var row = (int)((-sin * x) + (cos * y)) + 1024;
                if ((uint)row < (uint)bins.Length) bins[row]++;
            }

            double score = 0;
            foreach (var b in bins) score += (double)b * b;
            if (score > bestScore)
            {
                (bestScore, best) = (score, d);
            }
        }

        return best;
    }

    /// <summary>The dark pixels of a copy <paramref name="scale"/> times smaller, about the page's centre.</summary>
    private static List<(float X, float Y)> InkPoints(GrayImage page, int scale)
    {
        var points = new List<(float, float)>();
        double cx = page.Width / 2.0, cy = page.Height / 2.0;
        for (var y = 0; y + scale <= page.Height; y += scale)
        {
            for (var x = 0; x + scale <= page.Width; x += scale)
            {
                var dark = 0;
                for (var dy = 0; dy < scale; dy++)
                {
                    for (var dx = 0; dx < scale; dx++)
                    {
                        if (page[x + dx, y + dy] < 128) dark++;
                    }
                }

                if (dark * 4 >= scale * scale) points.Add(((float)((x - cx) / scale), (float)((y - cy) / scale)));
            }
        }

        return points;
    }
}
