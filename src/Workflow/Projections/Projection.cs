using System.Text.Json;
using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Projections;

/// <summary>
/// A read model built from the log: registers, inboxes, tracking views. It keeps its state as JSON
/// documents by key; the runner stores them with the checkpoint in one transaction, so a crash
/// never applies an event twice or loses one, and a rebuild from zero gives the same documents.
/// </summary>
public interface IProjection
{
    /// <summary>Stable name: it keys the stored checkpoint and documents.</summary>
    string Name { get; }

    ValueTask ApplyAsync(RecordedEvent e, ProjectionSession session, CancellationToken ct);
}

/// <summary>One batch's view of a projection's documents: reads go through, writes wait for commit.</summary>
public sealed class ProjectionSession
{
    private readonly IProjectionStorage _storage;
    private readonly string _projection;
    private readonly Dictionary<string, string?> _changes = new(StringComparer.Ordinal);

    internal ProjectionSession(IProjectionStorage storage, string projection)
    {
        _storage = storage;
        _projection = projection;
    }

    internal IReadOnlyDictionary<string, string?> Changes => _changes;

    public async ValueTask<T?> GetAsync<T>(string key, CancellationToken ct = default) where T : class
    {
        var body = _changes.TryGetValue(key, out var pending) ? pending : await _storage.LoadAsync(_projection, key, ct);
        return body is null ? null : JsonSerializer.Deserialize<T>(body, EventTypes.Json);
    }

    public void Put<T>(string key, T document) where T : class =>
        _changes[key] = JsonSerializer.Serialize(document, EventTypes.Json);

    public void Delete(string key) => _changes[key] = null;
}

/// <summary>Where projections keep documents and checkpoints; one per backend, beside the events.</summary>
public interface IProjectionStorage
{
    Task<long> CheckpointAsync(string projection, CancellationToken ct);
    Task<string?> LoadAsync(string projection, string key, CancellationToken ct);
    Task<IReadOnlyList<KeyValuePair<string, string>>> ListAsync(string projection, string keyPrefix, CancellationToken ct);

    /// <summary>Writes the changes (null deletes) and moves the checkpoint, atomically.</summary>
    Task CommitAsync(string projection, IReadOnlyDictionary<string, string?> changes, long checkpoint, CancellationToken ct);

    /// <summary>Forgets everything the projection stored, so it can be rebuilt from position 0.</summary>
    Task ResetAsync(string projection, CancellationToken ct);
}
