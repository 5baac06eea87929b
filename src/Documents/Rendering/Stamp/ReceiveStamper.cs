using Saraban.Documents.Reading;
using Saraban.Documents.Rendering.Fonts;
using Saraban.Documents.Rendering.Layout;
using Saraban.Documents.Rendering.Pdf;
using Saraban.Workflow.Thai;

namespace Saraban.Documents.Rendering.Stamp;

/// <summary>
/// Puts the receive stamp (ตรารับหนังสือ) on a received PDF: a box at the top right of the first
/// page with the agency, เลขรับ, วันที่ and เวลา, drawn over the page. Nothing else of the document
/// changes: same pages, same content, the stamp added on top.
/// </summary>
public sealed class ReceiveStamper(IPdfBackend pdf, LetterFonts fonts)
{
    private const double Cm = 72 / 2.54;
    private const double Size = 14;

    /// <summary>Stamps <paramref name="input"/> into <paramref name="output"/>.</summary>
    /// <exception cref="RenderingException">The stamp lacks a field, or the input is not a PDF.</exception>
    public void Stamp(Stream input, ReceiveStamp stamp, Stream output)
    {
        if (string.IsNullOrWhiteSpace(stamp.Agency) || stamp.ReceiveNumber is null || stamp.Date is null || stamp.Time is null)
        {
            throw new RenderingException(RenderingProblem.MissingField,
                "ตรารับต้องมีชื่อส่วนราชการ เลขรับ วันที่ และเวลา", "a receive stamp needs agency, receiveNumber, date and time");
        }

        var lines = new[]
        {
            stamp.Agency,
            $"เลขรับ {ThaiDigits.Format(stamp.ReceiveNumber.Value)}",
            $"วันที่ {ThaiDate.FormatFull(stamp.Date.Value)}",
            $"เวลา {ThaiTime.Format(stamp.Time.Value)}",
        };
        var face = fonts.Regular;
        var width = Math.Max(5.5 * Cm, lines.Max(l => fonts.Bold.Measure(l, Size)) + (0.6 * Cm));
        var line = face.LineHeight(Size);
        var ascent = face.Ascender * Size / face.UnitsPerEm;
        pdf.Overlay(input, output, (pageWidth, _) =>
        {
            var x = pageWidth - width - (1.0 * Cm);
            var y = 0.8 * Cm;
            var items = new List<PageItem> { new BoxItem("receiveStamp", x, y, width, (lines.Length * line) + (0.4 * Cm), Red: true) };
            for (var i = 0; i < lines.Length; i++)
            {
                var text = lines[i];
                var tx = i == 0 ? x + ((width - fonts.Bold.Measure(text, Size)) / 2) : x + (0.3 * Cm);
                items.Add(new TextItem("receiveStamp", text, tx, y + (0.2 * Cm) + (i * line) + ascent, Size, Bold: i == 0, Red: true));
            }

            return items;
        });
    }

    /// <summary>Stamps the PDF at <paramref name="inputPath"/> into <paramref name="outputPath"/>, whole or not at all.</summary>
    public void StampFile(string inputPath, ReceiveStamp stamp, string outputPath)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(inputPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RenderingException(RenderingProblem.NotAPdf, $"อ่านแฟ้ม {inputPath} ไม่ได้", $"cannot read {inputPath}: {ex.Message}", ex);
        }

        using var input = new MemoryStream(bytes, writable: false);
        AtomicFile.Write(outputPath, output => Stamp(input, stamp, output));
    }
}
