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
    [InlineData("external-letter")]
    public void writer_lays_it_out_as_the_pdf_in_the_same_font_and_pages(string kind)
    {
        var folder = Directory.CreateTempSubdirectory("saraban-docx-").FullName;
        try
        {
            var docx = Path.Combine(folder, kind + ".docx");
            using (var file = File.Create(docx)) fixture.Renderer.WriteDocx(Paths.Letter(kind), file);
            using var ours = new MemoryStream();
            fixture.Renderer.WritePdf(Paths.Letter(kind), ours);

            // Writer's own text export shows what it read; its PDF shows its pages and font.
            foreach (var format in new[] { "txt:Text (encoded):UTF8", "pdf" })
                Poppler.Run("soffice", ["--headless", $"-env:UserInstallation=file://{folder}/profile", "--convert-to", format, "--outdir", folder, docx]);

            var text = File.ReadAllText(Path.Combine(folder, kind + ".txt")).ReplaceLineEndings(" ");
            var letter = Paths.Letter(kind).Fields;
            var number = text.IndexOf(letter.DocumentNumber!.Text.Replace("ที่ ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            var subject = text.IndexOf(letter.Subject!, StringComparison.Ordinal);
            Assert.True(number >= 0, $"the number is missing from: {text}");
            Assert.True(subject > number, $"the subject is missing or before the number in: {text}");
            Assert.Contains(letter.Signer?.Name ?? letter.Sender!, text);
            var writerPdf = Path.Combine(folder, kind + ".pdf");
            var fonts = Poppler.Run("pdffonts", [writerPdf]);
            Assert.Contains("Laksaman", fonts);
            Assert.DoesNotContain("DejaVu", fonts);
            Assert.Equal(Pages(ours.ToArray()), Pages(File.ReadAllBytes(writerPdf)));

            // The sender's name is one line in Writer as in the PDF: never broken inside a word.
            if (kind != "memo")
            {
                var lines = Poppler.Text(File.ReadAllBytes(writerPdf)).Split('\n');
                Assert.Contains(lines, l => l.Contains(letter.Sender!, StringComparison.Ordinal));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int Pages(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"saraban-pages-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var info = Poppler.Run("pdfinfo", [file]);
            return int.Parse(info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal))[6..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
