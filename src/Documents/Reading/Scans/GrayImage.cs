using System.IO.Compression;
using System.Text;

namespace Saraban.Documents.Reading.Scans;

/// <summary>
/// An 8-bit grey page, 0 black to 255 white: what pdftoppm <c>-gray</c> writes (binary PGM), read
/// and written without an imaging library, since none is on the server.
/// </summary>
internal sealed class GrayImage(int width, int height, byte[] pixels)
{
    public int Width { get; } = width;

    public int Height { get; } = height;

    public byte[] Pixels { get; } = pixels;

    public byte this[int x, int y] => Pixels[(y * Width) + x];

    /// <summary>Reads a binary PGM (P5, maxval 255).</summary>
    public static GrayImage ReadPgm(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var at = 0;
        string Token()
        {
            while (at < bytes.Length && (char.IsWhiteSpace((char)bytes[at]) || bytes[at] == '#'))
            {
                if (bytes[at] == '#')
                {
                    while (at < bytes.Length && bytes[at] != '\n') at++;
                }
                else
                {
                    at++;
                }
            }

            var start = at;
            while (at < bytes.Length && !char.IsWhiteSpace((char)bytes[at])) at++;
            return Encoding.ASCII.GetString(bytes, start, at - start);
        }

        if (Token() != "P5") throw new InvalidDataException($"{path} is not a binary PGM");
        var width = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        var height = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        if (Token() != "255") throw new InvalidDataException($"{path} is not an 8-bit PGM");
        at++; // the one white-space byte before the pixels
        if (bytes.Length - at < (long)width * height) throw new InvalidDataException($"{path} is truncated");
        return new GrayImage(width, height, bytes.AsSpan(at, width * height).ToArray());
    }

    public void WritePgm(string path)
    {
        using var file = File.Create(path);
        file.Write(Encoding.ASCII.GetBytes($"P5\n{Width} {Height}\n255\n"));
        file.Write(Pixels);
    }

    /// <summary>A greyscale PNG (filter 0 on every row): what a scanner or phone hands the clerk.</summary>
    public void WritePng(Stream output)
    {
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, Width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Height);
        header[8] = 8; // bit depth
        header[9] = 0; // greyscale
        Chunk(output, "IHDR", header);
        // pHYs: 300 dpi is 11,811 pixels a metre, as scanners write it.
        var physical = new byte[9];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(physical, 11811);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(physical.AsSpan(4), 11811);
        physical[8] = 1;
        Chunk(output, "pHYs", physical);
        using var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
        {
            for (var y = 0; y < Height; y++)
            {
                z.WriteByte(0);
                z.Write(Pixels, y * Width, Width);
            }
        }

        Chunk(output, "IDAT", raw.ToArray());
        Chunk(output, "IEND", []);
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        var typed = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed, 4);
        output.Write(typed);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typed));
        output.Write(word);
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
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
