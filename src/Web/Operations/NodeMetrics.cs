using System.Diagnostics.Metrics;

namespace Saraban.Web.Operations;

/// <summary>
/// The node's own figures on <c>/metrics</c>, beside ASP.NET Core's request rates and durations: the
/// log's head (its rate is the appends per second of every node together), each view's lag behind
/// it, and how far delivery is behind. An observable instrument is read synchronously, and these are
/// database reads, so <see cref="MetricsSampler"/> takes them every few seconds and they are read here.
/// </summary>
internal sealed class NodeMetrics
{
    public const string MeterName = "Saraban";

    private long _head = -1, _deliveryLag = -1;
    private IReadOnlyList<(string View, long Lag)> _viewLags = [];

    public NodeMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("saraban.log.events", () => Known(Volatile.Read(ref _head)), "{event}",
            "Events in the log (its head position); rate() gives the events appended per second");
        meter.CreateObservableGauge("saraban.view.lag", () => Volatile.Read(ref _viewLags)
            .Select(v => new Measurement<long>(v.Lag, new KeyValuePair<string, object?>("view", v.View))), "{event}",
            "Events of the log a stored view has not applied yet");
        meter.CreateObservableGauge("saraban.delivery.lag", () => Known(Volatile.Read(ref _deliveryLag)), "{event}",
            "Events of the log delivery has not read yet: dispatched letters waiting to reach their addressees' inboxes");
    }

    public void Update(long head, IReadOnlyList<(string View, long Lag)> viewLags, long deliveryLag)
    {
        Volatile.Write(ref _viewLags, viewLags);
        Volatile.Write(ref _deliveryLag, deliveryLag);
        Volatile.Write(ref _head, head);
    }

    /// <summary>Nothing is reported before the first sample: a zero would read as an empty log.</summary>
    private static IEnumerable<Measurement<long>> Known(long value) => value < 0 ? [] : [new Measurement<long>(value)];
}
