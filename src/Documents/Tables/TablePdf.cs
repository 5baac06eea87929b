using Saraban.Documents.Rendering.Fonts;
using Saraban.Documents.Rendering.Layout;
using Saraban.Documents.Rendering.Pdf;
using Saraban.Documents.Rendering.Thai;

namespace Saraban.Documents.Tables;

/// <summary>A column of a printed table: its heading and its share of the page's width.</summary>
public sealed record TableColumn(string Heading, double Share);

/// <summary>
/// A table printed on A4 landscape pages in the letters' font (Laksaman, Thai shaped), for the
/// lists the regulation's forms lay out as ruled tables (บัญชีหนังสือขอทำลาย): the title on every
/// page, the headings repeated, ruled cells whose text wraps at Thai word breaks (a row grows to
/// its longest cell: a list cut short with "…" would be retyped by hand), and the sheet number
/// (แผ่นที่) at the top right; lines after the table (a record's closing and its signatures) where
/// the table ends, on a page of their own when they do not fit.
/// </summary>
public static class TablePdf
{
    private const double Width = 842, Height = 595, Margin = 36, Size = 13, Line = 16, Pad = 4;

    public static byte[] Write(LetterFonts fonts, IReadOnlyList<string> title, IReadOnlyList<TableColumn> columns, IReadOnlyList<IReadOnlyList<string>> rows,
        IReadOnlyList<string>? after = null)
    {
        var total = columns.Sum(c => c.Share);
        var widths = columns.Select(c => (Width - 2 * Margin) * c.Share / total).ToArray();
        var lefts = new double[widths.Length];
        for (int i = 1; i < widths.Length; i++) lefts[i] = lefts[i - 1] + widths[i - 1];
        var top = Margin + title.Count * (Size + 8) + 8;
        using var breaker = new ThaiLineBreaker();
        var headings = Wrap(breaker, fonts, columns.Select(c => c.Heading).ToList(), widths, bold: true);
        var pages = new List<LaidOutPage>();
        List<PageItem>? items = null;
        double y = 0;
        foreach (var cells in rows.Select(r => Wrap(breaker, fonts, r, widths, bold: false)).Prepend(null))
        {
            var height = cells is null ? 0 : RowHeight(cells);
            if (items is null || y + height > Height - Margin)
            {
                if (items is not null) pages.Add(new LaidOutPage(Width, Height, items));
                items = [];
                for (int t = 0; t < title.Count; t++)
                    items.Add(Centered(fonts, "title", title[t], Margin + (t + 1) * (Size + 8), bold: t == 0));
                var sheet = $"แผ่นที่ {Saraban.Workflow.Thai.ThaiDigits.Format(pages.Count + 1)}";
                items.Add(new TextItem("sheet", sheet, Width - Margin - fonts.Regular.Measure(sheet, Size), Margin + Size, Size));
                Row(items, headings, lefts, widths, top, bold: true);
                y = top + RowHeight(headings);
            }
            if (cells is null) continue;
            Row(items, cells, lefts, widths, y, bold: false);
            y += height;
        }
        y += Line;
        foreach (var text in after ?? [])
        {
            if (y + Line > Height - Margin)
            {
                pages.Add(new LaidOutPage(Width, Height, items!));
                items = [];
                y = Margin;
            }
            y += Line + 4;
            // An indented line (a signature's name in brackets) keeps its indent.
            var indent = text.Length - text.TrimStart().Length;
            items!.Add(new TextItem("after", text.Trim(), Margin + indent * 8, y, Size));
        }
        pages.Add(new LaidOutPage(Width, Height, items!));
        using var output = new MemoryStream();
        new PdfSharpBackend(fonts).Write(new LaidOutLetter(pages, ""), output);
        return output.ToArray();
    }

    private static TextItem Centered(LetterFonts fonts, string role, string text, double baseline, bool bold) =>
        new(role, text, (Width - fonts.Face(bold).Measure(text, Size + 2)) / 2, baseline, Size + 2, bold);

    /// <summary>Each cell's lines, broken where Thai allows (never inside a cluster) to fit its column.</summary>
    private static List<List<string>> Wrap(ThaiLineBreaker breaker, LetterFonts fonts, IReadOnlyList<string> cells, double[] widths, bool bold)
    {
        var face = fonts.Face(bold);
        return widths.Select((w, c) => breaker.Break(c < cells.Count ? cells[c] : "", w - 2 * Pad, w - 2 * Pad, t => face.Measure(t, Size))).ToList();
    }

    private static double RowHeight(List<List<string>> cells) => cells.Max(lines => lines.Count) * Line + 2 * Pad;

    private static void Row(List<PageItem> items, List<List<string>> cells, double[] lefts, double[] widths, double y, bool bold)
    {
        var height = RowHeight(cells);
        for (int c = 0; c < widths.Length; c++)
        {
            items.Add(new BoxItem("cell", Margin + lefts[c], y, widths[c], height));
            for (int l = 0; l < cells[c].Count; l++)
                items.Add(new TextItem(bold ? "heading" : "cell", cells[c][l], Margin + lefts[c] + Pad, y + Pad + (l + 1) * Line - 4, Size, bold));
        }
    }
}
