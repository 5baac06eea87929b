using Saraban.Documents.Reading;

namespace Saraban.Documents.Tests.Rendering;

[Collection("renderer")]
public sealed class when_stamping_a_received_pdf(RendererFixture fixture)
{
    private static readonly ReceiveStamp Stamp = new("ศาลากลางจังหวัดเชียงใหม่", 7312, new DateOnly(2023, 9, 12), new TimeOnly(10, 45));

    [Fact]
    public void the_stamp_is_added_and_the_pages_are_otherwise_unchanged()
    {
        var letter = Paths.Letter("external-letter");
        letter = letter with { Fields = letter.Fields with { Body = [.. Enumerable.Repeat(letter.Fields.Body[0], 12)] } };
        using var original = new MemoryStream();
        fixture.Renderer.WritePdf(letter, original);
        using var stamped = new MemoryStream();
        fixture.Renderer.Stamper.Stamp(new MemoryStream(original.ToArray()), Stamp, stamped);

        var before = Poppler.Text(original.ToArray(), "-raw");
        var after = Poppler.Text(stamped.ToArray(), "-raw");
        Assert.Equal(Pages(original.ToArray()), Pages(stamped.ToArray()));
        Assert.Contains("เลขรับ ๗๓๑๒", after);
        Assert.Contains("วันที่ ๑๒ กันยายน ๒๕๖๖", after);
        Assert.Contains("เวลา ๑๐.๔๕ น.", after);
        Assert.Contains("ศาลากลางจังหวัดเชียงใหม่", after);
        var pagesBefore = before.Split('\f');
        var pagesAfter = after.Split('\f');
        Assert.Equal(pagesBefore.Length, pagesAfter.Length);
        Assert.Equal(pagesBefore[1..], pagesAfter[1..]);
        Assert.All(pagesBefore[0].Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Contains(line, pagesAfter[0]));
    }

    private static string Pages(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"saraban-pages-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            return string.Join('\n', Poppler.Run("pdfinfo", ["-f", "1", "-l", "99", file]).Split('\n').Where(l => l.StartsWith("Page", StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
