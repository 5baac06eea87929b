using System.Security.Cryptography;
using System.Text;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Directory;
using Saraban.Workflow.Projections;
using Saraban.Workflow.Routing;

namespace Saraban.Workflow.Letters;

/// <summary>
/// Puts every dispatched letter into each addressee's incoming queue, exactly once. It follows the
/// log from its stored checkpoint, so a process that dies half-way through a dispatch to 1,000
/// offices resumes it on restart; each delivery has an event id derived from (letter, addressee),
/// so one already made is recognized as such and never made twice.
/// </summary>
/// <param name="routing">When given, each delivery also starts the routing its office follows, in the same transaction.</param>
public sealed class Delivery(IEventStore store, IProjectionStorage checkpoints, EventTypes types, LetterRouting? routing = null, DirectoryService? directory = null)
{
    public const string Name = "delivery";
    private const int StreamsPerTransaction = 200;
    // Enough dispatches side by side for the store to group their deliveries into few commits;
    // read in big pages, since each read of the log on PostgreSQL first seals what committed.
    private const int Parallelism = 32;
    private const int PageSize = 5000;

    /// <summary>For tests of a crash: called before each group of deliveries with the count made so far.</summary>
    internal Action<int>? BeforeGroup { get; init; }

    /// <summary>Delivers everything dispatched since the checkpoint; returns how many deliveries were made.</summary>
    public async Task<int> CatchUpAsync(CancellationToken ct = default)
    {
        long checkpoint = await checkpoints.CheckpointAsync(Name, ct);
        int made = 0;
        while (true)
        {
            var batch = await store.ReadAllAsync(checkpoint, PageSize, ct);
            if (batch.Count == 0) return made;
            // Dispatches are independent of each other: deliver them side by side, then move the
            // checkpoint past the whole batch (a crash before that redoes them, harmlessly).
            await Parallel.ForEachAsync(batch.Where(e => e.Type is "letter-dispatched" or "letter-redirected"),
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
                async (e, token) => Interlocked.Add(ref made, await DeliverAsync(e, token)));
            checkpoint = batch[^1].Position;
            await checkpoints.CommitAsync(Name, new Dictionary<string, string?>(), checkpoint, ct);
        }
    }

    private async Task<int> DeliverAsync(RecordedEvent dispatchedEvent, CancellationToken ct)
    {
        var letterId = dispatchedEvent.StreamId["out-".Length..];
        OutgoingLetter letter = OutgoingLetter.Empty;
        foreach (var e in await store.ReadStreamAsync(dispatchedEvent.StreamId, ct: ct)) letter = letter.Apply(types.Deserialize(e));
        // A letter sent on to further offices (after a return) is delivered to them as its dispatch was, under the same number.
        var dispatched = types.Deserialize(dispatchedEvent) switch
        {
            LetterRedirected r => letter.Dispatch! with { Addressees = r.Addressees },
            var d => (LetterDispatched)d,
        };
        var meta = dispatchedEvent.Metadata with { CausationId = dispatchedEvent.EventId };

        int made = 0;
        foreach (var group in dispatched.Addressees.Chunk(StreamsPerTransaction))
        {
            BeforeGroup?.Invoke(made);
            var perAddressee = group.Select(a => DeliveryAppends(letter, dispatched, dispatchedEvent, letterId, a.OrganizationId, meta)).ToList();
            try
            {
                await store.AppendAsync(perAddressee.SelectMany(x => x).ToList(), ct);
            }
            catch (EventStoreException ex) when (ex is WrongExpectedVersionException or DuplicateEventIdException)
            {
                // Part of this group was delivered before a crash: deliver one by one; those already
                // made come back as stored (same event ids) and are left as they are.
                foreach (var single in perAddressee)
                    try { await store.AppendAsync(single, ct); }
                    catch (WrongExpectedVersionException) { await EnsureSameDeliveryAsync(single[0], ct); }
            }
            made += group.Length;
        }
        return made;
    }

    private IReadOnlyList<StreamAppend> DeliveryAppends(OutgoingLetter letter, LetterDispatched dispatched, RecordedEvent dispatchedEvent, string letterId, string addressee, EventMetadata meta)
    {
        var stream = IncomingLetter.StreamId(addressee, letterId);
        var arrival = types.ToEventData(Arrival(letter, dispatched, letterId, addressee), meta, DeliveryId(letterId, addressee));
        var delivery = new StreamAppend(stream, ExpectedVersion.NoStream, [arrival]);
        return routing is not null && directory is not null && routing.Start(directory.Current.Get(addressee), stream, dispatchedEvent.RecordedAt, arrival) is { } start
            ? [delivery, start]
            : [delivery];
    }

    private async Task EnsureSameDeliveryAsync(StreamAppend delivery, CancellationToken ct)
    {
        var first = (await store.ReadStreamAsync(delivery.StreamId, 1, 1, ct)).FirstOrDefault();
        if (first?.EventId != delivery.Events[0].EventId)
            throw new EventStoreException($"Stream {delivery.StreamId} holds something other than this delivery.");
    }

    private static LetterArrived Arrival(OutgoingLetter letter, LetterDispatched d, string letterId, string addressee) => new(
        addressee, ArrivalChannel.Electronic, letterId, letter.OrganizationId, d.SenderName, d.DocumentNumber, d.Date, letter.Content!,
        letter.OriginLetterId ?? letterId, letter.ActionDue, letter.Signature?.SignerName, letter.Signature?.PositionLines ?? [],
        letter.Asks, letter.Extends is { Count: > 0 } x ? x : null, letter.Files is { Count: > 0 } f ? f : null);

    /// <summary>The same (letter, addressee) always gives the same event id: the store refuses to make a delivery twice.</summary>
    internal static Guid DeliveryId(string letterId, string addressee)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"delivery:{letterId}:{addressee}"));
        return new Guid(hash.AsSpan(0, 16));
    }
}
