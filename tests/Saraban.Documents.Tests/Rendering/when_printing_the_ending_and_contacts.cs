using Saraban.Documents.Rendering;

namespace Saraban.Documents.Tests.Rendering;

/// <summary>What a letter prints of its sender and signer: Thai digits, and a long position kept within the margin.</summary>
[Collection("renderer")]
public sealed class when_printing_the_ending_and_contacts(RendererFixture fixture)
{
    private const string Odloc = "เลขาธิการคณะกรรมการการกระจายอำนาจให้แก่องค์กรปกครองส่วนท้องถิ่น";

    private static LetterDocument WithWesternContacts()
    {
        var letter = Paths.Letter("external-letter");
        var unit = letter.Fields.OwningUnit! with { Telephone = "0 2283 1234", Fax = "0 2283 1235" };
        return letter with { SenderAddress = "ถนนประชานิมิตร อุตรดิตถ์ 53000", Fields = letter.Fields with { OwningUnit = unit } };
    }

    private static string Pdf(LetterRenderer renderer, LetterDocument letter)
    {
        using var output = new MemoryStream();
        renderer.WritePdf(letter, output);
        return Poppler.Text(output.ToArray());
    }

    [Fact]
    public void postcodes_and_telephones_typed_in_western_digits_print_in_thai_digits()
    {
        var text = Pdf(fixture.Renderer, WithWesternContacts());
        Assert.Contains("อุตรดิตถ์ ๕๓๐๐๐", text);
        Assert.Contains("โทร. ๐ ๒๒๘๓ ๑๒๓๔", text);
        Assert.Contains("โทรสาร ๐ ๒๒๘๓ ๑๒๓๕", text);
        Assert.DoesNotContain("53000", text, StringComparison.Ordinal);
    }

    [Fact]
    public void an_office_that_chose_western_digits_gets_them()
    {
        using var renderer = new LetterRenderer(new RenderOptions { TemplateDirectory = Paths.Templates, WesternDigits = true });
        var letter = WithWesternContacts();
        letter = letter with { SenderAddress = "ถนนประชานิมิตร อุตรดิตถ์ ๕๓๐๐๐" };
        var text = Pdf(renderer, letter);
        Assert.Contains("อุตรดิตถ์ 53000", text);
        Assert.Contains("โทร. 0 2283 1234", text);
    }

    [Fact]
    public void a_long_position_wraps_under_the_signature_within_the_right_margin_on_the_closings_page()
    {
        var letter = Paths.Letter("external-letter");
        letter = letter with { Fields = letter.Fields with { Signer = letter.Fields.Signer! with { Position = Odloc, ActingFor = "ปลัดสำนักนายกรัฐมนตรี", ActingIn = null } } };
        var laid = fixture.Renderer.Layout(letter);
        var right = laid.Pages[0].Width - (2 * 72 / 2.54);
        var lines = laid.Texts("signerPosition").ToList();
        Assert.True(lines.Count > 1, "the position did not wrap");
        Assert.Equal(Odloc + "ปฏิบัติราชการแทน", string.Concat(lines.Select(l => l.Item.Text.Replace(" ", string.Empty, StringComparison.Ordinal))));
        var name = laid.Texts("signerName").Single();
        var centre = name.Item.X + (fixture.Renderer.Fonts.Regular.Measure(name.Item.Text, 16) / 2);
        foreach (var (page, item) in lines)
        {
            var width = fixture.Renderer.Fonts.Regular.Measure(item.Text, 16);
            Assert.True(item.X + width <= right + 0.01, $"'{item.Text}' ends at {item.X + width}, past the margin at {right}");
            Assert.Equal(centre, item.X + (width / 2), 1);
            Assert.Equal(laid.Texts("closing").Single().Page, page);
        }

        var text = Pdf(fixture.Renderer, letter);
        Assert.All(lines, l => Assert.Contains(l.Item.Text, text));
    }
}
