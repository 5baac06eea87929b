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

    [Theory]
    [InlineData("โทร. ๐ ๕๓๒๙ ๗๐๐๐", "๐ ๕๓๒๙ ๗๐๐๐")]
    [InlineData("โทร. ๐ ๕๓๒๙ / ๗๐๐๐", "๐ ๕๓๒๙ / ๗๐๐๐")]
    [InlineData("โทร. 0 5329 7000", "0 5329 7000")]
    public void a_telephone_number_is_never_split_across_lines_while_the_words_around_it_still_break(string phone, string number)
    {
        using var breaker = new ThaiLineBreaker();
        var text = $"กองการเจ้าหน้าที่ สำนักงานจังหวัดอุตรดิตถ์ {phone} ผู้ประสานงาน";
        var face = fixture.Renderer.Fonts.Regular;
        // Every width from the number's own up to the whole line: one of them falls inside the number.
        var widest = face.Measure(text, 16);
        for (var width = face.Measure(number, 16) + 1; width < widest; width += 3)
        {
            var lines = breaker.Break(text, width, width, s => face.Measure(s, 16));
            Assert.Contains(lines, line => line.Contains(number, StringComparison.Ordinal));
            Assert.Equal(Squeeze(text), Squeeze(string.Concat(lines)));
        }

        Assert.True(breaker.Break(text, 100, 100, s => face.Measure(s, 16)).Count > 2);
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
