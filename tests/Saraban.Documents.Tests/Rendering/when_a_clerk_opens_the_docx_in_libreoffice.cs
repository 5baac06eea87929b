namespace Saraban.Documents.Tests.Rendering;

/// <summary>
/// The DOCX is for clerks to edit: Debian's LibreOffice Writer must open it and keep its Thai text
/// and layout order. Converting it to PDF headless and reading that back shows what Writer made of it.
/// </summary>
[Collection("renderer")]
public sealed class when_a_clerk_opens_the_docx_in_libreoffice(RendererFixture fixture)
{
    [Theory]
    [InlineData("circular")]
    [InlineData("memo")]
    public void writer_opens_it_with_its_thai_text_in_order_and_the_thai_font(string kind)
    {
        var folder = Directory.CreateTempSubdirectory("saraban-docx-").FullName;
        try
        {
            var docx = Path.Combine(folder, kind + ".docx");
            using (var file = File.Create(docx)) fixture.Renderer.WriteDocx(Paths.Letter(kind), file);

            // Writer's own text export shows what it read; its PDF shows which font it set the Thai in.
            foreach (var format in new[] { "txt:Text (encoded):UTF8", "pdf" })
                Poppler.Run("soffice", ["--headless", $"-env:UserInstallation=file://{folder}/profile", "--convert-to", format, "--outdir", folder, docx]);

            var text = File.ReadAllText(Path.Combine(folder, kind + ".txt")).ReplaceLineEndings(" ");
            var letter = Paths.Letter(kind).Fields;
            var number = text.IndexOf(letter.DocumentNumber!.Text, StringComparison.Ordinal);
            var subject = text.IndexOf(letter.Subject!, StringComparison.Ordinal);
            Assert.True(number >= 0, $"the number is missing from: {text}");
            Assert.True(subject > number, $"the subject is missing or before the number in: {text}");
            Assert.Contains(letter.Signer!.Name!, text);
            Assert.Contains("Laksaman", Poppler.Run("pdffonts", [Path.Combine(folder, kind + ".pdf")]));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
