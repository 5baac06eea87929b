namespace Saraban.Documents.Reading;

/// <summary>Tells a file's kind from its first bytes, not its name: clerks rename files.</summary>
internal static class FileKinds
{
    private static readonly (byte[] Magic, string Thai, string English)[] Known =
    [
        ([0x89, (byte)'P', (byte)'N', (byte)'G'], "ไฟล์ภาพ PNG ต้องผ่าน OCR ก่อน", "a PNG image: run OCR first"),
        ([0xFF, 0xD8, 0xFF], "ไฟล์ภาพ JPEG ต้องผ่าน OCR ก่อน", "a JPEG image: run OCR first"),
        ([(byte)'G', (byte)'I', (byte)'F', (byte)'8'], "ไฟล์ภาพ GIF ต้องผ่าน OCR ก่อน", "a GIF image: run OCR first"),
        ([(byte)'I', (byte)'I', 42, 0], "ไฟล์ภาพ TIFF ต้องผ่าน OCR ก่อน", "a TIFF image: run OCR first"),
        ([(byte)'M', (byte)'M', 0, 42], "ไฟล์ภาพ TIFF ต้องผ่าน OCR ก่อน", "a TIFF image: run OCR first"),
        ([(byte)'P', (byte)'K', 3, 4], "ไฟล์ Word/ZIP ให้บันทึกเป็น PDF ก่อน", "a Word or ZIP file: save it as PDF first"),
        ([0xD0, 0xCF, 0x11, 0xE0], "ไฟล์ Word รุ่นเก่า ให้บันทึกเป็น PDF ก่อน", "an old Word file: save it as PDF first"),
    ];

    /// <summary>PDF, by its <c>%PDF-</c> header, which the format lets stand anywhere in the first kilobyte.</summary>
    public static bool IsPdf(ReadOnlySpan<byte> bytes) => bytes[..Math.Min(bytes.Length, 1024)].IndexOf("%PDF-"u8) >= 0;

    /// <summary>A PNG or JPEG: a scan or a phone's photo of a letter, read by OCR.</summary>
    public static bool IsScanImage(ReadOnlySpan<byte> bytes) => bytes.StartsWith((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G']) || bytes.StartsWith((byte[])[0xFF, 0xD8, 0xFF]);

    /// <summary>What the file is if it is not text: a known format, or bytes no text contains (NUL, many controls).</summary>
    public static (string Thai, string English)? BinaryKind(ReadOnlySpan<byte> bytes)
    {
        foreach (var (magic, thai, english) in Known)
        {
            if (bytes.StartsWith(magic))
            {
                return (thai, english);
            }
        }

        var controls = 0;
        foreach (var b in bytes)
        {
            if (b == 0)
            {
                return ("ไฟล์ไบนารี", "binary data");
            }

            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f'))
            {
                controls++;
            }
        }

        return controls > bytes.Length / 100 ? ("ไฟล์ไบนารี", "binary data") : null;
    }
}

/// <summary>
/// TIS-620 / Windows-874, the single-byte Thai encoding older word processors still save in.
/// Decoded by hand: the code-pages provider would need registering in global state.
/// </summary>
internal static class Tis620
{
    /// <summary>The text, or null when some byte has no meaning in Windows-874 or no Thai is present.</summary>
    public static string? TryDecode(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        var thai = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            char? c = b switch
            {
                < 0x80 => (char)b,
                0x80 => '€',
                0x85 => '…',
                0x91 => '‘',
                0x92 => '’',
                0x93 => '“',
                0x94 => '”',
                0x95 => '•',
                0x96 => '–',
                0x97 => '—',
                0xA0 => '\u00A0',
                (>= 0xA1 and <= 0xDA) or (>= 0xDF and <= 0xFB) => (char)(b - 0xA0 + 0x0E00),
                _ => null,
            };
            if (c is null)
            {
                return null;
            }

            thai += b >= 0xA1 ? 1 : 0;
            chars[i] = c.Value;
        }

        return thai > 0 ? new string(chars) : null;
    }
}
