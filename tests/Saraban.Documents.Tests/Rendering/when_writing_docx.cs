using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Saraban.Documents.Tests.Rendering;

[Collection("renderer")]
public sealed class when_writing_docx(RendererFixture fixture)
{
    private byte[] Docx(string kind)
    {
        using var output = new MemoryStream();
        fixture.Renderer.WriteDocx(Paths.Letter(kind), output);
        return output.ToArray();
    }

    [Theory]
    [InlineData("external-letter")]
    [InlineData("circular")]
    [InlineData("memo")]
    [InlineData("stamped-letter")]
    public void word_finds_nothing_wrong_with_it(string kind)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(Docx(kind)), false);
        var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void thai_is_set_with_complex_script_fonts_sizes_and_language()
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(Docx("external-letter")), false);
        var defaults = doc.MainDocumentPart!.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        // The PDF's font at the size that draws as the regulation's 16 pt Sarabun: 16 × 1000 / 1504 ≈ 10.5 pt.
        Assert.Equal("Laksaman", defaults.RunFonts!.ComplexScript!.Value);
        Assert.Equal("21", defaults.FontSizeComplexScript!.Val!.Value);
        Assert.Equal("th-TH", defaults.Languages!.Bidi!.Value);

        var paragraphs = doc.MainDocumentPart.Document.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        var letter = Paths.Letter("external-letter").Fields;
        // ที่ and the sender's block side by side, each in its own column of a borderless table.
        var row = doc.MainDocumentPart.Document.Body.Elements<Table>().First().Elements<TableRow>().Single().Elements<TableCell>().ToList();
        Assert.Equal(letter.DocumentNumber!.Text, row[0].InnerText);
        Assert.StartsWith(letter.Sender!, row[1].Elements<Paragraph>().First().InnerText, StringComparison.Ordinal);
        Assert.Contains(paragraphs, p => p == "เรื่อง" + letter.Subject);
        Assert.Contains(letter.Body[0], paragraphs);
        Assert.Contains("(นางสาวฟ้าใส ปู่ป่าญาติ)", paragraphs);
        var body = doc.MainDocumentPart.Document.Body.Elements<Paragraph>().First(p => p.InnerText == letter.Body[0]);
        Assert.Equal("LetterBody", body.ParagraphProperties!.ParagraphStyleId!.Val!.Value);
        Assert.Equal(2, doc.MainDocumentPart.ImageParts.Count() + doc.MainDocumentPart.FooterParts.Sum(f => f.ImageParts.Count()));
    }

    [Fact]
    public void it_is_a_plain_zip_that_any_editor_opens()
    {
        using var zip = new ZipArchive(new MemoryStream(Docx("memo")));
        Assert.Contains(zip.Entries, e => e.FullName == "word/document.xml");
        Assert.Contains(zip.Entries, e => e.FullName == "word/styles.xml");
    }
}
