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
/// <remarks>
/// With <paramref name="snapshots"/>, the first refresh starts from the stored snapshot when there is
/// one of this shape whose last event is the stream's event at its version (a snapshot of another
/// log, or one that cannot be read, is ignored: the whole stream is read), and reads only the
/// events after it. <see cref="SaveSnapshotAsync"/> stores a new one.
/// </remarks>
public sealed class StreamModel<TView>(IEventStore store, EventTypes types, string streamId, TView empty, StreamSnapshots<TView>? snapshots = null)
    where TView : class, IStreamView<TView>
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _pendingLock = new();
    private TaskCompletionSource<TView>? _pending;
    private volatile TView _view = empty;
    private Guid _lastEventId;
    private long _snapshotVersion;
    private bool _snapshotTried;

    public TView Current => _view;

    /// <summary>The stream version of the snapshot this model started from or last stored (0: none).</summary>
    public long SnapshotVersion => Volatile.Read(ref _snapshotVersion);

    /// <summary>
    /// Stores the current view as the stream's snapshot when there is none yet or it has moved at
    /// least <paramref name="minNewEvents"/> events past the last one; returns whether it stored one.
    /// </summary>
    public async Task<bool> SaveSnapshotAsync(int minNewEvents = 1, CancellationToken ct = default)
    {
        if (snapshots is null) return false;
        TView view;
        Guid last;
        await _gate.WaitAsync(ct);
        try
        {
            view = await RefreshLockedAsync(ct);
            last = _lastEventId;
        }
        finally { _gate.Release(); }
        if (view.Version == 0 || (SnapshotVersion > 0 && view.Version - SnapshotVersion < minNewEvents)) return false;
        // The view is never changed once published, so it is written outside the gate.
        await snapshots.Storage.CommitAsync(snapshots.Projection(streamId),
            new Dictionary<string, string?> { [snapshots.Shape] = snapshots.Serialize(view, view.Version, last) }, view.Version, ct);
        Volatile.Write(ref _snapshotVersion, view.Version);
        return true;
    }

    /// <summary>
    /// The view with every event of the stream that was stored before this call. Callers that come
    /// while a read is waiting to begin share it: each still sees what was stored before it asked,
    /// and a node answering hundreds of requests a second reads the stream once per round trip to
    /// the database instead of once per request, one after the other behind the gate.
    /// </summary>
    public Task<TView> RefreshAsync(CancellationToken ct = default)
    {
        TaskCompletionSource<TView> read;
        bool begin = false;
        lock (_pendingLock)
        {
            if (_pending is null) { _pending = new(TaskCreationOptions.RunContinuationsAsynchronously); begin = true; }
            read = _pending;
        }
        if (begin) _ = ReadForAllAsync(read);
        return read.Task.WaitAsync(ct);
    }

    private async Task ReadForAllAsync(TaskCompletionSource<TView> read)
    {
        try
        {
            await _gate.WaitAsync();
            try
            {
                // From here on a newcomer may have asked after this read looked: it needs the next one.
                lock (_pendingLock) if (ReferenceEquals(_pending, read)) _pending = null;
                read.SetResult(await RefreshLockedAsync(CancellationToken.None));
            }
            finally { _gate.Release(); }
        }
        catch (Exception ex)
        {
            lock (_pendingLock) if (ReferenceEquals(_pending, read)) _pending = null;
            read.TrySetException(ex);
        }
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
        if (!_snapshotTried)
        {
            _snapshotTried = true;
            if (snapshots is not null && _view.Version == 0) await StartFromSnapshotAsync(snapshots, ct);
        }
        var recorded = await store.ReadStreamAsync(streamId, _view.Version + 1, ct: ct);
        if (recorded.Count == 0) return _view;
        var next = _view.Copy();
        foreach (var e in recorded) next.Apply(types.Deserialize(e), e.RecordedAt);
        _lastEventId = recorded[^1].EventId;
        _view = next;
        return next;
    }

    private async Task StartFromSnapshotAsync(StreamSnapshots<TView> s, CancellationToken ct)
    {
        var body = await s.Storage.LoadAsync(s.Projection(streamId), s.Shape, ct);
        if (body is null) return;
        TView view;
        (long Version, Guid LastEventId, IReadOnlyList<string?[]> Rows)? snapshot;
        try
        {
            snapshot = s.Parse(body);
            if (snapshot is not { } found || found.Version < 1) return;
            var at = await store.ReadStreamAsync(streamId, found.Version, 1, ct);
            if (at.Count != 1 || at[0].EventId != found.LastEventId) return; // not this log's stream: read it all
            view = s.Read(found.Rows, found.Version);
            if (view.Version != found.Version) return;
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or ArgumentException or KeyNotFoundException
                                       or InvalidOperationException or IndexOutOfRangeException or OverflowException)
        {
            return; // a snapshot this code cannot read: the stream is read instead
        }
        _lastEventId = snapshot.Value.LastEventId;
        _snapshotVersion = snapshot.Value.Version;
        _view = view;
    }
}
