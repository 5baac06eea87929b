using Saraban.Workflow.EventStore;
using Saraban.Workflow.EventStore.Postgres;
using Saraban.Workflow.EventStore.Sqlite;

namespace Saraban.Workflow.Files;

/// <summary>
/// Where file bytes live, each under the SHA-256 of its content: putting the same bytes twice keeps
/// one copy, whatever letters and offices refer to it. Both backends pass the same tests.
/// </summary>
public interface IFileStore
{
    /// <summary>A folder for uploads on their way in, on the same disk as the store where it has one (so a finished upload moves, not copies).</summary>
    string Scratch { get; }

    /// <summary>
    /// Keeps the file at <paramref name="path"/>, whose bytes hash to <paramref name="sha256"/>. When
    /// they are stored already only the stored time moves to now, so the sweep's grace protects the
    /// copy a new enclosure is about to name.
    /// </summary>
    Task PutAsync(string sha256, string path, CancellationToken ct = default);

    /// <summary>The bytes, read as they are sent (never whole in memory); null when the store has no such file.</summary>
    Task<Stream?> OpenAsync(string sha256, CancellationToken ct = default);

    /// <summary>Deletes the file unless it was stored (or put again) at or after <paramref name="storedBefore"/>.</summary>
    Task<bool> DeleteAsync(string sha256, DateTimeOffset storedBefore, CancellationToken ct = default);

    /// <summary>Every stored file with when it was stored: what the sweep and <c>verify</c> go through.</summary>
    IAsyncEnumerable<(string Sha256, DateTimeOffset StoredAt)> ListAsync(CancellationToken ct = default);
}

public static class FileStores
{
    /// <summary>
    /// The embedded default keeps files in a folder beside the SQLite file (<c>data/saraban.files/</c>
    /// for <c>data/saraban.db</c>); PostgreSQL keeps them in the database, so every node serves them.
    /// </summary>
    public static IFileStore For(IEventStore store) => store switch
    {
        SqliteEventStore s => new DiskFileStore(Path.ChangeExtension(s.Path, null) + ".files"),
        PostgresEventStore p => new PostgresFileStore(p.DataSource),
        _ => throw new ArgumentException($"No file store for {store.GetType().Name}."),
    };

    public static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);

    public static bool IsSha256(string s) => s.Length == 64 && s.All(char.IsAsciiHexDigitLower);
}
