using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Projections;

/// <summary>A read model of one stream that is kept whole in memory (the directory, the users).</summary>
public interface IStreamView<TSelf> where TSelf : class, IStreamView<TSelf>
{
    /// <summary>The stream version applied so far.</summary>
    long Version { get; }

    /// <summary>A copy to apply new events to, so the published view never changes under a reader.</summary>
    TSelf Copy();

    void Apply(object e, DateTimeOffset recordedAt);
}

/// <summary>
/// Keeps such a view current with its stream and records changes: decide on the current view,
/// append at its version, and on a conflict (another node wrote first) decide again.
/// </summary>
public sealed class StreamModel<TView>(IEventStore store, EventTypes types, string streamId, TView empty)
    where TView : class, IStreamView<TView>
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile TView _view = empty;

    public TView Current => _view;

    public async Task<TView> RefreshAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try { return await RefreshLockedAsync(ct); }
        finally { _gate.Release(); }
    }

    /// <summary>Appends what <paramref name="decide"/> returns (nothing when it returns no event); it may throw to refuse.</summary>
    public async Task ChangeAsync(Func<TView, IReadOnlyList<object>> decide, EventMetadata metadata, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            for (int attempt = 0; ; attempt++)
            {
                var view = await RefreshLockedAsync(ct);
                var events = decide(view);
                if (events.Count == 0) return;
                try
                {
                    await store.AppendAsync(streamId, ExpectedVersion.Exactly(view.Version), events.Select(e => types.ToEventData(e, metadata)).ToList(), ct);
                    await RefreshLockedAsync(ct);
                    return;
                }
                catch (WrongExpectedVersionException) when (attempt < 3) { }
            }
        }
        finally { _gate.Release(); }
    }

    private async Task<TView> RefreshLockedAsync(CancellationToken ct)
    {
        var recorded = await store.ReadStreamAsync(streamId, _view.Version + 1, ct: ct);
        if (recorded.Count == 0) return _view;
        var next = _view.Copy();
        foreach (var e in recorded) next.Apply(types.Deserialize(e), e.RecordedAt);
        _view = next;
        return next;
    }
}
