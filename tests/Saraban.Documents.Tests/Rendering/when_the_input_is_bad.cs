using Saraban.Documents.Reading;
using Saraban.Documents.Rendering;
using Saraban.Documents.Rendering.Templates;

namespace Saraban.Documents.Tests.Rendering;

/// <summary>Every refusal is one clear error, and no output file is left behind.</summary>
[Collection("renderer")]
public sealed class when_the_input_is_bad(RendererFixture fixture) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saraban-bad-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private RenderingException Refused(LetterDocument letter, string extension = ".pdf")
    {
        var target = Path.Combine(_dir, "out" + extension);
        var ex = Assert.Throws<RenderingException>(() => fixture.Renderer.RenderToFile(letter, target));
        Assert.Empty(Directory.GetFiles(_dir));
        return ex;
    }

    [Theory]
    [InlineData(".pdf")]
    [InlineData(".docx")]
    public void a_missing_required_field_is_named(string extension)
    {
        var letter = Paths.Letter("external-letter");
        var ex = Refused(letter with { Fields = letter.Fields with { Subject = null } }, extension);
        Assert.Equal(RenderingProblem.MissingField, ex.Problem);
        Assert.Contains("subject", ex.Message);
        Assert.Equal(RenderingProblem.MissingField, Refused(letter with { Fields = letter.Fields with { Signer = null } }).Problem);
    }

    [Fact]
    public void text_too_long_for_a_field_is_refused()
    {
        var letter = Paths.Letter("external-letter");
        var ex = Refused(letter with { Fields = letter.Fields with { Subject = new string('ก', 301) } });
        Assert.Equal(RenderingProblem.FieldTooLong, ex.Problem);
        Assert.Contains("300", ex.Message);
    }

    [Fact]
    public void an_unknown_template_is_refused()
    {
        var letter = Paths.Letter("external-letter");
        var ex = Refused(letter with { Fields = letter.Fields with { Kind = "Telegram" } });
        Assert.Equal(RenderingProblem.UnknownTemplate, ex.Problem);
        Assert.Contains("Telegram", ex.Message);
    }

    [Fact]
    public void letter_json_that_is_not_a_letter_gives_its_line()
    {
        var ex = Assert.Throws<RenderingException>(() => LetterDocument.Parse("{\n  \"subject\": \"x\",\n  \"date\": \"yesterday\"\n}", "bad.json"));
        Assert.Equal(RenderingProblem.BadLetterJson, ex.Problem);
        Assert.Contains("bad.json:3", ex.Message);
    }

    [Fact]
    public void an_emblem_that_is_not_an_image_is_refused_when_configured()
    {
        var fake = Path.Combine(_dir, "emblem.png");
        File.WriteAllText(fake, "not a picture at all");
        var ex = Assert.Throws<RenderingException>(() => new LetterRenderer(new RenderOptions { TemplateDirectory = Paths.Templates, EmblemPath = fake }));
        Assert.Equal(RenderingProblem.NotAnImage, ex.Problem);
        Assert.Contains("emblem.png", ex.Message);
    }

    [Fact]
    public void a_file_that_is_not_a_pdf_is_not_stamped()
    {
        var input = Path.Combine(_dir, "in.pdf");
        File.WriteAllText(input, "%PDF-1.7 but nothing else follows");
        var output = Path.Combine(_dir, "stamped.pdf");
        var stamp = new ReceiveStamp("ศาลากลางจังหวัดเชียงใหม่", 7312, new DateOnly(2023, 9, 12), new TimeOnly(10, 45));
        Assert.Equal(RenderingProblem.NotAPdf, Assert.Throws<RenderingException>(() => fixture.Renderer.Stamper.StampFile(input, stamp, output)).Problem);
        File.WriteAllText(input, "hello");
        Assert.Equal(RenderingProblem.NotAPdf, Assert.Throws<RenderingException>(() => fixture.Renderer.Stamper.StampFile(input, stamp, output)).Problem);
        Assert.Equal(["in.pdf"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void a_broken_template_is_rejected_with_file_and_line()
    {
        var file = Path.Combine(_dir, "memo.json");
        File.WriteAllText(file, File.ReadAllText(Path.Combine(Paths.Templates, "memo.json")).Replace("\"bodySize\": 16,", "\"bodySize\": 16", StringComparison.Ordinal));
        var ex = Assert.Throws<RenderingException>(() => TemplateSet.Load(_dir));
        Assert.Equal(RenderingProblem.BrokenTemplate, ex.Problem);
        var line = File.ReadAllLines(file).ToList().FindIndex(l => l.Contains("bodySize", StringComparison.Ordinal)) + 2;
        Assert.Contains($"memo.json:{line}", ex.Message);

        File.WriteAllText(file, "{\n \"kind\": \"Memo\",\n \"header\": \"memo\",\n \"page\": { \"width\": 21, \"height\": 29.7, \"top\": 1.5, \"left\": 3, \"right\": 2, \"bottom\": 2 },\n \"emblem\": { \"height\": -1, \"align\": \"left\", \"image\": \"x.png\" }\n}");
        ex = Assert.Throws<RenderingException>(() => TemplateSet.Load(_dir));
        Assert.Contains("memo.json:5", ex.Message);
        Assert.Contains("emblem", ex.Message);
    }
}
