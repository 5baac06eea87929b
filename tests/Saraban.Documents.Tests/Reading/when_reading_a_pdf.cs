using Saraban.Documents.Reading;

namespace Saraban.Documents.Tests.Reading;

/// <summary>
/// PDFs go through poppler's pdftotext (Debian's poppler-utils), which must be installed: these
/// tests fail, never skip, without it. The fixtures were made once by tools/make_pdf.py: a text
/// PDF of sample 06 (Laksaman embedded, long lines wrapped as a word processor wraps them), and a
/// PDF that is one image, as a scanner makes.
/// </summary>
public sealed class when_reading_a_pdf : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("saraban-pdf-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void the_letters_in_its_text_layer_are_read_with_or_without_layout(bool layout)
    {
        var reading = LetterReader.ReadFile(Samples.PathOf("06-three-letters-stacked", ".pdf"), new LetterSourceOptions { PdfLayout = layout });

        JsonShape.AssertMatches(Samples.Expected("06-three-letters-stacked"), Samples.Actual(reading));
    }

    [Fact]
    public void a_pdf_is_known_by_its_content_not_its_name()
    {
        var renamed = Path.Combine(_folder, "letter.txt");
        File.Copy(Samples.PathOf("06-three-letters-stacked", ".pdf"), renamed);

        Assert.Equal(3, LetterReader.ReadFile(renamed).Letters.Count);
    }

    [Fact]
    public void a_pdf_of_images_without_text_goes_through_ocr_and_says_no_text_was_found()
    {
        // The fixture's one image holds no legible text: OCR finds none and says so (scans with text: when_a_clerk_uploads_a_scan).
        var error = Assert.Throws<LetterReadingException>(() => LetterReader.ReadFile(Samples.PathOf("scanned-letter", ".pdf")));

        Assert.Equal(ReadingProblem.ScanWithoutText, error.Problem);
        Assert.StartsWith("ไม่พบข้อความในภาพสแกน", error.Message);
    }

    [Fact]
    public void a_damaged_pdf_is_refused()
    {
        var path = Path.Combine(_folder, "broken.pdf");
        File.WriteAllText(path, "%PDF-1.4\n1 0 obj <<\n%%EOF\n");

        Assert.Equal(ReadingProblem.PdfUnreadable, Assert.Throws<LetterReadingException>(() => LetterReader.ReadFile(path)).Problem);
    }

    [Fact]
    public void without_pdftotext_the_message_says_what_to_install()
    {
        var options = new LetterSourceOptions { PdfToText = Path.Combine(_folder, "no-such-pdftotext") };

        var error = Assert.Throws<LetterReadingException>(() => LetterReader.ReadFile(Samples.PathOf("scanned-letter", ".pdf"), options));

        Assert.Equal(ReadingProblem.PdfToolMissing, error.Problem);
        Assert.Contains("poppler-utils", error.Message);
    }

    [Fact]
    public void a_pdftotext_that_hangs_is_stopped_at_the_time_limit()
    {
        var hanging = Path.Combine(_folder, "slow-pdftotext");
        File.WriteAllText(hanging, "#!/bin/sh\nexec sleep 30\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hanging, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
        var options = new LetterSourceOptions { PdfToText = hanging, PdfTimeout = TimeSpan.FromMilliseconds(300) };

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var error = Assert.Throws<LetterReadingException>(() => LetterReader.ReadFile(Samples.PathOf("scanned-letter", ".pdf"), options));

        Assert.Equal(ReadingProblem.PdfTimeout, error.Problem);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
    }
}
