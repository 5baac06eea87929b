using System.Text;

namespace Saraban.Documents.Reading.Scans;

/// <summary>
/// The text of a scanned letter (a PDF of images, a PNG or a JPEG) read on this machine: each page
/// drawn at <see cref="LetterSourceOptions.OcrDpi"/> and read by tesseract with the Thai model, then
/// its Thai digits read again against the letter font's own (<see cref="ThaiDigitReader"/>), since
/// the model misreads TH Sarabun's digits (๘ as ๕, ๖ as ๒). Never sent anywhere: secret letters
/// are scanned too.
/// </summary>
public static class ScanText
{
    /// <exception cref="LetterReadingException">The scan is corrupt, blank, too long, or a tool is missing or too slow.</exception>
    public static string Read(string path, byte[] bytes, LetterSourceOptions options, CancellationToken ct = default)
    {
        using var pages = ScanPages.Rasterize(path, bytes, options, ct);
        var digits = ThaiDigitReader.Load();
        var text = new StringBuilder();
        foreach (var page in pages.Pages)
        {
            var image = ScanCleaner.Clean(Deskew.Upright(GrayImage.ReadPgm(page)).Page);
            // For work on the reader: SARABAN_DEBUG_PAGES=DIR keeps each page as tesseract's lines are cut from it (upright, clean).
            if (Environment.GetEnvironmentVariable("SARABAN_DEBUG_PAGES") is { Length: > 0 } debug) image.WritePgm(Path.Combine(debug, Path.GetFileName(path) + ".pgm"));
            var bands = LineBands.Find(image);
            // No line of ink at all: tesseract still has its look (a faint page, a picture of text), as a whole page.
            var lines = bands.Count > 0 ? OcrPage.ReadLines(image, bands, pages.Folder, options, ct) : OcrPage.Read(Whole(image, page), options, ct);
            var line = bands.Count == 0 ? 0 : bands.Select(b => b.Height).Order().ElementAt(bands.Count / 2);
            OcrLine? before = null;
            foreach (var ocr in lines)
            {
                if (!ocr.Words.Any(w => w.Text.Any(char.IsLetterOrDigit))) continue;
                // A gap of a line and a half between two lines parts them, as the typed text's blank line does.
                if (before is not null && ocr.Top - (before.Top + before.Height) > line * 1.5) text.Append('\n');
                before = ocr;
                text.Append(OcrDigits.Repair(OcrPage.Text(digits.Correct(image, ocr)))).Append('\n');
            }

            text.Append('\f');
        }

        static string Whole(GrayImage image, string page)
        {
            var clean = Path.ChangeExtension(page, ".clean.pgm");
            image.WritePgm(clean);
            return clean;
        }

        // Tesseract spells sara am as nikhahit and sara aa (ํา), as typists never do: one ำ, as the letter was typed.
        var read = text.ToString().Replace("\u0E4D\u0E32", "\u0E33", StringComparison.Ordinal);
        return read.Count(c => char.IsLetterOrDigit(c)) < 10
            ? throw new LetterReadingException(
                ReadingProblem.ScanWithoutText,
                "ไม่พบข้อความในภาพสแกน (หน้าว่าง หรือภาพไม่ชัด) ให้สแกนใหม่หรือพิมพ์ข้อมูลเอง",
                "no text found in the scan (a blank page, or too faint): scan it again or type the fields")
            : read;
    }
}
