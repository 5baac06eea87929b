using Saraban.Documents.Reading.Scans;
using Saraban.Documents.Tests.Rendering;

namespace Saraban.Documents.Tests.Reading;

/// <summary>
/// What the scan reader does before and after tesseract: the page turned upright by the angle its rows of
/// ink say, each text line found whole (its marks with it), and the digits tesseract took for letters inside
/// a number given back, while words stay as read.
/// </summary>
[Collection("renderer")]
public sealed class when_ocr_misreads_a_crooked_page(RendererFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("saraban-crooked-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(-2.7)]
    [InlineData(1.3)]
    [InlineData(4.0)]
    public void the_turn_is_found_from_the_rows_of_ink(double degrees)
    {
        var pdf = Path.Combine(_folder, "letter.pdf");
        fixture.Renderer.RenderToFile(Paths.Letter("circular"), pdf);
        var png = Path.Combine(_folder, "scan.png");
        SimulatedScan.Make(pdf, png, 0, seed: 5);
        var upright = ScanPdfPage(png);

        var found = Deskew.Angle(SimulatedScan.Rotate(upright, degrees));

        Assert.InRange(found, degrees - 0.15, degrees + 0.15);
        Assert.InRange(Deskew.Angle(upright), -0.1, 0.1);
    }

    [Fact]
    public void a_line_keeps_its_marks_and_a_picture_is_not_a_line()
    {
        // Two lines of "text": each a band of marks 10 px high above a body 40 px high; then a block solid as a QR code.
        var (w, h) = (600, 400);
        var pixels = Enumerable.Repeat((byte)255, w * h).ToArray();
        void Fill(int x0, int y0, int x1, int y1, int every = 3)
        {
            for (var y = y0; y < y1; y++)
                for (var x = x0; x < x1; x++)
                    if (x % every == 0) pixels[(y * w) + x] = 0;
        }
        Fill(50, 40, 300, 50);
        Fill(50, 55, 550, 95);
        Fill(50, 140, 300, 150);
        Fill(50, 155, 550, 195);
        Fill(400, 250, 500, 350, every: 1);

        var bands = LineBands.Find(new GrayImage(w, h, pixels));

        Assert.Equal([(40, 95), (140, 195)], bands.Select(b => (b.Top, b.Bottom)));
    }

    [Theory]
    [InlineData("๐๐๒๓.ส/๑๓๖๗", "๐๐๒๓.๓/๑๓๖๗")]
    [InlineData("๘๘ฆ", "๘๘๗")]
    [InlineData("ฒ๙", "๒๙")]
    [InlineData("๐๐๒๓.๓/ว", "๐๐๒๓.๓/ว")]
    [InlineData("สำนักงาน", "สำนักงาน")]
    [InlineData("ส", "ส")]
    [InlineData("ตส", "ตส")]
    public void digits_read_as_letters_inside_a_number_are_digits_again(string read, string repaired) =>
        Assert.Equal(repaired, OcrDigits.RepairToken(read));

    [Fact]
    public void a_code_with_a_stray_mark_is_the_directorys_code_and_a_speck_after_a_number_goes()
    {
        Assert.Equal("ที่ ชม ๐๐๒๓.๑๒/๑๕๒", OcrDigits.Repair("ที่ ชูม ๐๐๒๓.๑๒/๑๕๒"));
        Assert.Equal("ที่ ชม ๐๐๒๓.๑๒/๑๕๒", OcrDigits.Repair("ที่ ซม ๐๐๒๓.๑๒/๑๕๒"));
        Assert.Equal("ที่ อต ๐๐๒๓.๓/๑๓๖๗", OcrDigits.Repair("ที่ อต ๐๐๒๓.๓/๑๓๖๗"));
        Assert.Equal("ที่ นร ๐๑๐๗/๒๑๔๙ ลงวันที่", OcrDigits.Repair("ที่ นร ๐๑๐๗/๒๑๔๙! ลงวันที่"));
        Assert.Equal("ที่ดิน ชูม", OcrDigits.Repair("ที่ดิน ชูม"));
    }

    private GrayImage ScanPdfPage(string png)
    {
        // The test set's scan at no turn, through the reader's own rasterizing, cleaned as the reader cleans it.
        using var pages = ScanPages.Rasterize(png, File.ReadAllBytes(png), new Saraban.Documents.Reading.LetterSourceOptions());
        return GrayImage.ReadPgm(pages.Pages[0]);
    }
}
