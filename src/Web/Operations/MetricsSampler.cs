using Saraban.Web.Serving;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Projections;

namespace Saraban.Web.Operations;

/// <summary>Reads the log's head, the views' positions and delivery's checkpoint for <see cref="NodeMetrics"/>.</summary>
internal sealed class MetricsSampler(ReadyGate gate, IServiceProvider services, IEventStore store, IProjectionStorage checkpoints, NodeMetrics metrics,
    ILogger<MetricsSampler> log)
    : Polling(gate, Every, log)
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        var head = await store.HeadPositionAsync(ct);
        var views = await services.GetRequiredService<Services>().Views.Stored.StatusAsync(ct); // resolved once the gate is open
        var delivered = await checkpoints.CheckpointAsync(Delivery.Name, ct);
        metrics.Update(head, views.Select(v => (v.Name, v.Lag)).ToList(), Math.Max(0, head - delivered));
    }
}
