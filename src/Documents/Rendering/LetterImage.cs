using System.Buffers.Binary;

namespace Saraban.Documents.Rendering;

/// <summary>
/// An image checked to be a PNG or JPEG, with its pixel size read from its header, so a file that
/// is not an image is refused when configured rather than when the thousandth letter is drawn. An
/// SVG is drawn as a PNG first (<see cref="SvgRaster"/>).
/// </summary>
public sealed class LetterImage
{
    private LetterImage(byte[] bytes, string format, int width, int height)
    {
        Bytes = bytes;
        Format = format;
        PixelWidth = width;
        PixelHeight = height;
    }

    public byte[] Bytes { get; }

    /// <summary><c>png</c> or <c>jpeg</c>.</summary>
    public string Format { get; }

    public int PixelWidth { get; }

    public int PixelHeight { get; }

    public double AspectRatio => (double)PixelWidth / PixelHeight;

    public static LetterImage Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw NotAnImage(path, ex.Message, ex);
        }

        return FromBytes(bytes, path);
    }

    /// <exception cref="RenderingException">Not a PNG, JPEG or SVG with a readable size.</exception>
    public static LetterImage FromBytes(byte[] bytes, string source)
    {
        if (SvgRaster.IsSvg(bytes))
        {
            bytes = SvgRaster.ToPng(bytes, source);
        }

        ReadOnlySpan<byte> png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (bytes.Length > 24 && bytes.AsSpan(0, 8).SequenceEqual(png) && bytes.AsSpan(12, 4).SequenceEqual("IHDR"u8))
        {
            var w = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
            var h = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
            return w > 0 && h > 0 ? new LetterImage(bytes, "png", w, h) : throw NotAnImage(source, "PNG of zero size");
        }

        if (bytes.Length > 4 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return JpegSize(bytes) is var (w, h) && w > 0 && h > 0
                ? new LetterImage(bytes, "jpeg", w, h)
                : throw NotAnImage(source, "JPEG without a frame header");
        }

        throw NotAnImage(source, "neither PNG, JPEG nor SVG");
    }

    private static (int, int)? JpegSize(byte[] b)
    {
        var i = 2;
        while (i + 9 < b.Length)
        {
            if (b[i] != 0xFF)
            {
                return null;
            }

            var marker = b[i + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(i + 2));
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return (BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(i + 7)), BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(i + 5)));
            }

            i += 2 + length;
        }

        return null;
    }

    private static RenderingException NotAnImage(string source, string why, Exception? inner = null) =>
        new(RenderingProblem.NotAnImage, $"{source} ไม่ใช่รูปภาพ PNG, JPEG หรือ SVG", $"{source} is not a PNG, JPEG or SVG image: {why}", inner);
}
