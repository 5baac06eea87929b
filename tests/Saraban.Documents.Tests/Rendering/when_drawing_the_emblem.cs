using System.Buffers.Binary;
using System.IO.Compression;
using Saraban.Documents.Rendering;

namespace Saraban.Documents.Tests.Rendering;

/// <summary>
/// The emblem is converted to PDF objects once and copied into every letter: a configured
/// emblem with transparency must come out with its soft mask, in every letter alike.
/// </summary>
public sealed class when_drawing_the_emblem : IDisposable
{
    private readonly string _png = Path.Combine(Path.GetTempPath(), $"saraban-test-emblem-{Guid.NewGuid():N}.png");

    public when_drawing_the_emblem() => File.WriteAllBytes(_png, RgbaPng(40, 30));

    [Fact]
    public void a_transparent_png_keeps_its_soft_mask_in_each_letter()
    {
        using var renderer = new LetterRenderer(new RenderOptions { TemplateDirectory = Paths.Templates, EmblemPath = _png });
        foreach (var kind in new[] { "external-letter", "memo" })
        {
            using var output = new MemoryStream();
            renderer.WritePdf(Paths.Letter(kind), output);
            var file = Path.Combine(Path.GetTempPath(), $"saraban-test-{Guid.NewGuid():N}.pdf");
            File.WriteAllBytes(file, output.ToArray());
            try
            {
                var list = Poppler.Run("pdfimages", ["-list", file]).Split('\n').Skip(2).Where(l => l.Trim().Length > 0)
                    .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
                Assert.Equal(2, list.Count);
                Assert.Equal(["image", "40", "30", "rgb"], list[0][2..6]);
                Assert.Equal(["smask", "40", "30", "gray"], list[1][2..6]);
            }
            finally
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public void the_emblem_is_drawn_where_the_layout_put_it()
    {
        using var renderer = new LetterRenderer(new RenderOptions { TemplateDirectory = Paths.Templates, EmblemPath = _png });
        var letter = Paths.Letter("external-letter");
        var emblem = renderer.Layout(letter).Pages[0].Items.OfType<Saraban.Documents.Rendering.Layout.ImageItem>().Single();
        using var output = new MemoryStream();
        renderer.WritePdf(letter, output);
        var file = Path.Combine(Path.GetTempPath(), $"saraban-test-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, output.ToArray());
        try
        {
            // -list gives x-ppi: the image's 40 pixels over the box's width in inches.
            var row = Poppler.Run("pdfimages", ["-list", file]).Split('\n')[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(Math.Round(40 / (emblem.Width / 72)), double.Parse(row[12], System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void an_svg_emblem_is_drawn_as_an_image_of_its_own_proportions_with_no_placeholder_mark()
    {
        var svg = Path.Combine(Path.GetTempPath(), $"saraban-test-emblem-{Guid.NewGuid():N}.svg");
        // Twice as high as wide, in red: what comes out must be this drawing, not the placeholder.
        File.WriteAllText(svg, "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"50\" height=\"100\" viewBox=\"0 0 50 100\">"
            + "<rect x=\"5\" y=\"5\" width=\"40\" height=\"90\" fill=\"#c00\"/></svg>");
        var file = Path.Combine(Path.GetTempPath(), $"saraban-test-{Guid.NewGuid():N}.pdf");
        try
        {
            using var renderer = new LetterRenderer(new RenderOptions { TemplateDirectory = Paths.Templates, EmblemPath = svg });
            using var output = new MemoryStream();
            renderer.WritePdf(Paths.Letter("circular"), output);
            File.WriteAllBytes(file, output.ToArray());
            var row = Poppler.Run("pdfimages", ["-list", file]).Split('\n')[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(["1200", "2400"], row[3..5]);
            Assert.DoesNotContain("ตราตัวอย่าง", Poppler.Text(output.ToArray()), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(svg);
            File.Delete(file);
        }
    }

    [Fact]
    public void an_svg_that_cannot_be_read_is_refused_when_configured_with_librsvgs_reason()
    {
        var svg = Path.Combine(Path.GetTempPath(), $"saraban-test-emblem-{Guid.NewGuid():N}.svg");
        File.WriteAllText(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"50\"><rect");
        try
        {
            var ex = Assert.Throws<RenderingException>(() => new LetterRenderer(new RenderOptions { TemplateDirectory = Paths.Templates, EmblemPath = svg }));
            Assert.Equal(RenderingProblem.NotAnImage, ex.Problem);
            Assert.Contains("is not a readable SVG", ex.Message);
            Assert.Contains(Path.GetFileName(svg), ex.Message);
        }
        finally
        {
            File.Delete(svg);
        }
    }

    [Fact]
    public void the_placeholder_says_on_the_page_that_it_is_one_and_a_configured_emblem_does_not()
    {
        var letter = Paths.Letter("circular");
        using var placeholder = new LetterRenderer(new RenderOptions { TemplateDirectory = Paths.Templates });
        using var configured = new LetterRenderer(new RenderOptions { TemplateDirectory = Paths.Templates, EmblemPath = _png });
        string Text(LetterRenderer renderer)
        {
            using var output = new MemoryStream();
            renderer.WritePdf(letter, output);
            return Poppler.Text(output.ToArray());
        }

        Assert.Contains("ตราตัวอย่าง", Text(placeholder), StringComparison.Ordinal);
        Assert.DoesNotContain("ตราตัวอย่าง", Text(configured), StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_png);

    // A minimal RGBA PNG: a red-to-blue gradient whose alpha falls from opaque to clear.
    private static byte[] RgbaPng(int width, int height)
    {
        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            for (var x = 0; x < width; x++)
            {
                raw.Write([(byte)(255 * x / width), 0, (byte)(255 - (255 * x / width)), (byte)(255 - (255 * y / height))]);
            }
        }

        var idat = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write(raw.ToArray());
        }

        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 6;
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", idat.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
