using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Projections;

/// <summary>
/// A read model kept in memory and fed from the global log (tracking, inboxes): queries answer from
/// dictionaries, and a fresh instance caught up from position 0 rebuilds the same state.
/// </summary>
public abstract class InMemoryProjection
{
    /// <summary>Held while applying events and while answering queries, so a query never sees half a batch.</summary>
    protected object Gate { get; } = new();

    public long Checkpoint { get; private set; }

    public async Task CatchUpAsync(IEventStore store, CancellationToken ct = default)
    {
        while (true)
        {
            var batch = await store.ReadAllAsync(Checkpoint, 5000, ct);
            if (batch.Count == 0) return;
            lock (Gate)
                foreach (var e in batch) { Apply(e); Checkpoint = e.Position; }
        }
    }

    protected abstract void Apply(RecordedEvent e);
}
