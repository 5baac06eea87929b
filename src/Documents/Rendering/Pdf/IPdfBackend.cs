using Saraban.Documents.Rendering.Layout;

namespace Saraban.Documents.Rendering.Pdf;

/// <summary>
/// Everything the system asks of a PDF library, and nothing more: draw laid-out pages, and draw
/// items over the first page of an existing PDF. Swapping PdfSharp for another library means
/// implementing these two methods.
/// </summary>
public interface IPdfBackend
{
    /// <summary>Writes the pages as a new PDF.</summary>
    void Write(LaidOutLetter letter, Stream output);

    /// <summary>
    /// Copies the PDF in <paramref name="input"/> to <paramref name="output"/> with
    /// <paramref name="overlay"/>'s items (given the page's width and height) drawn on its first page.
    /// </summary>
    /// <exception cref="RenderingException">The input is not a readable PDF.</exception>
    void Overlay(Stream input, Stream output, Func<double, double, IReadOnlyList<PageItem>> overlay);
}
