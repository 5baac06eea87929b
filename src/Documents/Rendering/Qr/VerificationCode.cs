using System.Security.Cryptography;
using System.Text;
using QRCoder;

namespace Saraban.Documents.Rendering.Qr;

/// <summary>
/// The QR code printed on every generated letter: the address in this system where anyone holding
/// the paper can check it, carrying the document number, the sender and a hash of the content
/// that was signed, so a letter altered after signing no longer matches.
/// </summary>
public static class VerificationCode
{
    /// <summary>SHA-256 of the letter's canonical JSON, in lower-case hex.</summary>
    public static string ContentHash(LetterDocument letter) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(letter.ToJson(indented: false))));

    /// <summary>
    /// <c>{base}?n=…&amp;s=…&amp;h=…</c>, an IRI: Thai stays UTF-8 rather than percent-encoded,
    /// which would triple its length and make the code too dense to scan from paper (phones open
    /// IRIs as they are). Only characters that would break the query are escaped. The hash is cut
    /// to 128 bits, ample against a forgery by chance.
    /// </summary>
    public static string Url(string verificationBase, LetterDocument letter)
    {
        var number = Query(letter.Fields.DocumentNumber?.Text);
        var sender = Query(letter.Fields.Sender);
        return $"{verificationBase}?n={number}&s={sender}&h={ContentHash(letter)[..32]}";
    }

    private static string Query(string? text) => (text ?? string.Empty)
        .Replace("%", "%25", StringComparison.Ordinal).Replace("&", "%26", StringComparison.Ordinal)
        .Replace("#", "%23", StringComparison.Ordinal).Replace("+", "%2B", StringComparison.Ordinal).Replace(' ', '+');

    /// <summary>The code's modules, quiet zone included, row by row; true is dark.</summary>
    public static bool[][] Modules(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return data.ModuleMatrix.Select(row => Enumerable.Range(0, row.Length).Select(i => row[i]).ToArray()).ToArray();
    }
}
