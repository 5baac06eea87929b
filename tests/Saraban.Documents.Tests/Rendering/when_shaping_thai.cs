using Saraban.Documents.Rendering.Thai;

namespace Saraban.Documents.Tests.Rendering;

/// <summary>
/// HarfBuzz with Laksaman's own tables, judged on glyph boxes: where each glyph's ink lies once
/// placed, not on a picture alone.
/// </summary>
[Collection("renderer")]
public sealed class when_shaping_thai(RendererFixture fixture)
{
    public const string Hard = "ป่ำ ฟ้ำ ฝ้ำ ป๊ำ ปั้น ผู้ใหญ่ ญี่ปุ่น ฎีกา ฐานข้อมูล น้ำ ที่";

    public static TheoryData<string, bool> HardWords()
    {
        var data = new TheoryData<string, bool>();
        foreach (var word in Hard.Split(' '))
        {
            data.Add(word, false);
            data.Add(word, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HardWords))]
    public void no_mark_overlaps_a_consonants_ascender_nor_another_mark(string word, bool bold)
    {
        var shaper = fixture.Renderer.Fonts.Shaper(bold);
        var face = fixture.Renderer.Fonts.Face(bold);
        var run = shaper.Shape(word);
        // The ascender of ป ฝ ฟ is the ink above the top of บ, the same letter without it.
        var bowlTop = shaper.Box(face.GlyphId('บ'))!.Value.Top;
        var subset = fixture.Renderer.Fonts.Subset(bold);
        var consonants = Enumerable.Range('ก', 'ฮ' - 'ก' + 1).Select(c => face.GlyphId((char)c)).ToHashSet();
        var marks = Enumerable.Range(0, run.Glyphs.Length).Where(i => IsMark(shaper, run.Glyphs[i])).ToList();
        Assert.NotEmpty(marks);
        var ascenders = 0;
        for (var i = 0; i < run.Glyphs.Length; i++)
        {
            var high = consonants.Contains(run.Glyphs[i]) ? subset.Outline(run.Glyphs[i]).Where(p => p.Y > bowlTop + 20).ToList() : [];
            if (high.Count == 0)
            {
                continue;
            }

            if (run.Glyphs[i] == face.GlyphId('ป') || run.Glyphs[i] == face.GlyphId('ฝ') || run.Glyphs[i] == face.GlyphId('ฟ'))
            {
                ascenders++;
            }

            // The ascender is a stem: its box is its ink. No point of a mark's outline may fall in it.
            var ascender = new GlyphBox(high.Min(p => p.X), bowlTop, high.Max(p => p.X), high.Max(p => p.Y)).Offset(run.X[i], run.Y[i]);
            foreach (var m in marks)
            {
                var outline = subset.Outline(run.Glyphs[m]);
                Assert.NotEmpty(outline);
                var inside = outline.Select(p => (X: p.X + run.X[m], Y: p.Y + run.Y[m]))
                    .Where(p => p.X > ascender.Left && p.X < ascender.Right && p.Y > ascender.Bottom && p.Y < ascender.Top).ToList();
                Assert.True(inside.Count == 0, $"{word}: mark glyph {run.Glyphs[m]} has ink at {string.Join(' ', inside)} inside the ascender {ascender}");
            }
        }

        // The words with ป ฝ ฟ must have had their ascender found, or the check above proved nothing.
        Assert.Equal(word.Count(c => c is 'ป' or 'ฝ' or 'ฟ'), ascenders);
        // Stacked marks (a tone over an upper vowel or over the ring of ำ) sit one above the other.
        var boxes = marks.Select(m => shaper.Box(run.Glyphs[m])!.Value.Offset(run.X[m], run.Y[m])).ToList();
        for (var a = 0; a < boxes.Count; a++)
        {
            for (var b = a + 1; b < boxes.Count; b++)
            {
                Assert.False(boxes[a].Overlaps(boxes[b]), $"{word}: marks {boxes[a]} and {boxes[b]} overlap");
            }
        }
    }

    [Theory]
    [InlineData("ป่ำ")]
    [InlineData("ฟ้ำ")]
    [InlineData("น้ำ")]
    public void sara_am_is_split_into_its_ring_and_sara_aa_by_the_fonts_own_tables(string word)
    {
        var fonts = fixture.Renderer.Fonts;
        var run = fonts.Shaper(false).Shape(word);
        Assert.DoesNotContain(fonts.Regular.GlyphId('ำ'), run.Glyphs);
        Assert.Equal(fonts.Regular.GlyphId('า'), run.Glyphs[^1]);
        Assert.Single(run.Clusters.Distinct());
    }

    [Fact]
    public void the_layouts_measure_is_the_shaped_width_so_lines_fit_as_drawn()
    {
        var fonts = fixture.Renderer.Fonts;
        foreach (var text in new[] { Hard, "กรมส่งเสริมการปกครองท้องถิ่น ถนนนครราชสีมา เขตดุสิต กทม. ๑๐๓๐๐", "saraban@dla.go.th (AB-12)" })
        {
            var run = fonts.Shaper(false).Shape(text);
            Assert.Equal(fonts.Regular.Measure(text, 16), run.Advance * 16.0 / fonts.Regular.UnitsPerEm, 2);
        }
    }

    // A mark is what takes no room of its own on the line: its advance is zero.
    private static bool IsMark(GlyphShaper shaper, ushort glyph) => shaper.Advance(glyph) == 0;
}
