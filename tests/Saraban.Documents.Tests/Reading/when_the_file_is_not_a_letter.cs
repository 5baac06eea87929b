using System.Diagnostics;
using System.Text;
using Saraban.Documents.Reading;

namespace Saraban.Documents.Tests.Reading;

/// <summary>Bad input gets one clear message, Thai then English, and nothing is read from it.</summary>
public sealed class when_the_file_is_not_a_letter : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("saraban-intake-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void an_empty_file_is_refused()
    {
        AssertRefused(ReadingProblem.Empty, Write("empty.txt", []), "ไฟล์ว่าง");
    }

    [Fact]
    public void a_file_of_white_space_is_refused_as_empty()
    {
        AssertRefused(ReadingProblem.Empty, Write("blank.txt", Encoding.UTF8.GetBytes(" \n\t\r\n \u3000 ")), "ไฟล์ว่าง");
    }

    [Fact]
    public void an_image_goes_to_ocr_whatever_its_name_and_a_broken_one_is_refused_as_corrupt()
    {
        // A PNG is a scan now (when_a_clerk_uploads_a_scan): this one stops after its header.
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];
        AssertRefused(ReadingProblem.ScanUnreadable, Write("scan.txt", png), "ไฟล์สแกนเสียหาย");
    }

    [Fact]
    public void binary_data_is_refused()
    {
        var bytes = Encoding.UTF8.GetBytes("เรื่อง ทดสอบ\nเรียน นายอำเภอ\n").Concat(new byte[] { 0, 1, 2, 0, 255 }).ToArray();
        AssertRefused(ReadingProblem.Binary, Write("data.bin", bytes), "ไม่ใช่ข้อความ");
    }

    [Fact]
    public void bytes_that_are_neither_utf8_nor_tis620_are_refused()
    {
        AssertRefused(ReadingProblem.NotUtf8, Write("latin.txt", [(byte)'a', 0xFC, 0xFD, (byte)'b', (byte)'\n']), "UTF-8");
    }

    [Fact]
    public void a_letter_saved_in_tis620_is_read()
    {
        var text = Samples.Text("03-district-memo");
        var tis620 = text.Select(c => c is >= '\u0E01' and <= '\u0E5B' ? (byte)(c - 0x0E00 + 0xA0) : (byte)c).ToArray();

        var reading = LetterReader.ReadFile(Write("memo-tis620.txt", tis620));

        JsonShape.AssertMatches(Samples.Expected("03-district-memo"), Samples.Actual(reading));
    }

    [Fact]
    public void a_file_over_50_mb_is_refused_before_it_is_read()
    {
        var path = Path.Combine(_folder, "huge.txt");
        using (var file = File.Create(path))
        {
            file.SetLength((50L * 1024 * 1024) + 1);
        }

        var watch = Stopwatch.StartNew();
        AssertRefused(ReadingProblem.TooLarge, path, "ใหญ่เกินไป");
        Assert.True(watch.ElapsedMilliseconds < 1000, "refused from its size, without reading 50 MB");
    }

    [Fact]
    public void a_file_of_exactly_50_mb_is_not_refused_for_its_size()
    {
        var path = Path.Combine(_folder, "big.txt");
        using (var file = File.Create(path))
        {
            file.SetLength(50L * 1024 * 1024);
        }

        // 50 MB of NUL: read, then refused for what it holds, not for its size.
        AssertRefused(ReadingProblem.Binary, path, "ไม่ใช่ข้อความ");
    }

    [Fact]
    public void a_missing_file_is_named()
    {
        AssertRefused(ReadingProblem.FileNotFound, Path.Combine(_folder, "nowhere.txt"), "nowhere.txt");
    }

    [Theory]
    [InlineData("ข่าวประชาสัมพันธ์\nเทศบาลตำบลฝายหลวงจัดงานประเพณีสงกรานต์ ประจำปี ๒๕๖๗ ในวันที่ ๑๓ เมษายน ๒๕๖๗\nณ ลานวัดพระแท่นศิลาอาสน์ ขอเชิญชวนประชาชนร่วมงานโดยพร้อมเพรียงกัน")]
    [InlineData("Dear colleague,\nplease find the minutes attached.\nRegards")]
    [InlineData("เรื่อง การประชุมประจำเดือน\nรายละเอียดจะแจ้งให้ทราบภายหลัง")]
    [InlineData("๑๒๓๔๕ ๖๗๘๙๐\n---\n***")]
    public void text_that_is_not_a_letter_is_refused(string text)
    {
        var error = Assert.Throws<LetterReadingException>(() => LetterReader.Read(text));

        Assert.Equal(ReadingProblem.NotALetter, error.Problem);
        Assert.Contains("ไม่ใช่หนังสือราชการ", error.Message);
        Assert.Contains("not an official letter", error.Message);
    }

    [Fact]
    public void empty_text_is_refused()
    {
        Assert.Equal(ReadingProblem.Empty, Assert.Throws<LetterReadingException>(() => LetterReader.Read("  \n ")).Problem);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void AssertRefused(ReadingProblem problem, string path, string thai)
    {
        var error = Assert.Throws<LetterReadingException>(() => LetterReader.ReadFile(path));

        Assert.Equal(problem, error.Problem);
        Assert.Contains(thai, error.Message);
        Assert.Matches(@"^[^\n]+ \([^\n]+\)$", error.Message);
    }
}
