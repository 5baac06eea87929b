using System.Runtime.CompilerServices;

namespace Saraban.Workflow.Files;

/// <summary>
/// The embedded default: each file in the folder beside the database, at <c>ab/abcdef…</c> (its
/// hash, fanned out by its first two digits so no folder holds millions). A file arrives by a move
/// from the scratch folder on the same disk, so a reader never sees half of one; a stored file is
/// never written again, only deleted by the sweep.
/// </summary>
public sealed class DiskFileStore(string root) : IFileStore
{
    public string Root { get; } = Path.GetFullPath(root);
    public string Scratch => Path.Combine(Root, "incoming");

    public string PathOf(string sha256) =>
        FileStores.IsSha256(sha256) ? Path.Combine(Root, sha256[..2], sha256) : throw new ArgumentException($"not a SHA-256: {sha256}");

    public Task PutAsync(string sha256, string path, CancellationToken ct = default)
    {
        var target = PathOf(sha256);
        if (File.Exists(target))
        {
            File.SetLastWriteTimeUtc(target, DateTime.UtcNow);
            return Task.CompletedTask;
        }
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try { File.Move(path, target); }
        catch (IOException) when (File.Exists(target)) { } // the same bytes, stored by another upload just now
        return Task.CompletedTask;
    }

    public Task<Stream?> OpenAsync(string sha256, CancellationToken ct = default)
    {
        var path = PathOf(sha256);
        Stream? s = File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan) : null;
        return Task.FromResult(s);
    }

    public Task<bool> DeleteAsync(string sha256, DateTimeOffset storedBefore, CancellationToken ct = default)
    {
        var path = PathOf(sha256);
        if (!File.Exists(path) || File.GetLastWriteTimeUtc(path) >= storedBefore.UtcDateTime) return Task.FromResult(false);
        File.Delete(path);
        return Task.FromResult(true);
    }

    public async IAsyncEnumerable<(string Sha256, DateTimeOffset StoredAt)> ListAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        if (!System.IO.Directory.Exists(Root)) yield break;
        foreach (var dir in System.IO.Directory.EnumerateDirectories(Root))
        {
            if (Path.GetFileName(dir).Length != 2) continue;
            foreach (var file in System.IO.Directory.EnumerateFiles(dir))
            {
                ct.ThrowIfCancellationRequested();
                var name = Path.GetFileName(file);
                if (FileStores.IsSha256(name)) yield return (name, new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero));
            }
        }
        await Task.CompletedTask;
    }
}
