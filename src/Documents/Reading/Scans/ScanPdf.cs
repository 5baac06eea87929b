using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Saraban.Documents.Reading.Scans;

/// <summary>
/// A scanned picture (PNG or JPEG) as a one-page PDF, the page sized from its pixels at the scan's
/// resolution: one way to rasterize every scan (pdftoppm), and the page the receive stamp is drawn on.
/// </summary>
public static class ScanPdf
{
    /// <summary>Scanners write 300 dpi unless told otherwise; a picture that does not say is taken at that.</summary>
    public const double DefaultDpi = 300;

    /// <exception cref="LetterReadingException">The bytes are not a picture PDFsharp can open (a corrupt scan).</exception>
    public static void FromImage(byte[] image, Stream output)
    {
        using var document = new PdfDocument();
        document.Info.Creator = "Saraban";
        try
        {
            using var stream = new MemoryStream(image, writable: false);
            using var picture = XImage.FromStream(stream);
            // A picture that does not say reports 72 (or 96): no scanner scans a letter that coarsely, so below 150 it is taken at 300.
            var dpiX = picture.HorizontalResolution is >= 150 and <= 1200 ? picture.HorizontalResolution : DefaultDpi;
            var dpiY = picture.VerticalResolution is >= 150 and <= 1200 ? picture.VerticalResolution : DefaultDpi;
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(picture.PixelWidth * 72.0 / dpiX);
            page.Height = XUnit.FromPoint(picture.PixelHeight * 72.0 / dpiY);
            using var gfx = XGraphics.FromPdfPage(page);
            gfx.DrawImage(picture, 0, 0, page.Width.Point, page.Height.Point);
        }
        // PDFsharp reports a damaged picture with a bare Exception among others.
        catch (Exception ex) when (ex is not OutOfMemoryException and not LetterReadingException)
        {
            throw Corrupt(ex.Message.Split('\n')[0], ex);
        }

        document.Save(output, closeStream: false);
    }

    internal static LetterReadingException Corrupt(string why, Exception? inner = null) =>
        new(ReadingProblem.ScanUnreadable, "ไฟล์สแกนเสียหาย เปิดภาพไม่ได้ ไม่ได้บันทึก ให้สแกนใหม่", $"the scan is corrupt: {why}", inner);
}
