using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Files;

/// <summary>
/// สิ่งที่ส่งมาด้วย: a file travelling with a letter. The bytes are stored once, named by their
/// SHA-256; this record, with that hash, is what the letter's events carry, so the log's hash chain
/// covers every file and <c>verify</c> notices a swapped one.
/// </summary>
/// <param name="Description">What the clerk calls it ("กำหนดการประชุม"), printed after its label.</param>
/// <param name="SealedBy">For a secret letter's file: the letter whose key sealed the stored bytes (<see cref="Secrets.SealedFile"/>);
/// <see cref="Sha256"/> and <see cref="Length"/> are then the sealed bytes', what the store holds and verify checks.</param>
public sealed record Enclosure(string Sha256, long Length, string MediaType, string FileName, string Description, string? SealedBy = null)
{
    public const int MaxDescriptionLength = 200;

    /// <summary>The label a file enclosure gets: numbered after the letter's own enclosure lines, so the printed list and the files agree.</summary>
    public static string Label(int number) => $"สิ่งที่ส่งมาด้วย {ThaiDigits.Format(number)}";
}

/// <summary>The kinds of file a letter may carry, found from the bytes, never from the name.</summary>
public enum FileKind { Pdf, Png, Jpeg, Docx, Xlsx }

public static class FileKinds
{
    public static string MediaType(FileKind kind) => kind switch
    {
        FileKind.Pdf => "application/pdf",
        FileKind.Png => "image/png",
        FileKind.Jpeg => "image/jpeg",
        FileKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        FileKind.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static IReadOnlyList<string> Extensions(FileKind kind) => kind switch
    {
        FileKind.Pdf => [".pdf"],
        FileKind.Png => [".png"],
        FileKind.Jpeg => [".jpg", ".jpeg"],
        FileKind.Docx => [".docx"],
        FileKind.Xlsx => [".xlsx"],
        _ => [],
    };

    public static string Thai(FileKind kind) => kind switch
    {
        FileKind.Pdf => "PDF",
        FileKind.Png => "รูปภาพ PNG",
        FileKind.Jpeg => "รูปภาพ JPEG",
        FileKind.Docx => "เอกสาร Word (DOCX)",
        FileKind.Xlsx => "ตาราง Excel (XLSX)",
        _ => kind.ToString(),
    };
}

/// <summary>A file refused at upload, for a reason the clerk can act on; nothing of it was kept.</summary>
public class FileRefusedException(string message) : DomainException(message);

/// <summary>Over the size limit: answered 413 on the API.</summary>
public sealed class FileTooLargeException(string message) : FileRefusedException(message);

/// <summary>How large a file may be: <see cref="MaxBytes"/> as uploaded (default 20 MB), and what a DOCX or XLSX may unpack to.</summary>
public sealed record FileLimits(long MaxBytes = FileLimits.DefaultMaxBytes, long MaxUnpackedBytes = 200L * 1024 * 1024, int MaxEntries = 5000)
{
    public const long DefaultMaxBytes = 20L * 1024 * 1024;
    public const int MaxFilesPerLetter = 30;

    /// <summary>From the environment's SARABAN_MAX_FILE_MB when set, else the default.</summary>
    public static FileLimits FromEnvironment() =>
        Environment.GetEnvironmentVariable("SARABAN_MAX_FILE_MB") is { Length: > 0 } mb && long.TryParse(mb, out var n) && n > 0
            ? new FileLimits(n * 1024 * 1024)
            : new FileLimits();
}
