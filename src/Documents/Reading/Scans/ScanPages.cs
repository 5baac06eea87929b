using System.Globalization;

namespace Saraban.Documents.Reading.Scans;

/// <summary>
/// A scan's pages as grey pictures at the OCR resolution, in a scratch folder the caller deletes:
/// a PDF through pdftoppm, a PNG or JPEG by way of a one-page PDF (<see cref="ScanPdf"/>), so both
/// reach tesseract at the same resolution and our digit reader sees the same pixels.
/// </summary>
internal sealed class ScanPages : IDisposable
{
    private ScanPages(string folder, IReadOnlyList<string> pages)
    {
        Folder = folder;
        Pages = pages;
    }

    public string Folder { get; }

    /// <summary>The pages, binary PGM files, in order.</summary>
    public IReadOnlyList<string> Pages { get; }

    public static ScanPages Rasterize(string path, byte[] bytes, LetterSourceOptions options, CancellationToken ct = default)
    {
        var folder = Path.Combine(Path.GetTempPath(), "saraban-scan-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var pdf = path;
            if (!FileKinds.IsPdf(bytes))
            {
                pdf = Path.Combine(folder, "scan.pdf");
                using (var file = File.Create(pdf))
                {
                    ScanPdf.FromImage(bytes, file);
                }
            }

            string[] args =
            [
                "-r", options.OcrDpi.ToString(CultureInfo.InvariantCulture), "-gray",
                "-l", options.MaxScanPages.ToString(CultureInfo.InvariantCulture), pdf, Path.Combine(folder, "page"),
            ];
            try
            {
                ChildProcess.Run(options.PdfToPpm, args, options.OcrTimeout, "poppler-utils", ct);
            }
            catch (LetterReadingException ex) when (ex.Problem == ReadingProblem.ScanUnreadable)
            {
                throw ScanPdf.Corrupt(ex.Message, ex);
            }

            var pages = Directory.GetFiles(folder, "page*.pgm").Order(StringComparer.Ordinal).ToList();
            return pages.Count == 0 ? throw ScanPdf.Corrupt("no page could be drawn") : new ScanPages(folder, pages);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
