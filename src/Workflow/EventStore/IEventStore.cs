namespace Saraban.Workflow.EventStore;

/// <summary>
/// The append-only log every fact of the system goes into. Both backends pass the same contract
/// tests (tests/…/EventStore/contract), so callers never need to know which one they hold.
/// </summary>
public interface IEventStore : IAsyncDisposable
{
    /// <summary>Which backend this is, for messages and benchmark output ("sqlite" or "postgres").</summary>
    string Backend { get; }

    /// <summary>Creates or migrates the schema. Safe to call from several processes at once.</summary>
    Task InitializeAsync(CancellationToken ct = default);

    /// <summary>
    /// Appends atomically. Throws <see cref="WrongExpectedVersionException"/> when the stream is not at
    /// <paramref name="expected"/>; re-sending events whose ids are all stored already appends nothing.
    /// </summary>
    Task<AppendResult> AppendAsync(string streamId, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default);

    /// <summary>
    /// Appends to several streams in one transaction: every expected version holds and all is
    /// written, or nothing is. How a letter and the running number it takes are recorded together.
    /// </summary>
    Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct = default);

    Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, long fromVersion = 1, int maxCount = int.MaxValue, CancellationToken ct = default);

    /// <summary>
    /// Several whole streams in one read (one round trip on PostgreSQL): a command that loads its
    /// letter and the letter's routing pays for one query, not two. Every id asked for is a key of
    /// the answer; a stream that does not exist maps to an empty list.
    /// </summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<RecordedEvent>>> ReadStreamsAsync(IReadOnlyList<string> streamIds, CancellationToken ct = default);

    /// <summary>
    /// Events in global order with a position greater than <paramref name="afterPosition"/>. Never
    /// returns an event while an event with a lower position could still appear.
    /// </summary>
    Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken ct = default);

    /// <summary>The highest position that <see cref="ReadAllAsync"/> can return now.</summary>
    Task<long> HeadPositionAsync(CancellationToken ct = default);

    /// <summary>The chain hashes stored at these positions (sealed first, on PostgreSQL); a position not in the log is not a key.</summary>
    Task<IReadOnlyDictionary<long, byte[]>> HashesAsync(IReadOnlyList<long> positions, CancellationToken ct = default);

    /// <summary>
    /// Replaces events' data in place, each only while it still has the hash given; how a destruction
    /// erases content once it has announced the erasures in the log (see <see cref="Erasures"/>). The
    /// old bytes are overwritten in the database's files too where the backend can (SQLite:
    /// <c>secure_delete</c> and a truncating checkpoint). Returns how many events were erased now.
    /// </summary>
    Task<int> EraseAsync(IReadOnlyList<EventErasure> erasures, CancellationToken ct = default);

    /// <summary>Recomputes the hash chain over the whole log; events erased as a destruction announced verify by what it recorded.</summary>
    Task<ChainReport> VerifyAsync(IProgress<long>? progress = null, CancellationToken ct = default);
}
