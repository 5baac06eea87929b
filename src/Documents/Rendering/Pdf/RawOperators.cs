using System.Buffers;
using System.Globalization;
using System.Text;
using Saraban.Documents.Rendering.Layout;

namespace Saraban.Documents.Rendering.Pdf;

/// <summary>
/// PDF content operators written straight as ASCII bytes: every letter's page is drawn this way
/// (shaped text, QR codes, prepared images, boxes), no drawing layer in between. Positions come in points from the top
/// left of the page, as layout gives them; PDF counts from the bottom left.
/// </summary>
internal sealed class RawOperators
{
    private readonly ArrayBufferWriter<byte> _out = new(4096);

    /// <summary>
    /// One rectangle per run of dark modules in a row: through XGraphics a QR code's rectangles
    /// cost more than the rest of the letter. A transform scales one module to one unit (y down),
    /// so the rectangles are small integers.
    /// </summary>
    public void Qr(QrItem q, double pageHeight)
    {
        var n = q.Modules.Length;
        var cell = q.Size / n;
        Text($"q 0 g {cell:0.####} 0 0 {-cell:0.####} {q.X:0.###} {pageHeight - q.Y:0.###} cm\n");
        for (var row = 0; row < n; row++)
        {
            var modules = q.Modules[row];
            for (var col = 0; col < modules.Length; col++)
            {
                if (!modules[col])
                {
                    continue;
                }

                var start = col;
                while (col + 1 < modules.Length && modules[col + 1])
                {
                    col++;
                }

                Number(start);
                Number(row);
                Number(col - start + 1);
                Ascii("1 re\n"u8);
            }
        }

        Ascii("f Q\n"u8);
    }

    /// <summary>Draws the image XObject named <paramref name="name"/> (in the page's resources) in the item's box.</summary>
    public void Image(string name, ImageItem i, double pageHeight) =>
        Text($"q {i.Width:0.###} 0 0 {i.Height:0.###} {i.X:0.###} {pageHeight - i.Y - i.Height:0.###} cm {name} Do Q\n");

    /// <summary>A rectangle's outline (the receive stamp's box), 1.2 pt wide.</summary>
    public void Box(BoxItem b, double pageHeight) =>
        Text($"q {(b.Red ? "1 0 0 RG" : "0 G")} 1.2 w {b.X:0.###} {pageHeight - b.Y - b.Height:0.###} {b.Width:0.###} {b.Height:0.###} re S Q\n");

    /// <summary>Operators written elsewhere (<see cref="GlyphText"/>), ASCII.</summary>
    public void Append(string operators) => Ascii(Encoding.ASCII.GetBytes(operators));

    public bool IsEmpty => _out.WrittenCount == 0;

    public byte[] ToArray() => _out.WrittenSpan.ToArray();

    private void Text(FormattableString text) => Ascii(Encoding.ASCII.GetBytes(text.ToString(CultureInfo.InvariantCulture)));

    private void Number(int value)
    {
        var span = _out.GetSpan(12);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        span[written] = (byte)' ';
        _out.Advance(written + 1);
    }

    private void Ascii(ReadOnlySpan<byte> bytes) => _out.Write(bytes);
}
