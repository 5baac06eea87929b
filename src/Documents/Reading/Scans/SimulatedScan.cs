using System.Globalization;

namespace Saraban.Documents.Reading.Scans;

/// <summary>
/// The OCR test set's scans: a rendered letter's first page drawn at 300 dpi (pdftoppm, grey), turned
/// a few degrees as paper lies crooked on a scanner, with grain and specks of dust, written as PNG.
/// Done on the raw pixels: no imaging library is on the machine. Seeded, so a run is repeatable.
/// </summary>
public static class SimulatedScan
{
    /// <summary>Draws page 1 of <paramref name="pdf"/> and writes its scan to <paramref name="png"/>.</summary>
    public static void Make(string pdf, string png, double degrees, int seed, LetterSourceOptions? options = null)
    {
        options ??= new LetterSourceOptions();
        var folder = Path.Combine(Path.GetTempPath(), "saraban-simscan-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            ChildProcess.Run(options.PdfToPpm,
                ["-r", options.OcrDpi.ToString(CultureInfo.InvariantCulture), "-gray", "-f", "1", "-l", "1", pdf, Path.Combine(folder, "page")],
                options.OcrTimeout, "poppler-utils");
            var page = GrayImage.ReadPgm(Directory.GetFiles(folder, "page*.pgm").Single());
            var scanned = Noise(Rotate(page, degrees), new Random(seed));
            using var output = File.Create(png);
            scanned.WritePng(output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Turned about the page's centre (bilinear), white where the paper does not reach.</summary>
    internal static GrayImage Rotate(GrayImage page, double degrees)
    {
        var (w, h) = (page.Width, page.Height);
        var pixels = new byte[w * h];
        var (sin, cos) = Math.SinCos(degrees * Math.PI / 180);
        double cx = w / 2.0, cy = h / 2.0;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                // Where this output pixel came from on the upright page.
                var sx = (cos * (x - cx)) + (sin * (y - cy)) + cx;
                var sy = (-sin * (x - cx)) + (cos * (y - cy)) + cy;
                int x0 = (int)Math.Floor(sx), y0 = (int)Math.Floor(sy);
                if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h)
                {
                    pixels[(y * w) + x] = 255;
                    continue;
                }

                double fx = sx - x0, fy = sy - y0;
                var top = (page[x0, y0] * (1 - fx)) + (page[x0 + 1, y0] * fx);
                var bottom = (page[x0, y0 + 1] * (1 - fx)) + (page[x0 + 1, y0 + 1] * fx);
                pixels[(y * w) + x] = (byte)Math.Round((top * (1 - fy)) + (bottom * fy));
            }
        }

        return new GrayImage(w, h, pixels);
    }

    /// <summary>Grain on every pixel (about ±12 grey levels) and a few thousand specks of dust.</summary>
    internal static GrayImage Noise(GrayImage page, Random random)
    {
        var pixels = (byte[])page.Pixels.Clone();
        for (var i = 0; i < pixels.Length; i++)
        {
            var grain = (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5) * 24;
            pixels[i] = (byte)Math.Clamp(pixels[i] + grain, 0, 255);
        }

        for (var n = 0; n < pixels.Length / 2000; n++)
        {
            int x = random.Next(1, page.Width - 2), y = random.Next(1, page.Height - 2);
            var speck = (byte)random.Next(0, 90);
            for (var dy = 0; dy < random.Next(1, 3); dy++)
            {
                for (var dx = 0; dx < random.Next(1, 3); dx++)
                {
                    pixels[((y + dy) * page.Width) + x + dx] = speck;
                }
            }
        }

        return new GrayImage(page.Width, page.Height, pixels);
    }
}
