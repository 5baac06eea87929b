using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Directory;

/// <summary>Keeps the directory's view current with its stream, and records changes to it.</summary>
public sealed class DirectoryService(IEventStore store, EventTypes types)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile DirectoryView _view = DirectoryView.Empty;

    public DirectoryView Current => _view;

    /// <summary>Applies what other nodes recorded since this view was built.</summary>
    public async Task<DirectoryView> RefreshAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try { return await RefreshLockedAsync(ct); }
        finally { _gate.Release(); }
    }

    /// <summary>Registers the national directory shipped with the program, once: a loaded directory is left as it is.</summary>
    /// <returns>How many offices were registered (0 when the directory was loaded before).</returns>
    public async Task<int> ImportShippedAsync(EventMetadata metadata, CancellationToken ct = default)
    {
        var organizations = DirectoryCsv.LoadShipped();
        int added = 0;
        await ChangeAsync(view =>
        {
            if (view.Count > 0) return [];
            var events = OrganizationDirectory.DecideRegister(view, organizations);
            added = events.Count;
            return events;
        }, metadata, ct);
        return added;
    }

    public Task RegisterAsync(IReadOnlyList<Organization> organizations, EventMetadata metadata, CancellationToken ct = default) =>
        ChangeAsync(view => OrganizationDirectory.DecideRegister(view, organizations), metadata, ct);

    public Task RenameAsync(string id, string name, string headTitle, EventMetadata metadata, CancellationToken ct = default) =>
        ChangeAsync(view => [OrganizationDirectory.DecideRename(view, id, name, headTitle)], metadata, ct);

    public Task ChangeTypeAsync(string id, OrganizationType type, string name, string headTitle, EventMetadata metadata, CancellationToken ct = default) =>
        ChangeAsync(view => [OrganizationDirectory.DecideChangeType(view, id, type, name, headTitle)], metadata, ct);

    public Task SetLetterPrefixAsync(string id, string prefix, EventMetadata metadata, CancellationToken ct = default) =>
        ChangeAsync(view => [OrganizationDirectory.DecideSetPrefix(view, id, prefix)], metadata, ct);

    private async Task ChangeAsync(Func<DirectoryView, IReadOnlyList<object>> decide, EventMetadata metadata, CancellationToken ct)
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
                    await store.AppendAsync(OrganizationDirectory.StreamId, ExpectedVersion.Exactly(view.Version),
                        events.Select(e => types.ToEventData(e, metadata)).ToList(), ct);
                    await RefreshLockedAsync(ct);
                    return;
                }
                catch (WrongExpectedVersionException) when (attempt < 3)
                {
                    // Another node changed the directory first: decide again on what it wrote.
                }
            }
        }
        finally { _gate.Release(); }
    }

    private async Task<DirectoryView> RefreshLockedAsync(CancellationToken ct)
    {
        var recorded = await store.ReadStreamAsync(OrganizationDirectory.StreamId, _view.Version + 1, ct: ct);
        if (recorded.Count == 0) return _view;
        var next = _view.Copy();
        foreach (var e in recorded) next.Apply(types.Deserialize(e), e.RecordedAt);
        _view = next;
        return next;
    }
}
