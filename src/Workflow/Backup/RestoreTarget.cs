using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Backup;

/// <summary>
/// Where a restore writes: an empty store, which shows nothing of the restore until <see cref="CommitAsync"/>.
/// Disposed without it (a bad backup, a crash), the target is as it was.
/// </summary>
internal interface IRestoreTarget : IAsyncDisposable
{
    /// <summary>Events as they were, with their positions and chain hashes (already checked).</summary>
    Task WriteEventsAsync(IReadOnlyList<(RecordedEvent Event, byte[] Hash)> page, CancellationToken ct);

    Task WriteProjectionAsync(ProjectionRow row, CancellationToken ct);

    /// <summary>A file whose bytes at <paramref name="path"/> hash to <paramref name="sha256"/> (checked); the target may move it.</summary>
    Task WriteFileAsync(string sha256, string path, CancellationToken ct);

    /// <summary>A folder for a file on its way in.</summary>
    string Scratch { get; }

    Task CommitAsync(CancellationToken ct);

    public static async Task<IRestoreTarget> OpenAsync(StoreOptions target, CancellationToken ct) => target.PostgresConnectionString is { } pg
        ? await PostgresRestoreTarget.OpenAsync(pg, ct)
        : await SqliteRestoreTarget.OpenAsync(target.SqlitePath ?? StoreOptions.DefaultSqlitePath, ct);
}
