using Saraban.Documents.Rendering.Fonts;
using Saraban.Documents.Rendering.Layout;
using Saraban.Documents.Rendering.Pdf;

namespace Saraban.Documents.Tables;

/// <summary>A column of a printed table: its heading and its share of the page's width.</summary>
public sealed record TableColumn(string Heading, double Share);

/// <summary>
/// A table printed on A4 landscape pages in the letters' font (Laksaman, Thai shaped), for the
/// lists the regulation's forms lay out as ruled tables (บัญชีหนังสือขอทำลาย): the title on every
/// page, the headings repeated, ruled cells, a cell's text cut with "…" where it would overflow,
/// and the sheet number (แผ่นที่) at the top right.
/// </summary>
public static class TablePdf
{
    private const double Width = 842, Height = 595, Margin = 36, Size = 13, Row = 20, Pad = 4;

    public static byte[] Write(LetterFonts fonts, IReadOnlyList<string> title, IReadOnlyList<TableColumn> columns, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var total = columns.Sum(c => c.Share);
        var widths = columns.Select(c => (Width - 2 * Margin) * c.Share / total).ToArray();
        var lefts = new double[widths.Length];
        for (int i = 1; i < widths.Length; i++) lefts[i] = lefts[i - 1] + widths[i - 1];
        var top = Margin + title.Count * (Size + 8) + 8;
        var perPage = Math.Max(1, (int)((Height - Margin - top) / Row) - 1);
        var pages = new List<LaidOutPage>();
        for (int first = 0; first == 0 || first < rows.Count; first += perPage)
        {
            var items = new List<PageItem>();
            for (int t = 0; t < title.Count; t++)
                items.Add(Centered(fonts, "title", title[t], Margin + (t + 1) * (Size + 8), bold: t == 0));
            var sheet = $"แผ่นที่ {Thai.ThaiDigitsOf(pages.Count + 1)}";
            items.Add(new TextItem("sheet", sheet, Width - Margin - fonts.Regular.Measure(sheet, Size), Margin + Size, Size));
            Line(items, fonts, columns.Select(c => c.Heading).ToList(), lefts, widths, top, bold: true);
            var chunk = rows.Skip(first).Take(perPage).ToList();
            for (int r = 0; r < chunk.Count; r++) Line(items, fonts, chunk[r], lefts, widths, top + (r + 1) * Row, bold: false);
            pages.Add(new LaidOutPage(Width, Height, items));
        }
        using var output = new MemoryStream();
        new PdfSharpBackend(fonts).Write(new LaidOutLetter(pages, ""), output);
        return output.ToArray();
    }

    private static TextItem Centered(LetterFonts fonts, string role, string text, double baseline, bool bold) =>
        new(role, text, (Width - fonts.Face(bold).Measure(text, Size + 2)) / 2, baseline, Size + 2, bold);

    private static void Line(List<PageItem> items, LetterFonts fonts, IReadOnlyList<string> cells, double[] lefts, double[] widths, double y, bool bold)
    {
        for (int c = 0; c < widths.Length; c++)
        {
            items.Add(new BoxItem("cell", Margin + lefts[c], y, widths[c], Row));
            var text = Fit(fonts.Face(bold), c < cells.Count ? cells[c] : "", widths[c] - 2 * Pad);
            items.Add(new TextItem(bold ? "heading" : "cell", text, Margin + lefts[c] + Pad, y + Row - 6, Size, bold));
        }
    }

    /// <summary>The text, cut short with "…" when wider than the cell (never inside a cluster: combining marks stay with their base).</summary>
    private static string Fit(TrueTypeFace face, string text, double width)
    {
        if (face.Measure(text, Size) <= width) return text;
        var end = text.Length;
        while (end > 0 && face.Measure(text.AsSpan(0, end), Size) + face.Measure("…", Size) > width) end--;
        while (end > 0 && end < text.Length && face.Advance(text[end]) == 0) end--;
        return text[..end] + "…";
    }

    private static class Thai
    {
        public static string ThaiDigitsOf(int n) => Saraban.Workflow.Thai.ThaiDigits.Format(n);
    }
}
