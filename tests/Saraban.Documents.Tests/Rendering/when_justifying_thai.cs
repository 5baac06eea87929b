using Saraban.Documents.Rendering.Layout;
using Saraban.Documents.Rendering.Pdf;

namespace Saraban.Documents.Tests.Rendering;

/// <summary>Body paragraphs set as Thai letters are: Thai distributed, the last line left as it falls.</summary>
[Collection("renderer")]
public sealed class when_justifying_thai(RendererFixture fixture)
{
    private const double Cm = 72 / 2.54;

    [Fact]
    public void every_body_line_but_a_paragraphs_last_reaches_the_right_margin_in_the_pdf()
    {
        var letter = Paths.Letter("circular");
        var laid = fixture.Renderer.Layout(letter);
        var right = laid.Pages[0].Width - (2 * Cm);
        var body = laid.Texts("body").Select(t => t.Item).ToList();
        Assert.Contains(body, t => t.Justified is not null);
        using var output = new MemoryStream();
        fixture.Renderer.WritePdf(letter, output);
        var words = Poppler.Text(output.ToArray(), "-bbox", "-f", "1", "-l", "1")
            .Split('\n').Where(l => l.Contains("<word", StringComparison.Ordinal))
            .Select(l => (Word: l[(l.IndexOf('>') + 1)..l.LastIndexOf('<')], Right: Attr(l, "xMax"), Base: Attr(l, "yMax")))
            .ToList();
        foreach (var line in body)
        {
            // The words on this line's baseline (pdftotext's yMax is the line's descent below it).
            var last = words.Where(w => Math.Abs(w.Base - line.Baseline) < 8).MaxBy(w => w.Right);
            Assert.True(last.Word is not null, $"no word found on the line '{line.Text}'");
            if (line.Justified is not null)
            {
                Assert.InRange(last.Right, right - 1.5, right + 0.5);
            }
            else
            {
                Assert.True(last.Right < right - 3, $"the last line '{line.Text}' was spread to {last.Right}");
            }
        }

        var text = Poppler.Text(output.ToArray());
        Assert.All(body, line => Assert.Contains(line.Text, text));
    }

    [Fact]
    public void spacing_goes_between_clusters_and_never_inside_one()
    {
        var shaper = fixture.Renderer.Fonts.Shaper(false);
        const string line = "ป่ำ ฟ้ำ ฝ้ำ ป๊ำ ปั้น ผู้ใหญ่ ญี่ปุ่น ฎีกา ฐานข้อมูล น้ำ ที่";
        var run = shaper.Shape(line);
        var natural = run.Advance * 16.0 / shaper.UnitsPerEm;
        var item = new TextItem("body", line, 0, 0, 16, Justified: natural + 40);
        var x = PdfSharpBackend.Positions(item, run, shaper);
        Assert.Equal(natural + 40, (x[^1] + shaper.Advance(run.Glyphs[^1]) - (x[0] - run.X[0])) * 16.0 / shaper.UnitsPerEm, 0);
        var moved = new List<double>();
        for (var i = 1; i < run.Glyphs.Length; i++)
        {
            var extra = (x[i] - x[i - 1]) - (run.X[i] - run.X[i - 1]);
            if (run.Clusters[i] == run.Clusters[i - 1])
            {
                Assert.Equal(0, extra); // a mark keeps its place on its consonant
            }
            else
            {
                moved.Add(extra);
            }
        }

        Assert.Equal(run.Gaps, moved.Count);
        Assert.InRange(moved.Max() - moved.Min(), 0, 1); // the slack is shared evenly (rounding to a unit)
    }

    [Fact]
    public void a_line_already_full_or_alone_is_left_as_shaped()
    {
        var shaper = fixture.Renderer.Fonts.Shaper(false);
        var run = shaper.Shape("ขอแสดงความนับถือ");
        Assert.Same(run.X, PdfSharpBackend.Positions(new TextItem("body", run.Text, 0, 0, 16), run, shaper));
        Assert.Same(run.X, PdfSharpBackend.Positions(new TextItem("body", run.Text, 0, 0, 16, Justified: 10), run, shaper));
    }

    private static double Attr(string line, string name)
    {
        var at = line.IndexOf(name + "=\"", StringComparison.Ordinal) + name.Length + 2;
        return double.Parse(line[at..line.IndexOf('"', at)], System.Globalization.CultureInfo.InvariantCulture);
    }
}
