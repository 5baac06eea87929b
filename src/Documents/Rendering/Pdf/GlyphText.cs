using System.Text;
using Saraban.Documents.Rendering.Layout;
using Saraban.Documents.Rendering.Thai;

namespace Saraban.Documents.Rendering.Pdf;

/// <summary>
/// One line of shaped text as PDF operators: the glyphs at HarfBuzz's positions (a new text
/// matrix where a mark is raised or lowered, TJ kerning where the pen must move other than by
/// the glyph's width). Each word (text between spaces) is a marked-content span whose
/// /ActualText is the word as typed, so extraction gives back the input exactly, whatever glyphs
/// were substituted or spaced apart, and readers still see words (pdftotext -bbox, search).
/// </summary>
internal static class GlyphText
{
    /// <summary>A glyph's width as the font's /W array gives it, in thousandths of the font size.</summary>
    public static double Width(GlyphShaper shaper, ushort glyph) =>
        Math.Round(shaper.Advance(glyph) * 1000.0 / shaper.UnitsPerEm, 3);

    public static void Write(RawOperators ops, string font, TextItem t, ShapedRun run, int[] x, GlyphShaper shaper, double pageHeight)
    {
        var s = new StringBuilder(64 + (run.Glyphs.Length * 8));
        s.Append("BT ").Append(t.Red ? "1 0 0 rg " : "0 g ").Append(font).Append(' ');
        Num(s, t.Size);
        s.Append(" Tf\n");
        var unit = t.Size / shaper.UnitsPerEm;
        var i = 0;
        while (i < run.Glyphs.Length)
        {
            // A word's glyphs inside its span; a space drawn outside any, so that readers which
            // honour /ActualText still meet the space character (mapped by ToUnicode) between words.
            var space = IsSpace(run, i);
            var end = i;
            while (end < run.Glyphs.Length && IsSpace(run, end) == space)
            {
                end++;
            }

            if (!space)
            {
                var textEnd = end < run.Glyphs.Length ? run.Clusters[end] : run.Text.Length;
                s.Append("/Span <</ActualText <FEFF");
                foreach (var c in run.Text.AsSpan(run.Clusters[i], textEnd - run.Clusters[i]))
                {
                    Hex4(s, c); // UTF-16BE, as /ActualText is written
                }

                s.Append(">>> BDC\n");
            }

            while (i < end)
            {
                // A segment: glyphs on one vertical offset, placed from one text matrix.
                var y = run.Y[i];
                s.Append("1 0 0 1 ");
                Num(s, t.X + (x[i] * unit));
                s.Append(' ');
                Num(s, pageHeight - t.Baseline + (y * unit));
                s.Append(" Tm [<");
                var j = i;
                for (; j < end && run.Y[j] == y; j++)
                {
                    if (j > i)
                    {
                        // Where the previous glyph's width left the pen, against where this glyph goes.
                        var adjust = Width(shaper, run.Glyphs[j - 1]) - ((x[j] - x[j - 1]) * 1000.0 / shaper.UnitsPerEm);
                        if (Math.Abs(adjust) >= 0.05)
                        {
                            s.Append("> ");
                            Num(s, adjust);
                            s.Append(" <");
                        }
                    }

                    Hex4(s, run.Glyphs[j]);
                }

                s.Append(">] TJ\n");
                i = j;
            }

            if (!space)
            {
                s.Append("EMC\n");
            }
        }

        s.Append("ET\n");
        ops.Append(s.ToString());
    }

    private static bool IsSpace(ShapedRun run, int glyph) => char.IsWhiteSpace(run.Text[run.Clusters[glyph]]);

    /// <summary>
    /// <paramref name="value"/> to three decimals without trailing zeros, as "0.###" writes it: a
    /// letter writes some thousands of these, and the format string's general path was the
    /// largest share of writing its text (perf, bench pdf).
    /// </summary>
    internal static void Num(StringBuilder s, double value)
    {
        var thousandths = (long)Math.Round(value * 1000, MidpointRounding.AwayFromZero);
        if (thousandths < 0)
        {
            s.Append('-');
            thousandths = -thousandths;
        }

        s.Append(thousandths / 1000);
        var fraction = (int)(thousandths % 1000);
        if (fraction == 0)
        {
            return;
        }

        s.Append('.').Append((char)('0' + (fraction / 100)));
        fraction %= 100;
        if (fraction != 0)
        {
            s.Append((char)('0' + (fraction / 10)));
            if (fraction % 10 != 0)
            {
                s.Append((char)('0' + (fraction % 10)));
            }
        }
    }

    private static void Hex4(StringBuilder s, int value)
    {
        for (var shift = 12; shift >= 0; shift -= 4)
        {
            s.Append("0123456789ABCDEF"[(value >> shift) & 0xF]);
        }
    }
}
