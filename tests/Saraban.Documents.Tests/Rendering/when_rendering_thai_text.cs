using Saraban.Documents.Reading;
using Saraban.Documents.Rendering;
using Saraban.Documents.Rendering.Thai;

namespace Saraban.Documents.Tests.Rendering;

[Collection("renderer")]
public sealed class when_rendering_thai_text(RendererFixture fixture)
{
    private const string Hard = "ที่ นี้ ปู่ ป่า ฟ้า ญู ฐุ ปี่ ปั้น ฝ้าย ฟื้น ฎุ ฏู น้ำ ฬ่า";

    private byte[] Pdf(LetterDocument letter)
    {
        using var output = new MemoryStream();
        fixture.Renderer.WritePdf(letter, output);
        return output.ToArray();
    }

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [Fact]
    public void pdftotext_returns_the_thai_that_went_in_even_where_substitute_glyphs_are_drawn()
    {
        var letter = Paths.Letter("external-letter");
        letter = letter with { Fields = letter.Fields with { Body = [Hard, .. letter.Fields.Body] } };
        var text = Squeeze(Poppler.Text(Pdf(letter)));
        Assert.Contains(Squeeze(Hard), text);
        foreach (var paragraph in letter.Fields.Body)
        {
            Assert.Contains(Squeeze(paragraph), text);
        }

        Assert.Contains(Squeeze(letter.Fields.Signer!.Name!), text);
        Assert.DoesNotContain(text, c => c is >= '\uF700' and <= '\uF71A');
    }

    [Fact]
    public void lines_break_between_dictionary_words_never_inside_one()
    {
        using var breaker = new ThaiLineBreaker();
        const string text = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาอุตรดิตถ์เขตหนึ่ง";
        var face = fixture.Renderer.Fonts.Regular;
        var lines = breaker.Break(text, 60, 60, s => face.Measure(s, 16));
        Assert.True(lines.Count > 1);
        Assert.Equal(text, string.Concat(lines));
        string[] words = ["สำนักงาน", "เขต", "พื้นที่", "การ", "ศึกษา", "ประถม", "อุตรดิตถ์", "หนึ่ง"];
        Assert.All(lines, line => Assert.Contains(words, w => line.StartsWith(w, StringComparison.Ordinal)));
    }

    [Fact]
    public void every_example_renders_and_its_pages_become_images()
    {
        foreach (var kind in new[] { "external-letter", "circular", "memo", "stamped-letter" })
        {
            var pdf = Pdf(Paths.Letter(kind));
            var stem = Path.Combine(Path.GetTempPath(), $"saraban-{kind}");
            var png = Poppler.Png(pdf, stem);
            Assert.True(new FileInfo(png).Length > 1000, kind);
            var fields = Paths.Letter(kind).Fields;
            Assert.Contains(Squeeze(fields.DocumentNumber!.Text), Squeeze(Poppler.Text(pdf)));
        }
    }
}
