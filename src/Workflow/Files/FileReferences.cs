using Saraban.Workflow.EventStore;
using Saraban.Workflow.Letters;

namespace Saraban.Workflow.Files;

/// <summary>
/// Which stored files the log still needs, read from the log itself (one pass): every file of a
/// draft or letter that was not taken out again, unless the draft was discarded or the letter
/// destroyed. A delivered letter's files are its sender's; each delivered copy names them too, so a
/// sender's destroying its letter leaves the files its addressees still keep.
/// </summary>
public sealed class FileReferences
{
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal)
        { "letter-drafted", "letter-signed", "letter-dispatched", "enclosure-attached", "enclosure-removed", "draft-discarded", "paper-scan-kept",
          "sent-pdf-kept", "letter-arrived", Retention.ContentErasure.DestroyedType };

    /// <summary>A letter's stream, as far as its files go.</summary>
    public sealed record Letter(string StreamId, long Version, DateTimeOffset LastActivity, bool Dispatched, bool Discarded, IReadOnlyList<Enclosure> Files);

    public required IReadOnlyDictionary<string, Letter> Letters { get; init; }
    public required long EventsRead { get; init; }

    /// <summary>Every file some live letter needs, with the first letter that needs it (for messages).</summary>
    public IReadOnlyDictionary<string, (Letter Letter, int Number, Enclosure File)> Live() =>
        Letters.Values.Where(l => !l.Discarded)
            .SelectMany(l => l.Files.Select((f, i) => (Letter: l, Number: i + 1, File: f)))
            .GroupBy(x => x.File.Sha256)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public static async Task<FileReferences> ReadAsync(IEventStore store, EventTypes types, CancellationToken ct = default)
    {
        var letters = new Dictionary<string, Letter>(StringComparer.Ordinal);
        long position = 0, read = 0;
        while (true)
        {
            var batch = await store.ReadAllAsync(position, 5000, ct);
            if (batch.Count == 0) break;
            foreach (var e in batch)
            {
                if (!Types.Contains(e.Type)) continue;
                // Paper letters' scans are their receivers' own files; every other file is its sender's.
                if (!e.StreamId.StartsWith("out-", StringComparison.Ordinal) && e.Type is not ("paper-scan-kept" or "letter-arrived" or Retention.ContentErasure.DestroyedType)) continue;
                letters.TryGetValue(e.StreamId, out var l);
                l ??= new Letter(e.StreamId, 0, e.RecordedAt, false, false, []);
                l = types.Deserialize(e) switch
                {
                    EnclosureAttached a => l with { Files = [.. l.Files, a.File] },
                    EnclosureRemoved r => l with { Files = [.. l.Files.Where((_, i) => i != r.Number - 1)] },
                    DraftDiscarded => l with { Discarded = true },
                    LetterDispatched => l with { Dispatched = true },
                    PaperScanKept k => l with { Dispatched = true, Files = [.. l.Files, k.Original, k.Stamped] },
                    LetterArrived a => l with { Dispatched = true, Files = [.. l.Files, .. a.Files ?? []] },
                    Retention.LetterDestroyed => l with { Discarded = true },
                    SentPdfKept k => l with { Files = [.. l.Files, k.Pdf] },
                    _ => l,
                };
                letters[e.StreamId] = l with { Version = e.Version, LastActivity = e.RecordedAt };
            }
            read += batch.Count;
            position = batch[^1].Position;
        }
        return new FileReferences { Letters = letters, EventsRead = read };
    }
}
