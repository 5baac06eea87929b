using System.Security.Cryptography;
using System.Text;
using QRCoder;
using Saraban.Workflow.Thai;

namespace Saraban.Documents.Rendering.Qr;

/// <summary>
/// The QR code printed on every generated letter: the address in this system where anyone holding
/// the paper can check it, carrying the document number, the sender and a hash of the content
/// that was signed, so a letter altered after signing no longer matches.
/// </summary>
public static class VerificationCode
{
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>SHA-256 of the letter's canonical JSON, in lower-case hex.</summary>
    public static string ContentHash(LetterDocument letter) => Convert.ToHexStringLower(Hash(letter));

    /// <summary>
    /// The first 128 bits of <see cref="ContentHash"/> in RFC 4648 base32 without padding (26
    /// characters, upper case): ample against a forgery by chance, and QR-alphanumeric.
    /// </summary>
    public static string ContentKey(LetterDocument letter) => Base32(Hash(letter).AsSpan(0, 16));

    /// <summary>
    /// <c>{BASE}/{sender}/{number}/{key}</c>, e.g.
    /// <c>HTTP://HOST/V/%E0%B8%99%E0%B8%A30107/2149/JBSWY3DP…</c>: the sender is the office prefix
    /// of the document number (the agency's code, รหัสหนังสือ; Thai percent-encoded, digits
    /// western), the number is the running number with <c>W</c> before it for a circular (ว),
    /// the key is <see cref="ContentKey"/>; <c>-</c> stands for a letter without a number.
    /// </summary>
    /// <remarks>
    /// Everything is upper case from QR's alphanumeric set (0–9 A–Z $%*+-./: and space), so the
    /// code is encoded at 5.5 bits a character instead of 8, and a UTF-8 Thai query no longer
    /// forces a large code: the example letter's code drops from version 10 (57×57 modules) to
    /// version 4 (33×33), faster to make and easier to scan from paper. Scheme and host are
    /// case-insensitive, so they are upper-cased; the rest of the base is kept as configured, so
    /// a base with a lower-case path still works, only in a denser code.
    /// </remarks>
    public static string Url(string verificationBase, LetterDocument letter)
    {
        var number = letter.Fields.DocumentNumber;
        var sender = number is null ? "-" : PathSegment(ThaiDigits.ToWestern(number.Prefix).Replace(" ", string.Empty, StringComparison.Ordinal));
        var running = number is null ? "-" : (number.Circular ? "W" : string.Empty) + number.Running.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"{UpperSchemeAndHost(verificationBase.TrimEnd('/'))}/{sender}/{running}/{ContentKey(letter)}";
    }

    /// <summary>The code's modules, quiet zone included, row by row; true is dark.</summary>
    public static bool[][] Modules(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var rows = new bool[data.ModuleMatrix.Count][];
        for (var r = 0; r < rows.Length; r++)
        {
            var row = data.ModuleMatrix[r];
            rows[r] = new bool[row.Length];
            row.CopyTo(rows[r], 0);
        }

        return rows;
    }

    // Percent-encodes every UTF-8 byte outside 0-9 A-Z . - so the segment stays within QR's
    // alphanumeric set and decodes back to exactly the prefix (lower-case letters included).
    private static string PathSegment(string text)
    {
        var s = new StringBuilder(text.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'A' and <= (byte)'Z') or (byte)'.' or (byte)'-')
            {
                s.Append((char)b);
            }
            else
            {
                s.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return s.Length == 0 ? "-" : s.ToString();
    }

    private static string UpperSchemeAndHost(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return url;
        }

        var pathStart = url.IndexOf('/', schemeEnd + 3);
        var authorityEnd = pathStart < 0 ? url.Length : pathStart;
        return url[..authorityEnd].ToUpperInvariant() + url[authorityEnd..];
    }

    private static byte[] Hash(LetterDocument letter) => SHA256.HashData(letter.CanonicalUtf8());

    private static string Base32(ReadOnlySpan<byte> bytes)
    {
        var s = new StringBuilder(((bytes.Length * 8) + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = ((buffer << 8) | b) & 0xFFF;
            bits += 8;
            while (bits >= 5)
            {
                s.Append(Base32Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            s.Append(Base32Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return s.ToString();
    }
}
