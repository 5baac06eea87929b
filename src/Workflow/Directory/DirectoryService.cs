using Saraban.Workflow.EventStore;
using Saraban.Workflow.Projections;

namespace Saraban.Workflow.Directory;

/// <summary>Keeps the directory's view current with its stream, and records changes to it.</summary>
/// <param name="snapshots">Where to keep the directory's snapshot (a node starts from it instead of every event); none when null.</param>
public sealed class DirectoryService(IEventStore store, EventTypes types, IProjectionStorage? snapshots = null)
{
    public const string SnapshotShape = "directory.v1";

    private readonly StreamModel<DirectoryView> _model = new(store, types, OrganizationDirectory.StreamId, DirectoryView.Empty,
        snapshots is null ? null : new StreamSnapshots<DirectoryView>(snapshots, SnapshotShape, v => v.SnapshotRows(), DirectoryView.FromSnapshot));

    public DirectoryView Current => _model.Current;

    /// <summary>Stores the directory's snapshot when it has moved at least <paramref name="minNewEvents"/> events past the last one.</summary>
    public Task<bool> SaveSnapshotAsync(int minNewEvents = 1, CancellationToken ct = default) => _model.SaveSnapshotAsync(minNewEvents, ct);

    /// <summary>The stream version of the snapshot the view started from or last stored (0: none).</summary>
    public long SnapshotVersion => _model.SnapshotVersion;

    /// <summary>Applies what other nodes recorded since this view was built.</summary>
    public Task<DirectoryView> RefreshAsync(CancellationToken ct = default) => _model.RefreshAsync(ct);

    /// <summary>Registers the national directory shipped with the program, once: a loaded directory is left as it is.</summary>
    /// <returns>How many offices were registered (0 when the directory was loaded before).</returns>
    public async Task<int> ImportShippedAsync(EventMetadata metadata, CancellationToken ct = default)
    {
        if ((await RefreshAsync(ct)).Count > 0) return 0; // loaded before: not even the file is read
        var organizations = DirectoryCsv.LoadShipped();
        int added = 0;
        await _model.ChangeAsync(view =>
        {
            if (view.Count > 0) return [];
            var events = OrganizationDirectory.DecideRegister(view, organizations);
            added = events.Count;
            return events;
        }, metadata, ct);
        return added;
    }

    public Task RegisterAsync(IReadOnlyList<Organization> organizations, EventMetadata metadata, CancellationToken ct = default) =>
        _model.ChangeAsync(view => OrganizationDirectory.DecideRegister(view, organizations), metadata, ct);

    public Task RenameAsync(string id, string name, string headTitle, EventMetadata metadata, CancellationToken ct = default) =>
        _model.ChangeAsync(view => [OrganizationDirectory.DecideRename(view, id, name, headTitle)], metadata, ct);

    public Task ChangeTypeAsync(string id, OrganizationType type, string name, string headTitle, EventMetadata metadata, CancellationToken ct = default) =>
        _model.ChangeAsync(view => [OrganizationDirectory.DecideChangeType(view, id, type, name, headTitle)], metadata, ct);

    public Task SetLetterPrefixAsync(string id, string prefix, EventMetadata metadata, CancellationToken ct = default) =>
        _model.ChangeAsync(view => [OrganizationDirectory.DecideSetPrefix(view, id, prefix)], metadata, ct);
}
