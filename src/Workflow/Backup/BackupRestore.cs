using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Files;

namespace Saraban.Workflow.Backup;

/// <summary>
/// Restores a backup into an empty store of either backend. Everything is checked as it is read — the
/// manifest, each event's place and chain hash, the count and the last hash against the manifest, each
/// file's SHA-256 — and the target shows nothing until all of it held. The views are rebuilt from the
/// restored log by the node that opens it.
/// </summary>
public static class BackupRestore
{
    private const int Page = 5000;

    public static async Task<BackupManifest> RestoreAsync(string backupPath, StoreOptions target, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        await using var file = OpenFile(backupPath);
        using var zip = OpenZip(file, backupPath);
        var manifest = ReadManifest(zip, backupPath);
        await using var into = await IRestoreTarget.OpenAsync(target, ct);
        try
        {
            await RestoreEventsAsync(zip, manifest, into, progress, ct);
            int documents = 0;
            foreach (var line in Lines(zip, BackupWriter.DocumentsEntry))
            {
                await into.WriteProjectionAsync(ProjectionLine.Read(line), ct);
                documents++;
            }
            if (documents != manifest.Documents) throw Broken($"it holds {documents} projection rows where its manifest says {manifest.Documents}");
            int files = 0;
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith(BackupWriter.FilesFolder, StringComparison.Ordinal)))
            {
                await RestoreFileAsync(entry, into, ct);
                files++;
            }
            if (files != manifest.Files) throw Broken($"it holds {files} files where its manifest says {manifest.Files}");
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or KeyNotFoundException or FormatException or EndOfStreamException)
        {
            throw Broken($"{ex.GetType().Name}: {ex.Message}");
        }
        await into.CommitAsync(ct);
        return manifest;
    }

    private static async Task RestoreEventsAsync(ZipArchive zip, BackupManifest manifest, IRestoreTarget into, IProgress<long>? progress, CancellationToken ct)
    {
        var previous = EventChain.Genesis.ToArray();
        long position = 0;
        var page = new List<(RecordedEvent, byte[])>(Page);
        foreach (var line in Lines(zip, BackupWriter.EventsEntry))
        {
            var (e, hash) = EventLine.Read(line);
            if (e.Position != position + 1) throw Broken($"event {e.Position} follows {position}: the log is not whole");
            previous = EventChain.Next(previous, e);
            if (!string.Equals(Convert.ToHexStringLower(previous), hash, StringComparison.Ordinal))
                throw Broken($"the chain breaks at position {e.Position}: the event or one before it was altered");
            position = e.Position;
            page.Add((e, previous));
            if (page.Count < Page) continue;
            await into.WriteEventsAsync(page, ct);
            progress?.Report(position);
            page = new List<(RecordedEvent, byte[])>(Page);
        }
        if (page.Count > 0) await into.WriteEventsAsync(page, ct);
        if (position != manifest.Head || Convert.ToHexStringLower(previous) != manifest.ChainHead)
            throw Broken($"its log ends at {position:N0} where its manifest says {manifest.Head:N0} (truncated or altered)");
        progress?.Report(position);
    }

    private static async Task RestoreFileAsync(ZipArchiveEntry entry, IRestoreTarget into, CancellationToken ct)
    {
        var sha256 = entry.FullName[BackupWriter.FilesFolder.Length..];
        if (!FileStores.IsSha256(sha256)) throw Broken($"it holds a file named '{entry.FullName}', not by its SHA-256");
        System.IO.Directory.CreateDirectory(into.Scratch);
        var path = Path.Combine(into.Scratch, sha256);
        await using (var content = entry.Open())
        await using (var copy = File.Create(path))
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var buffer = new byte[81920];
            for (int n; (n = await content.ReadAsync(buffer, ct)) > 0;)
            {
                hash.AppendData(buffer, 0, n);
                await copy.WriteAsync(buffer.AsMemory(0, n), ct);
            }
            if (Convert.ToHexStringLower(hash.GetHashAndReset()) != sha256) throw Broken($"the file {sha256} in it does not hash to its name (altered)");
        }
        await into.WriteFileAsync(sha256, path, ct);
    }

    private static FileStream OpenFile(string path)
    {
        try { return File.OpenRead(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { throw new BackupException($"cannot read the backup {path}: {ex.Message}", ex); }
    }

    private static ZipArchive OpenZip(Stream file, string path)
    {
        try { return new ZipArchive(file, ZipArchiveMode.Read); }
        catch (InvalidDataException ex) { throw new BackupException($"{path} is not a Saraban backup, or it is truncated ({ex.Message})", ex); }
    }

    private static BackupManifest ReadManifest(ZipArchive zip, string path)
    {
        var entry = zip.GetEntry(BackupManifest.EntryName) ?? throw new BackupException($"{path} is not a Saraban backup: it has no {BackupManifest.EntryName}");
        BackupManifest? manifest;
        try
        {
            using var s = entry.Open();
            manifest = JsonSerializer.Deserialize<BackupManifest>(s, BackupManifest.Json);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException) { throw new BackupException($"{path}: its manifest is unreadable ({ex.Message})", ex); }
        if (manifest?.Format != BackupManifest.FormatName) throw new BackupException($"{path} is not a Saraban backup (format '{manifest?.Format}')");
        if (manifest.Version > BackupManifest.CurrentVersion)
            throw new BackupException($"{path} was made by a newer Saraban (backup format {manifest.Version}; this one reads up to {BackupManifest.CurrentVersion}): upgrade first");
        return manifest;
    }

    private static IEnumerable<string> Lines(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw Broken($"it has no {name}");
        using var reader = new StreamReader(entry.Open());
        while (reader.ReadLine() is { } line)
            if (line.Length > 0) yield return line;
    }

    private static BackupException Broken(string why) => new($"the backup cannot be restored: {why}; nothing was written");
}
