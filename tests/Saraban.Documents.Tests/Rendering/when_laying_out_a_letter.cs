using Saraban.Documents.Rendering;
using Saraban.Documents.Rendering.Layout;

namespace Saraban.Documents.Tests.Rendering;

/// <summary>The regulation's positions, checked on the layout and on the PDF itself (pdftotext -bbox), so a layout regression fails.</summary>
[Collection("renderer")]
public sealed class when_laying_out_a_letter(RendererFixture fixture)
{
    private const double Cm = 72 / 2.54;

    private static TextItem One(LaidOutLetter laid, string role) => laid.Texts(role).First().Item;

    [Fact]
    public void an_external_letter_stands_as_the_regulation_draws_it()
    {
        var laid = fixture.Renderer.Layout(Paths.Letter("external-letter"));
        var page = laid.Pages[0];
        var emblem = page.Items.OfType<ImageItem>().Single();
        Assert.Equal(3 * Cm, emblem.Height, 1);
        Assert.Equal(page.Width / 2, emblem.X + (emblem.Width / 2), 1);

        var urgency = One(laid, "urgency");
        Assert.True(urgency.Red && urgency.Size >= 24 && urgency.Baseline < emblem.Y + emblem.Height);

        var number = One(laid, "documentNumber");
        var sender = One(laid, "sender");
        Assert.Equal(3 * Cm, number.X, 1);
        Assert.True(number.Baseline > emblem.Y + emblem.Height);
        Assert.Equal(number.Baseline, sender.Baseline, 1);
        Assert.True(sender.X > page.Width / 2);

        var date = One(laid, "date");
        Assert.Equal(page.Width / 2, date.X, 1);
        var subject = One(laid, "subjectLabel");
        var addressee = One(laid, "addresseeLabel");
        Assert.True(date.Baseline > laid.Texts("senderAddress").Last().Item.Baseline);
        Assert.True(subject.Baseline > date.Baseline && addressee.Baseline > subject.Baseline);

        var body = laid.Texts("body").Select(t => t.Item).ToList();
        Assert.Equal(3 * Cm + (2.5 * Cm), body[0].X, 1);
        Assert.Contains(body, b => Math.Abs(b.X - (3 * Cm)) < 0.1);
        Assert.All(body, b => Assert.Equal(16, b.Size));

        var closing = One(laid, "closing");
        var name = One(laid, "signerName");
        Assert.True(closing.Baseline > body[^1].Baseline && name.Baseline > closing.Baseline + (2 * 18));
        Assert.Equal("(นางสาวฟ้าใส ปู่ป่าญาติ)", name.Text);
        Assert.EndsWith("ปฏิบัติราชการแทน", One(laid, "signerPosition").Text);
        Assert.Equal("ปลัดสำนักนายกรัฐมนตรี", One(laid, "actingFor").Text);
        Assert.True(laid.Texts("owningUnit").All(t => t.Item.X == 3 * Cm && t.Item.Baseline > name.Baseline));
        Assert.Single(page.Items.OfType<QrItem>());
    }

    [Fact]
    public void the_pdf_puts_the_words_where_the_layout_said()
    {
        using var output = new MemoryStream();
        fixture.Renderer.WritePdf(Paths.Letter("external-letter"), output);
        var words = Poppler.Text(output.ToArray(), "-bbox", "-f", "1", "-l", "1")
            .Split('\n').Where(l => l.Contains("<word", StringComparison.Ordinal))
            .Select(l => (Word: l[(l.IndexOf('>') + 1)..l.LastIndexOf('<')], X: Attr(l, "xMin"), Y: Attr(l, "yMax")))
            .ToList();
        var thi = words.First(w => w.Word == "ที่");
        var date = words.First(w => w.Word.Contains("มีนาคม", StringComparison.Ordinal));
        var subject = words.First(w => w.Word == "เรื่อง");
        var signature = words.First(w => w.Word.StartsWith("(นางสาว", StringComparison.Ordinal));
        Assert.InRange(thi.X, (3 * Cm) - 2, (3 * Cm) + 2);
        Assert.InRange(thi.Y, 4.5 * Cm, 6.5 * Cm);
        Assert.True(date.Y > thi.Y && subject.Y > date.Y && signature.Y > subject.Y);
        Assert.InRange(subject.X, (3 * Cm) - 2, (3 * Cm) + 2);
        Assert.InRange(signature.X, 10 * Cm, 14 * Cm);
    }

    [Fact]
    public void a_memo_has_a_small_emblem_at_the_left_and_its_title()
    {
        var laid = fixture.Renderer.Layout(Paths.Letter("memo"));
        var emblem = laid.Pages[0].Items.OfType<ImageItem>().Single();
        Assert.Equal(1.5 * Cm, emblem.Height, 1);
        Assert.Equal(3 * Cm, emblem.X, 1);
        Assert.Equal("บันทึกข้อความ", One(laid, "title").Text);
        Assert.True(One(laid, "documentNumberLabel").Bold);
        Assert.Equal(One(laid, "documentNumberLabel").Baseline, One(laid, "dateLabel").Baseline, 1);
        Assert.Empty(laid.Texts("closing"));
    }

    [Fact]
    public void a_long_letter_runs_over_pages_numbered_from_the_second()
    {
        var letter = Paths.Letter("external-letter");
        letter = letter with { Fields = letter.Fields with { Body = [.. Enumerable.Repeat(letter.Fields.Body[0], 30)] } };
        var laid = fixture.Renderer.Layout(letter);
        Assert.True(laid.Pages.Count >= 3);
        var numbers = laid.Texts("pageNumber").ToList();
        Assert.Equal(laid.Pages.Count - 1, numbers.Count);
        Assert.Equal("- ๒ -", numbers[0].Item.Text);
        Assert.Equal(2, numbers[0].Page);
        Assert.All(laid.Pages, p => Assert.All(p.Items.OfType<TextItem>(), t => Assert.True(t.Baseline < p.Height - (1.5 * Cm) || t.Role == "secrecy")));

        using var output = new MemoryStream();
        fixture.Renderer.WritePdf(letter, output);
        var top = Poppler.Text(output.ToArray(), "-bbox", "-f", "2", "-l", "2").Split('\n').Where(l => l.Contains("<word", StringComparison.Ordinal)).Take(3)
            .Select(l => l[(l.IndexOf('>') + 1)..l.LastIndexOf('<')]);
        Assert.Equal(["-", "๒", "-"], top);
    }

    private static double Attr(string line, string name)
    {
        var at = line.IndexOf(name + "=\"", StringComparison.Ordinal) + name.Length + 2;
        return double.Parse(line[at..line.IndexOf('"', at)], System.Globalization.CultureInfo.InvariantCulture);
    }
}
