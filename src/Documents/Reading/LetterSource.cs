using System.Text;

namespace Saraban.Documents.Reading;

/// <summary>Limits and tools for turning a file into text.</summary>
public sealed record LetterSourceOptions
{
    /// <summary>Larger files are refused before a byte is read: no letter comes near it.</summary>
    public long MaxBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>How long <c>pdftotext</c> may take before it is stopped.</summary>
    public TimeSpan PdfTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>pdftotext -layout</c> (default) keeps the ที่ line and the agency beside it on one line,
    /// columns apart; without it each column comes out as lines of its own. The reader reads both.
    /// </summary>
    public bool PdfLayout { get; init; } = true;

    /// <summary>The pdftotext program, from Debian's <c>poppler-utils</c>.</summary>
    public string PdfToText { get; init; } = "pdftotext";

    /// <summary>pdftoppm, from poppler-utils: draws a scan's pages for OCR.</summary>
    public string PdfToPpm { get; init; } = "pdftoppm";

    /// <summary>tesseract, from Debian's tesseract-ocr with tesseract-ocr-tha: run here, never a cloud service.</summary>
    public string Tesseract { get; init; } = "tesseract";

    /// <summary>Thai with English for e-mail addresses and Latin names.</summary>
    public string OcrLanguages { get; init; } = "tha+eng";

    /// <summary>The resolution scans are drawn at for OCR, as scanners scan letters.</summary>
    public int OcrDpi { get; init; } = 300;

    /// <summary>How long one tool may take on one page (or on drawing the pages) before it is stopped.</summary>
    public TimeSpan OcrTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Pages read from a scan; a letter with its enclosures rarely passes it, and each page costs seconds.</summary>
    public int MaxScanPages { get; init; } = 10;
}

/// <summary>
/// Turns a file into text for <see cref="LetterReader"/>: UTF-8 text (TIS-620, the older Thai
/// encoding, too), a PDF's text layer through <c>pdftotext</c>, or a scan (a PDF of images, a PNG
/// or a JPEG) through local OCR (<see cref="Scans.ScanText"/>). Refuses with a
/// <see cref="LetterReadingException"/> what cannot be a letter's text: an empty, binary, corrupt or
/// oversized file, or a scan without text.
/// </summary>
public static class LetterSource
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string ReadText(string path, LetterSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new LetterReadingException(ReadingProblem.FileNotFound, $"ไม่พบไฟล์ {path}", $"no such file: {path}");
        }

        if (file.Length > options.MaxBytes)
        {
            throw new LetterReadingException(
                ReadingProblem.TooLarge,
                $"ไฟล์ใหญ่เกินไป ({file.Length / (1024 * 1024)} MB) รับได้ไม่เกิน {options.MaxBytes / (1024 * 1024)} MB",
                $"the file is too large: {file.Length:N0} bytes, the limit is {options.MaxBytes:N0}");
        }

        if (file.Length == 0)
        {
            throw Empty();
        }

        var bytes = File.ReadAllBytes(path);
        var text = FileKinds.IsPdf(bytes) ? PdfOrScan(path, bytes, options)
            : FileKinds.IsScanImage(bytes) ? Scans.ScanText.Read(path, bytes, options)
            : Decode(bytes);
        return string.IsNullOrWhiteSpace(text) ? throw Empty() : text;
    }

    // A PDF with a text layer is read as typed; one of scanned pages goes through OCR.
    private static string PdfOrScan(string path, byte[] bytes, LetterSourceOptions options)
    {
        try
        {
            return PdfText.Extract(path, options);
        }
        catch (LetterReadingException ex) when (ex.Problem == ReadingProblem.PdfWithoutText)
        {
            return Scans.ScanText.Read(path, bytes, options);
        }
    }

    private static string Decode(byte[] bytes)
    {
        var kind = FileKinds.BinaryKind(bytes);
        if (kind is not null)
        {
            throw new LetterReadingException(
                ReadingProblem.Binary,
                $"ไฟล์นี้ไม่ใช่ข้อความ ({kind.Value.Thai}) ต้องเป็นไฟล์ข้อความหรือ PDF ที่มีข้อความ",
                $"not a text file ({kind.Value.English}); a text file or a PDF with text is needed");
        }

        var start = bytes.AsSpan().StartsWith((byte[])[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException)
        {
            return Tis620.TryDecode(bytes) ?? throw new LetterReadingException(
                ReadingProblem.NotUtf8,
                "อ่านข้อความในไฟล์ไม่ได้: ไม่ใช่ UTF-8 หรือ TIS-620",
                "the file's text is neither UTF-8 nor TIS-620");
        }
    }

    private static LetterReadingException Empty() =>
        new(ReadingProblem.Empty, "ไฟล์ว่าง ไม่มีข้อความ", "the file is empty");
}
