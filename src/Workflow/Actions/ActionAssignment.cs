using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Projections;

namespace Saraban.Workflow.Actions;

/// <summary>
/// Follows the log and, for every letter that reaches an office it asks to act, starts that office's
/// action stream; for every letter that extends an action, moves the deadline of each office it
/// reaches that was asked. Each event it writes has an id derived from (office, action, letter), so
/// a second copy of the circular, a crash half-way, or two nodes doing the same work change nothing.
/// </summary>
public sealed class ActionAssignment(IEventStore store, IProjectionStorage checkpoints, EventTypes types, DirectoryService directory)
{
    public const string Name = "actions";
    private const int PageSize = 5000;
    private const int StreamsPerTransaction = 500;

    /// <summary>How long the last round spent appending deadline moves, for the cascade's figures.</summary>
    public TimeSpan LastMovesTime { get; private set; }

    /// <summary>Assigns and moves everything since the checkpoint; returns how many events it wrote.</summary>
    public async Task<int> CatchUpAsync(CancellationToken ct = default)
    {
        long checkpoint = await checkpoints.CheckpointAsync(Name, ct);
        int written = 0;
        LastMovesTime = TimeSpan.Zero;
        while (true)
        {
            var page = await store.ReadAllAsync(checkpoint, PageSize, ct);
            if (page.Count == 0) return written;
            var arrivals = page.Where(e => e.Type == "letter-arrived").Select(e => (Event: e, Arrival: (LetterArrived)types.Deserialize(e)))
                .Where(x => x.Arrival.Asks is not null || x.Arrival.Extends is not null).ToList();
            if (arrivals.Count > 0)
            {
                written += await AssignAsync(arrivals, ct);
                var started = Stopwatch.GetTimestamp();
                written += await MoveAsync(arrivals, ct);
                LastMovesTime += Stopwatch.GetElapsedTime(started);
            }
            checkpoint = page[^1].Position;
            await checkpoints.CommitAsync(Name, new Dictionary<string, string?>(), checkpoint, ct);
        }
    }

    private async Task<int> AssignAsync(IReadOnlyList<(RecordedEvent Event, LetterArrived Arrival)> arrivals, CancellationToken ct)
    {
        var view = directory.Current;
        var appends = new Dictionary<string, StreamAppend>(StringComparer.Ordinal);
        foreach (var (e, a) in arrivals)
        {
            if (a.Asks is not { } asks || view.Find(a.OrganizationId) is not { } office) continue;
            foreach (var spec in asks.Actions.Where(s => s.Asks(office)))
            {
                var stream = RequestedAction.StreamId(office.Id, asks.Origin, spec.Key);
                if (appends.ContainsKey(stream)) continue;
                var (due, session) = spec.Due.For(office, view) ?? (spec.Due.Sessions!.Max(s => s.ReplyBy), null);
                var assigned = new ActionAssigned(office.Id, asks.Origin, spec.Key, spec.Kind, spec.Title, spec.Forms, spec.Due.Opens, due, session,
                    spec.RemindDaysBefore, e.StreamId, a.DocumentNumber, e.RecordedAt);
                appends[stream] = new StreamAppend(stream, ExpectedVersion.Any,
                    [types.ToEventData(assigned, Meta(e), IdOf($"assigned:{stream}"))]);
            }
        }
        return await AppendAllAsync(appends.Values.ToList(), ct);
    }

    private async Task<int> MoveAsync(IReadOnlyList<(RecordedEvent Event, LetterArrived Arrival)> arrivals, CancellationToken ct)
    {
        var wanted = arrivals.Where(x => x.Arrival.Extends is not null)
            .SelectMany(x => x.Arrival.Extends!.Select(ext => (x.Event, x.Arrival, Ext: ext, Stream: RequestedAction.StreamId(x.Arrival.OrganizationId, ext.Origin, ext.Key))))
            .ToList();
        int written = 0;
        foreach (var chunk in wanted.Chunk(StreamsPerTransaction))
        {
            // Only offices that were asked have an action whose deadline can move; relay offices pass the letter on.
            var existing = await store.ReadStreamsAsync(chunk.Select(c => c.Stream).Distinct().ToList(), ct);
            var appends = new Dictionary<string, StreamAppend>(StringComparer.Ordinal);
            foreach (var (e, a, ext, stream) in chunk)
            {
                if (existing[stream].Count == 0 || appends.ContainsKey(stream)) continue;
                var moved = new ActionDeadlineMoved(ext.NewDue, e.StreamId, a.DocumentNumber, e.RecordedAt);
                appends[stream] = new StreamAppend(stream, ExpectedVersion.Any, [types.ToEventData(moved, Meta(e), IdOf($"moved:{stream}:{e.StreamId}"))]);
            }
            written += await AppendAllAsync(appends.Values.ToList(), ct);
        }
        return written;
    }

    private async Task<int> AppendAllAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        int written = 0;
        foreach (var chunk in appends.Chunk(StreamsPerTransaction))
        {
            try
            {
                await store.AppendAsync(chunk, ct);
            }
            catch (DuplicateEventIdException)
            {
                // Part of this was written before (a crash, another node): one by one, the stored ones are recognized.
                foreach (var single in chunk) await store.AppendAsync([single], ct);
            }
            written += chunk.Length;
        }
        return written;
    }

    private static EventMetadata Meta(RecordedEvent arrival) => arrival.Metadata with { CausationId = arrival.EventId };

    private static Guid IdOf(string text) => new(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
}
