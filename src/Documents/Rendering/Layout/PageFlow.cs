using Saraban.Documents.Rendering.Fonts;
using Saraban.Documents.Rendering.Templates;
using Saraban.Documents.Rendering.Thai;
using Saraban.Workflow.Thai;

namespace Saraban.Documents.Rendering.Layout;

/// <summary>
/// Lines flowing down the pages of one letter: a cursor, page breaks with the regulation's page
/// numbers (<c>- ๒ -</c>) from the second page on, and wrapped Thai paragraphs.
/// </summary>
internal sealed class PageFlow
{
    public const double PointsPerCm = 72 / 2.54;

    private readonly LetterFonts _fonts;
    private readonly LineBreakerPool _breakers;
    private readonly LetterTemplate _template;
    private readonly List<List<PageItem>> _pages = [[]];

    public PageFlow(LetterFonts fonts, LineBreakerPool breakers, LetterTemplate template)
    {
        _fonts = fonts;
        _breakers = breakers;
        _template = template;
        var page = template.Page;
        Width = page.Width * PointsPerCm;
        Height = page.Height * PointsPerCm;
        Left = page.Left * PointsPerCm;
        Right = Width - (page.Right * PointsPerCm);
        Bottom = Height - (page.Bottom * PointsPerCm);
        Y = page.Top * PointsPerCm;
    }

    public double Width { get; }

    public double Height { get; }

    public double Left { get; }

    public double Right { get; }

    public double Bottom { get; }

    /// <summary>Top of the next line.</summary>
    public double Y { get; set; }

    public int PageCount => _pages.Count;

    public List<PageItem> Current => _pages[^1];

    public double LineHeight(double size) => _fonts.Regular.LineHeight(size);

    public double Measure(string text, double size, bool bold = false) => _fonts.Face(bold).Measure(text, size);

    public void Add(PageItem item) => Current.Add(item);

    /// <summary>Starts a new page when fewer than <paramref name="height"/> points remain.</summary>
    public void EnsureRoom(double height)
    {
        // A hair of tolerance: a block placed to end exactly at the bottom must not spill over by rounding.
        if (Y + height > Bottom + 0.01)
        {
            NewPage();
        }
    }

    public void NewPage()
    {
        if (_pages.Count >= _template.MaxPages)
        {
            throw new RenderingException(RenderingProblem.TooManyPages,
                $"หนังสือยาวเกิน {_template.MaxPages} หน้าที่แม่แบบกำหนด", $"the letter runs over the template's {_template.MaxPages} pages");
        }

        _pages.Add([]);
        var size = _template.BodySize;
        var number = $"- {ThaiDigits.Format(_pages.Count)} -";
        var top = _template.Page.Top * PointsPerCm;
        Add(new TextItem("pageNumber", number, (Width - Measure(number, size)) / 2, top + Ascent(size), size));
        Y = top + (LineHeight(size) * 2);
    }

    public double Ascent(double size) => _fonts.Regular.Ascender * size / _fonts.Regular.UnitsPerEm;

    /// <summary>One line at <paramref name="x"/>, spread to <paramref name="justified"/> points when given; returns its item.</summary>
    public TextItem Line(string role, string text, double x, double size, bool bold = false, bool red = false, double? justified = null)
    {
        EnsureRoom(LineHeight(size));
        var item = new TextItem(role, text, x, Y + Ascent(size), size, bold, red, justified);
        Add(item);
        Y += LineHeight(size);
        return item;
    }

    /// <summary>
    /// Text wrapped between <paramref name="x"/> and <paramref name="right"/>, the first line
    /// indented. <paramref name="justify"/> sets it as Thai letters are (Word's "Thai distributed"):
    /// every line but the last spread to the right margin, the last left as it falls.
    /// </summary>
    public void Paragraph(string role, string text, double x, double right, double size, double firstIndent = 0, bool bold = false, bool justify = false)
    {
        var face = _fonts.Face(bold);
        var lines = _breakers.Break(text, right - x - firstIndent, right - x, s => face.Measure(s, size));
        for (var i = 0; i < lines.Count; i++)
        {
            var left = i == 0 ? x + firstIndent : x;
            Line(role, lines[i], left, size, bold, justified: justify && i < lines.Count - 1 ? right - left : null);
        }
    }

    /// <summary>The lines <paramref name="text"/> breaks into at Thai word boundaries within <paramref name="width"/>.</summary>
    public List<string> Wrap(string text, double width, double size, bool bold = false)
    {
        var face = _fonts.Face(bold);
        return _breakers.Break(text, width, width, s => face.Measure(s, size));
    }

    /// <summary>
    /// A label (เรื่อง, เรียน…) followed by wrapped text that hangs after it, the way the regulation's
    /// forms align a long subject under its own first word rather than under the label.
    /// </summary>
    public void Labelled(string role, string label, string text, double size, double labelSize, bool boldLabel, double? right = null)
    {
        var labelWidth = Measure(label + " ", labelSize, boldLabel);
        EnsureRoom(LineHeight(Math.Max(size, labelSize)));
        var shift = Ascent(labelSize) - Ascent(size);
        Add(new TextItem(role + "Label", label, Left, Y + Ascent(labelSize), labelSize, boldLabel));
        Y += shift;
        Paragraph(role, text, Left + labelWidth, right ?? Right, size);
        Y += Math.Max(0, LineHeight(labelSize) - LineHeight(size) - shift);
    }

    public void Gap(double points) => Y += points;

    public IReadOnlyList<LaidOutPage> Pages() => _pages.Select(items => new LaidOutPage(Width, Height, items)).ToList();
}
