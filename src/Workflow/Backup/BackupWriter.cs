using System.IO.Compression;
using System.Text.Json;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Files;

namespace Saraban.Workflow.Backup;

/// <summary>
/// An online backup (สำรองข้อมูล) in a format of our own, the same from either backend: a zip of the log
/// (every event with its chain hash, one JSON line each), the files its letters carry, and the
/// projections' checkpoints and snapshots. The views are not in it: a restore rebuilds them.
/// </summary>
/// <remarks>
/// Consistent while serving without holding a transaction open: the checkpoints and snapshots are
/// read first, then the log's head, and the log up to that head. Events never change once written, so
/// what is below the head is the same whenever it is read, and every checkpoint read before the head
/// is at or below it (its deliveries were appended before it moved). The master key is not in it.
/// </remarks>
public static class BackupWriter
{
    public const string EventsEntry = "events.jsonl", DocumentsEntry = "projections.jsonl", FilesFolder = "files/";
    private const int Page = 5000;

    // Thai as UTF-8 (3 bytes a letter), not \u0E.. escapes (6): the lines are read back by our own reader only.
    private static readonly JsonWriterOptions Lines = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<BackupManifest> WriteAsync(IEventStore store, Stream output, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        var documents = await StoreTables.ReadProjectionsAsync(store, ct);
        var head = await store.HeadPositionAsync(ct);
        var files = FileStores.For(store);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);

        long count = 0;
        var previous = EventChain.Genesis.ToArray();
        await using (var events = zip.CreateEntry(EventsEntry, CompressionLevel.Fastest).Open())
        await using (var json = new Utf8JsonWriter(events, Lines))
        {
            for (long after = 0; after < head;)
            {
                var page = await store.ReadAllAsync(after, (int)Math.Min(Page, head - after), ct);
                if (page.Count == 0) throw new BackupException($"the log ended at {after}, below its head {head}: try again");
                foreach (var e in page)
                {
                    previous = EventChain.Next(previous, e);
                    EventLine.Write(json, events, e, previous);
                }
                await json.FlushAsync(ct);
                count += page.Count;
                after = page[^1].Position;
                progress?.Report(after);
            }
        }
        await using (var docs = zip.CreateEntry(DocumentsEntry, CompressionLevel.Fastest).Open())
        await using (var json = new Utf8JsonWriter(docs, Lines))
            foreach (var d in documents) ProjectionLine.Write(json, docs, d);

        int fileCount = 0;
        await foreach (var (sha256, _) in files.ListAsync(ct))
        {
            await using var content = await files.OpenAsync(sha256, ct);
            if (content is null) continue; // swept since it was listed
            await using var entry = zip.CreateEntry(FilesFolder + sha256, CompressionLevel.NoCompression).Open();
            await content.CopyToAsync(entry, ct);
            fileCount++;
        }

        var manifest = new BackupManifest(BackupManifest.FormatName, BackupManifest.CurrentVersion, store.Backend, DateTimeOffset.UtcNow, head, count,
            Convert.ToHexStringLower(previous), fileCount, documents.Count);
        await using (var m = zip.CreateEntry(BackupManifest.EntryName).Open())
            await JsonSerializer.SerializeAsync(m, manifest, BackupManifest.Json, ct);
        return manifest;
    }
}
