using Saraban.Workflow.EventStore;
using Saraban.Workflow.Files;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Secrets;

namespace Saraban.Workflow.Retention;

public sealed partial class DestructionDesk
{
    public sealed record Outcome(int Destroyed, int EventsErased, int FilesDeleted);

    /// <summary>
    /// Destroys the approved list's lines marked destroy. Each letter first gets its
    /// <c>letter-destroyed</c>, naming every event of its own stream and its routing's (and its key's,
    /// when no live copy still opens with that key) whose data holds content, with the chain hash each
    /// has now; then those events' data is replaced by <see cref="ContentErasure"/>'s. Its files go
    /// unless a letter still kept names the same hash. Refused, with nothing changed, when any line
    /// marked destroy is held or made permanent since. Run again after a crash, it finishes.
    /// </summary>
    public async Task<Outcome> DestroyAsync(string userId, string organizationId, int year, CancellationToken ct = default)
    {
        var actor = Keeper(userId, organizationId);
        var state = await ReadAsync(organizationId, year, ct);
        var letters = new Dictionary<string, (IReadOnlyList<RecordedEvent> Events, LetterKeeping Keeping)>(StringComparer.Ordinal);
        var blocked = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in state.ToDestroy)
        {
            var (events, k) = await KeepingAsync(item.StreamId, ct);
            letters[item.StreamId] = (events, k);
            if (k.OrganizationId != organizationId) blocked[item.StreamId] = $"หนังสือ {item.DocumentNumber} ไม่ใช่ของหน่วยงานนี้ (not this office's letter).";
            else if (k.Held) blocked[item.StreamId] = $"หนังสือ {item.DocumentNumber} ถูกระงับการทำลายไว้ (legal hold) ทำลายไม่ได้ (a letter under a legal hold cannot be destroyed).";
            else if (k.Class == RetentionClass.Permanent) blocked[item.StreamId] = $"หนังสือ {item.DocumentNumber} เก็บตลอดไป ทำลายไม่ได้ (a permanent letter cannot be destroyed).";
        }
        DestructionReview.CheckCarryOut(state, blocked);
        var meta = Correspondence.Meta(actor, null);
        var listStream = DestructionReview.StreamId(organizationId, year);
        int erased = 0;
        // A hundred letters at a time: their announcements in one append, then their erasures in one transaction.
        foreach (var group in letters.Where(l => !PaperLine.TryParse(l.Key, out _, out _)).Chunk(100))
        {
            var announcements = new List<StreamAppend>();
            var erasures = new List<EventErasure>();
            foreach (var (stream, (events, keeping)) in group)
            {
                var (announce, erase) = await DestroyLetterAsync(stream, events, keeping, listStream, meta, ct);
                if (announce is not null) announcements.Add(announce);
                erasures.AddRange(erase);
            }
            if (announcements.Count > 0) await store.AppendAsync(announcements, ct);
            erased += await store.EraseAsync(erasures, ct);
        }
        // Letters sent on paper under reserved numbers: each reservation's numbers announced in one append, then erased.
        var paper = letters.Keys.Select(k => (Ok: PaperLine.TryParse(k, out var r, out var n), Reservation: r, Number: n)).Where(p => p.Ok).GroupBy(p => p.Reservation);
        foreach (var reservation in paper)
            erased += await DestroyPaperAsync(reservation.Key, [.. reservation.Select(p => p.Number)],
                letters[PaperLine.Id(reservation.Key, reservation.First().Number)].Events.Count, listStream, meta, ct);
        var filesDeleted = await DeleteFilesAsync([.. letters.Keys], ct);
        await store.AppendAsync(listStream, ExpectedVersion.Exactly(state.Version),
            [types.ToEventData(new DestructionCarriedOut([.. letters.Keys], filesDeleted, actor.User.Id), meta)], ct);
        return new Outcome(letters.Count, erased, filesDeleted);
    }

    /// <summary>The letter's announcement (none when it was announced before a crash) and the erasures it announces.</summary>
    private async Task<(StreamAppend? Announce, List<EventErasure> Erase)> DestroyLetterAsync(string stream, IReadOnlyList<RecordedEvent> events, LetterKeeping keeping,
        string listStream, EventMetadata meta, CancellationToken ct)
    {
        if (events.LastOrDefault(e => e.Type == Erasures.EventType) is { } done)
        {
            // Announced before a crash cut it short: erase what it named, exactly as it named it.
            var announced = Erasures.Announced(done.Data).Select(a => a.Position).ToHashSet();
            var stored = await ReadAllOfAsync(Erasures.Announced(done.Data).Select(a => a.StreamId).Distinct().ToList(), ct);
            return (null, [.. stored.Where(e => announced.Contains(e.Event.Position))
                .Select(e => new EventErasure(e.Event.Position, ContentErasure.Apply(e.Event.Data), e.Hash))]);
        }
        var streams = new List<string> { stream };
        if (stream.StartsWith("in-", StringComparison.Ordinal)) streams.Add(Routing.RoutingInstance.StreamId(Routing.LetterRouting.InstanceId(stream)));
        if (keeping.KeyOf is { } keyOf && !await KeyStillNeededAsync(keyOf, stream, ct)) streams.Add(LetterSecrets.StreamOf(keyOf));
        var all = await ReadAllOfAsync(streams, ct);
        var erasures = all.Select(e => (e.Event, e.Hash, Data: ContentErasure.Apply(e.Event.Data))).Where(e => e.Data != e.Event.Data).ToList();
        var destroyed = new LetterDestroyed(listStream, [.. erasures.Select(e => new ErasedEvent(e.Event.Position, e.Event.StreamId, e.Event.Version,
            e.Event.Type, Convert.ToHexStringLower(e.Hash), Erasures.Digest(e.Data)))], meta.UserId);
        return (new StreamAppend(stream, ExpectedVersion.Exactly(events.Count), [types.ToEventData(destroyed, meta)]),
            [.. erasures.Select(e => new EventErasure(e.Event.Position, e.Data, e.Hash))]);
    }

    /// <summary>
    /// Paper letters' lines of one reservation: each number gets its <c>letter-destroyed</c> on the reservation's stream
    /// (naming its number and its <c>reserved-number-used</c>, whose subject goes), then that event is erased. A number
    /// announced before a crash is erased as announced.
    /// </summary>
    private async Task<int> DestroyPaperAsync(string reservation, IReadOnlyList<int> numbers, long version, string listStream, EventMetadata meta, CancellationToken ct)
    {
        var all = await ReadAllOfAsync([reservation], ct);
        var decoded = all.Select(e => (e.Event, e.Hash, Decoded: types.Deserialize(e.Event))).ToList();
        var announcements = new List<EventData>();
        var erasures = new List<EventErasure>();
        foreach (var n in numbers)
        {
            if (decoded.LastOrDefault(e => e.Decoded is LetterDestroyed { Number: { } m } && m == n).Event is { } done)
            {
                var announced = Erasures.Announced(done.Data).Select(a => a.Position).ToHashSet();
                erasures.AddRange(all.Where(e => announced.Contains(e.Event.Position)).Select(e => new EventErasure(e.Event.Position, ContentErasure.Apply(e.Event.Data), e.Hash)));
                continue;
            }
            var used = decoded.Where(e => e.Decoded is Numbering.ReservedNumberUsed u && u.Number == n)
                .Select(e => (e.Event, e.Hash, Data: ContentErasure.Apply(e.Event.Data))).Where(e => e.Data != e.Event.Data).ToList();
            announcements.Add(types.ToEventData(new LetterDestroyed(listStream, [.. used.Select(e => new ErasedEvent(e.Event.Position, e.Event.StreamId, e.Event.Version,
                e.Event.Type, Convert.ToHexStringLower(e.Hash), Erasures.Digest(e.Data)))], meta.UserId, n), meta));
            erasures.AddRange(used.Select(e => new EventErasure(e.Event.Position, e.Data, e.Hash)));
        }
        if (announcements.Count > 0) await store.AppendAsync([new StreamAppend(reservation, ExpectedVersion.Exactly(version), announcements)], ct);
        return await store.EraseAsync(erasures, ct);
    }

    /// <summary>The streams' events with their positions and chain hashes (sealed first, so every position is known).</summary>
    private async Task<List<(RecordedEvent Event, byte[] Hash)>> ReadAllOfAsync(IReadOnlyList<string> streams, CancellationToken ct)
    {
        await store.HashesAsync([], ct);
        var events = (await store.ReadStreamsAsync(streams, ct)).Values.SelectMany(x => x).ToList();
        var hashes = await store.HashesAsync([.. events.Select(e => e.Position)], ct);
        return [.. events.Where(e => hashes.ContainsKey(e.Position)).Select(e => (e, hashes[e.Position]))];
    }

    /// <summary>
    /// A secret letter's copies are sealed under the sender's key: it goes only with the last of
    /// them, when the sender's own letter and every addressee's copy are destroyed (or never were).
    /// </summary>
    private async Task<bool> KeyStillNeededAsync(string keyOf, string destroying, CancellationToken ct)
    {
        var sender = OutgoingLetter.StreamId(keyOf);
        var sent = await store.ReadStreamAsync(sender, ct: ct);
        var holders = new List<string> { sender };
        foreach (var e in sent)
            switch (types.Deserialize(e))
            {
                case LetterDispatched d: holders.AddRange(d.Addressees.Select(a => $"in-{a.OrganizationId}-{keyOf}")); break;
                case LetterRedirected r: holders.AddRange(r.Addressees.Select(a => $"in-{a.OrganizationId}-{keyOf}")); break;
            }
        if (sent.Count == 0) holders = [destroying]; // a key of the letter's own (a paper letter registered here)
        foreach (var (id, events) in await store.ReadStreamsAsync([.. holders.Where(h => h != destroying).Distinct()], ct))
            if (events.Count > 0 && !LetterKeeping.Of(events, types).Destroyed) return true;
        return false;
    }

    /// <summary>Deletes the destroyed letters' files that no letter still kept names (a delivered copy names its sender's files).</summary>
    private async Task<int> DeleteFilesAsync(IReadOnlyList<string> destroyed, CancellationToken ct)
    {
        var references = await FileReferences.ReadAsync(store, types, ct);
        var live = references.Live();
        var mine = destroyed.Where(references.Letters.ContainsKey).SelectMany(s => references.Letters[s].Files).Select(f => f.Sha256).Distinct().ToList();
        int deleted = 0;
        // Whenever it was stored: the store's times are the machine's, not the (possibly simulated) clock's.
        foreach (var sha in mine.Where(s => !live.ContainsKey(s)))
            if (await files.DeleteAsync(sha, DateTimeOffset.UtcNow.AddYears(100), ct)) deleted++;
        return deleted;
    }
}
