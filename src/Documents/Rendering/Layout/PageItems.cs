namespace Saraban.Documents.Rendering.Layout;

/// <summary>
/// The seam between laying a letter out and drawing it: pages of positioned items in points,
/// origin at the top left. Layout knows nothing of the PDF library; a PDF backend only draws
/// these, so replacing the library means writing one new backend.
/// </summary>
public abstract record PageItem(string Role);

/// <summary>
/// One line of text in its logical (typed) order; the backend shapes it for drawing. A line with
/// <paramref name="Justified"/> is spread to that width, its slack shared between its clusters
/// (Thai distributed justification).
/// </summary>
public sealed record TextItem(string Role, string Text, double X, double Baseline, double Size, bool Bold = false, bool Red = false, double? Justified = null)
    : PageItem(Role);

/// <summary>A PNG or JPEG image (the Garuda emblem) in the box given.</summary>
public sealed record ImageItem(string Role, LetterImage Image, double X, double Y, double Width, double Height) : PageItem(Role);

/// <summary>A QR code: dark modules of a square matrix, drawn as filled squares.</summary>
public sealed record QrItem(string Role, bool[][] Modules, double X, double Y, double Size) : PageItem(Role);

/// <summary>A rectangle outline (the receive stamp's box).</summary>
public sealed record BoxItem(string Role, double X, double Y, double Width, double Height, bool Red = false) : PageItem(Role);

/// <summary>One page: its size and what stands on it.</summary>
public sealed record LaidOutPage(double Width, double Height, IReadOnlyList<PageItem> Items);

/// <summary>A whole letter ready to draw.</summary>
public sealed record LaidOutLetter(IReadOnlyList<LaidOutPage> Pages, string VerificationUrl)
{
    /// <summary>The text items of a role across pages, in drawing order; for tests and checks.</summary>
    public IEnumerable<(int Page, TextItem Item)> Texts(string role) =>
        Pages.SelectMany((p, i) => p.Items.OfType<TextItem>().Where(t => t.Role == role).Select(t => (i + 1, t)));
}
