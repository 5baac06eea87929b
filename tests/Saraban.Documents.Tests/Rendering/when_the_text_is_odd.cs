namespace Saraban.Documents.Tests.Rendering;

/// <summary>
/// Text a clerk may paste that the font was not made for: it still prints, and extraction still
/// gives back what was typed, whatever the shaper did with it.
/// </summary>
[Collection("renderer")]
public sealed class when_the_text_is_odd(RendererFixture fixture)
{
    [Theory]
    [InlineData("่ำ ้ ั ก่่่ ปั้้น")] // marks without a consonant, or doubled: HarfBuzz gives them a dotted circle
    [InlineData("สำนักงาน\u200Bจังหวัด\u200Bอุตรดิตถ์")] // zero-width spaces, which Thai typists use between words
    [InlineData("ตราครุฑ 🦅 中文 Ελληνικά")] // an emoji (a surrogate pair) and scripts Laksaman lacks
    [InlineData("ที่\tนร\u00A0๐๑๐๗  ๒๑๔๙")] // a tab, a no-break space and a double space
    public void it_prints_and_pdftotext_gives_it_back(string odd)
    {
        var letter = Paths.Letter("external-letter");
        letter = letter with { Fields = letter.Fields with { Body = [odd, .. letter.Fields.Body] } };
        using var output = new MemoryStream();
        fixture.Renderer.WritePdf(letter, output);
        var text = Poppler.Text(output.ToArray());
        foreach (var word in odd.Split([' ', '\t', '\u00A0'], StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.Contains(word, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void a_cluster_index_never_falls_inside_a_surrogate_pair()
    {
        var run = fixture.Renderer.Fonts.Shaper(false).Shape("ก🦅ข");
        Assert.All(run.Clusters, c => Assert.False(char.IsLowSurrogate(run.Text[c])));
    }
}
