using System.Security.Cryptography;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Files;

/// <summary>
/// Receives an upload as it streams in: written to a scratch file a buffer at a time while its
/// SHA-256 is computed, stopped the moment it passes the size limit, then checked by its content.
/// Only a file that passes reaches the store; a refused one is deleted at once.
/// </summary>
public sealed class FileIntake(IFileStore store, FileLimits limits)
{
    public FileLimits Limits => limits;

    /// <summary>The file checked and stored; what an enclosure records of it.</summary>
    /// <param name="seal">For a secret letter: writes the checked file sealed to the path it is given; the sealed bytes are what is hashed and stored.</param>
    public async Task<(string Sha256, long Length, FileKind Kind, string FileName)> ReceiveAsync(Stream body, string? fileName, CancellationToken ct = default,
        Func<Stream, Stream, CancellationToken, Task>? seal = null)
    {
        var name = FileContent.CheckName(fileName);
        System.IO.Directory.CreateDirectory(store.Scratch);
        var scratch = Path.Combine(store.Scratch, Guid.NewGuid().ToString("N") + ".part");
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length = 0;
            await using (var file = new FileStream(scratch, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                var buffer = new byte[1 << 16];
                int n;
                while ((n = await body.ReadAsync(buffer, ct)) > 0)
                {
                    length += n;
                    if (length > limits.MaxBytes) throw TooLarge(limits);
                    sha.AppendData(buffer, 0, n);
                    await file.WriteAsync(buffer.AsMemory(0, n), ct);
                }
                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
            }
            if (length == 0) throw new FileRefusedException($"ไฟล์ {name} ว่างเปล่า (an empty file).");
            var kind = FileContent.Check(scratch, name, limits);
            var hash = FileStores.Hex(sha.GetHashAndReset());
            if (seal is not null)
            {
                await using (var plain = File.OpenRead(scratch))
                await using (var sealedOut = new FileStream(scratch + ".sealed", FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                {
                    await seal(plain, sealedOut, ct);
                    sealedOut.Flush(flushToDisk: true);
                }
                File.Delete(scratch); // the plain bytes never reach the store
                File.Move(scratch + ".sealed", scratch);
                (hash, length) = await HashAsync(scratch, ct);
            }
            await store.PutAsync(hash, scratch, ct);
            return (hash, length, kind, name);
        }
        finally
        {
            File.Delete(scratch);
            File.Delete(scratch + ".sealed");
        }
    }

    private static async Task<(string, long)> HashAsync(string path, CancellationToken ct)
    {
        await using var f = File.OpenRead(path);
        return (FileStores.Hex(await SHA256.HashDataAsync(f, ct)), f.Length);
    }

    public static FileTooLargeException TooLarge(FileLimits limits) =>
        new($"ไฟล์ใหญ่เกิน {ThaiDigits.Format(limits.MaxBytes / (1024 * 1024))} MB ไม่ได้บันทึก (the file is over the {limits.MaxBytes / (1024 * 1024)} MB limit).");
}
