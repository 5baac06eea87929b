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
            var image = ScanCleaner.Clean(GrayImage.ReadPgm(page));
            var clean = Path.ChangeExtension(page, ".clean.pgm");
            image.WritePgm(clean);
            var lines = OcrPage.Read(clean, options, ct);
            (int, int)? paragraph = null;
            foreach (var line in lines)
            {
                var words = line.Words;
                if (!words.Any(w => w.Text.Any(char.IsLetterOrDigit))) continue;
                if (paragraph is { } p && p != (line.Block, line.Paragraph)) text.Append('\n');
                paragraph = (line.Block, line.Paragraph);
                text.Append(OcrPage.Text(digits.Correct(image, line with { Words = words }))).Append('\n');
            }

            text.Append('\f');
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
