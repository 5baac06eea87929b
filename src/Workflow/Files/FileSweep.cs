using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Files;

/// <summary>
/// Clears away what abandoned drafts leave: a draft with files, never sent and untouched for
/// <see cref="IdleDays"/>, is discarded (an event, so the log says why its files went), then every
/// stored file no live letter names is deleted, once it is older than <see cref="Grace"/> (an
/// upload whose event is still on its way is not touched).
/// </summary>
public sealed class FileSweep(IEventStore store, EventTypes types, IFileStore files, TimeProvider clock)
{
    public int IdleDays { get; init; } = 30;
    public TimeSpan Grace { get; init; } = TimeSpan.FromHours(24);

    public sealed record Result(int DraftsDiscarded, int FilesDeleted, int FilesKept);

    public async Task<Result> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var references = await FileReferences.ReadAsync(store, types, ct);
        int discarded = 0;
        foreach (var l in references.Letters.Values.Where(l => !l.Dispatched && !l.Discarded && l.Files.Count > 0 && now - l.LastActivity > TimeSpan.FromDays(IdleDays)))
        {
            var meta = EventMetadata.System(Guid.CreateVersion7());
            try
            {
                await store.AppendAsync(l.StreamId, ExpectedVersion.Exactly(l.Version),
                    [types.ToEventData(new DraftDiscarded("system", $"ร่างค้างไว้เกิน {IdleDays} วัน"), meta)], ct);
                discarded++;
            }
            catch (WrongExpectedVersionException) { } // someone took the draft up again just now: it is not abandoned
        }
        if (discarded > 0) references = await FileReferences.ReadAsync(store, types, ct);
        var live = references.Live();
        int deleted = 0, kept = 0;
        var gone = new List<string>();
        await foreach (var (sha, storedAt) in files.ListAsync(ct))
        {
            if (live.ContainsKey(sha) || now - storedAt < Grace) kept++;
            else gone.Add(sha);
        }
        foreach (var sha in gone)
            if (await files.DeleteAsync(sha, now - Grace, ct)) deleted++;
            else kept++;
        return new Result(discarded, deleted, kept);
    }
}
