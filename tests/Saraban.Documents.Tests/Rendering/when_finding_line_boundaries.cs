using Icu;
using Saraban.Documents.Rendering.Thai;

namespace Saraban.Documents.Tests.Rendering;

/// <summary>The direct ICU calls find the same Thai line boundaries as icu.net's iterator.</summary>
public sealed class when_finding_line_boundaries
{
    [Fact]
    public void direct_icu_and_icu_net_agree_on_every_example_paragraph()
    {
        using var direct = IcuLineBoundaries.TryCreate();
        Assert.NotNull(direct);
        using var icuNet = new RuleBasedBreakIterator(BreakIterator.UBreakIteratorType.LINE, new Locale("th"));
        var texts = new[] { "external-letter", "circular", "memo", "stamped-letter" }
            .SelectMany(kind => Paths.Letter(kind).Fields.Body)
            .Append("ที่ นี้ ปู่ ป่า ฟ้า ญู ฐุ ปี่ ปั้น ฝ้าย ฟื้น ฎุ ฏู น้ำ ฬ่า")
            .Append("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาอุตรดิตถ์เขตหนึ่ง (สพป.อต.๑) tel. 0-5541-1234")
            .Append(string.Empty);
        var found = new List<int>();
        foreach (var text in texts)
        {
            direct!.Find(text, found);
            icuNet.SetText(text);
            Assert.Equal(icuNet.Boundaries.Where(b => b > 0), found);
        }
    }
}
