using Saraban.Documents.Reading;
using Saraban.Documents.Reading.Scans;
using Saraban.Documents.Tests.Rendering;

namespace Saraban.Documents.Tests.Reading;

/// <summary>
/// A paper letter's scan (PNG, JPEG or a PDF of images) read by tesseract on this machine. pdftoppm
/// (poppler-utils) and tesseract with its Thai model (tesseract-ocr, tesseract-ocr-tha) must be
/// installed: without them these tests fail, never skip.
/// </summary>
[Collection("renderer")]
public sealed class when_a_clerk_uploads_a_scan(RendererFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("saraban-scan-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void the_digit_shapes_kept_are_what_the_renderer_draws()
    {
        var made = ThaiDigitShapes.Format(ThaiDigitShapes.Make(fixture.Renderer.Pdf, new LetterSourceOptions()));
        var kept = ThaiDigitShapes.Format(ThaiDigitShapes.Load());
        if (made != kept)
        {
            File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "thai-digits.made.txt"), made);
        }

        Assert.Equal(made, kept);
    }

    [Theory]
    [InlineData("circular", 2.0)]
    [InlineData("external-letter", -1.5)]
    [InlineData("memo", -2.5)]
    [InlineData("stamped-letter", 1.0)]
    public void a_crooked_noisy_scan_gives_the_fields_of_the_typed_letter(string kind, double degrees)
    {
        var result = OcrTestSet.Run(fixture.Renderer, Paths.Example(kind), degrees, seed: 7, _folder);

        // The target over the set is 90 % (13 of 14 a letter); bench ocr measures it (README). Turns the bench
        // does not use, so the floor is not held on the scans the reader was worked on: 9 of 14 on every kind
        // (the memo at -2.5° gave 9 on 2026-12-01, the others 10 or more).
        Assert.True(result.Exact >= 9, $"{kind}: {result.Exact}/{result.Fields} exact, misses: {string.Join("; ", (result.Misses ?? []).Select(m => $"{m.Field}: {m.Expected} ≠ {m.Read}"))}");
    }

    [Fact]
    public void a_scanned_pdf_is_read_through_ocr_at_300_dpi()
    {
        var pdf = Path.Combine(_folder, "letter.pdf");
        fixture.Renderer.RenderToFile(Paths.Letter("external-letter"), pdf);
        var png = Path.Combine(_folder, "scan.png");
        SimulatedScan.Make(pdf, png, 1.0, seed: 3);
        var scannedPdf = Path.Combine(_folder, "scanned.pdf");
        using (var output = File.Create(scannedPdf))
        {
            ScanPdf.FromImage(File.ReadAllBytes(png), output);
        }

        var fields = Assert.Single(LetterReader.ReadFile(scannedPdf).Letters).Fields;
        var typed = Assert.Single(LetterReader.ReadFile(pdf).Letters).Fields;

        Assert.Equal(typed.DocumentNumber, fields.DocumentNumber);
        Assert.Equal(typed.Date, fields.Date);
        // Not the subject: OCR drops its tone mark (ขั้นตำ for ขั้นต่ำ), one of the losses the README lists.
    }

    [Fact]
    public void a_blank_page_says_no_text_was_found()
    {
        var blank = Path.Combine(_folder, "blank.png");
        using (var output = File.Create(blank))
        {
            SimulatedScan.Noise(new GrayImage(2480, 3508, Enumerable.Repeat((byte)255, 2480 * 3508).ToArray()), new Random(1)).WritePng(output);
        }

        var error = Assert.Throws<LetterReadingException>(() => LetterReader.ReadFile(blank));

        Assert.Equal(ReadingProblem.ScanWithoutText, error.Problem);
        Assert.StartsWith("ไม่พบข้อความในภาพสแกน", error.Message);
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpeg")]
    public void a_corrupt_scan_is_refused_as_corrupt(string kind)
    {
        var path = Path.Combine(_folder, "broken." + kind);
        byte[] head = kind == "png" ? [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A] : [0xFF, 0xD8, 0xFF, 0xE0];
        File.WriteAllBytes(path, [.. head, .. Enumerable.Range(0, 4000).Select(i => (byte)(i * 7))]);

        var error = Assert.Throws<LetterReadingException>(() => LetterReader.ReadFile(path));

        Assert.Equal(ReadingProblem.ScanUnreadable, error.Problem);
        Assert.StartsWith("ไฟล์สแกนเสียหาย", error.Message);
    }

    [Fact]
    public void without_tesseract_the_message_says_what_to_install()
    {
        var png = BlankScan();
        var options = new LetterSourceOptions { Tesseract = Path.Combine(_folder, "no-such-tesseract") };

        var error = Assert.Throws<LetterReadingException>(() => LetterReader.ReadFile(png, options));

        Assert.Equal(ReadingProblem.OcrToolMissing, error.Problem);
        Assert.Contains("tesseract-ocr-tha", error.Message);
    }

    [Fact]
    public void a_tesseract_that_hangs_is_stopped_at_the_time_limit()
    {
        var hanging = Path.Combine(_folder, "slow-tesseract");
        File.WriteAllText(hanging, "#!/bin/sh\nexec sleep 30\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hanging, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
        var options = new LetterSourceOptions { Tesseract = hanging, OcrTimeout = TimeSpan.FromMilliseconds(2000) };

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var error = Assert.Throws<LetterReadingException>(() => LetterReader.ReadFile(BlankScan(), options));

        Assert.Equal(ReadingProblem.OcrTimeout, error.Problem);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
    }

    private string BlankScan()
    {
        var path = Path.Combine(_folder, "small.png");
        using var output = File.Create(path);
        new GrayImage(200, 100, Enumerable.Repeat((byte)255, 200 * 100).ToArray()).WritePng(output);
        return path;
    }
}
