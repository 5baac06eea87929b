using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Projections;

/// <summary>Feeds a projection from the global log, from its stored checkpoint on.</summary>
public sealed class ProjectionRunner(IEventStore events, IProjectionStorage storage, IProjection projection, int batchSize = 500)
{
    /// <summary>Applies every event after the checkpoint; returns the new checkpoint.</summary>
    public async Task<long> CatchUpAsync(CancellationToken ct = default)
    {
        long checkpoint = await storage.CheckpointAsync(projection.Name, ct);
        while (true)
        {
            var batch = await events.ReadAllAsync(checkpoint, batchSize, ct);
            if (batch.Count == 0) return checkpoint;
            var session = new ProjectionSession(storage, projection.Name);
            foreach (var e in batch) await projection.ApplyAsync(e, session, ct);
            checkpoint = batch[^1].Position;
            await storage.CommitAsync(projection.Name, session.Changes, checkpoint, ct);
            if (batch.Count < batchSize) return checkpoint;
        }
    }

    public async Task<long> RebuildAsync(CancellationToken ct = default)
    {
        await storage.ResetAsync(projection.Name, ct);
        return await CatchUpAsync(ct);
    }
}
