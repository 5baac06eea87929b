using System.Collections.Concurrent;
using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Numbering;

/// <summary>
/// Issues running numbers. Requests for the same book that arrive together are committed as one
/// transaction (each number still in the same transaction as the event that uses it): a book is
/// serial by nature, and committing one number per transaction would bound a busy office by the
/// disk's fsync rate. Other processes sharing the database are met by optimistic concurrency on
/// the book's stream: a conflict reloads the book and retries.
/// </summary>
public sealed class NumberIssuer(IEventStore store, EventTypes types)
{
    private const int MaxBatch = 256;
    private readonly ConcurrentDictionary<string, Book> _books = new(StringComparer.Ordinal);

    /// <param name="uses">Given the number, the appends that record its use (the letter's events).</param>
    /// <returns>The number issued.</returns>
    public Task<int> IssueAsync(string organizationId, NumberSeries series, int year, string usedBy,
        Func<int, IReadOnlyList<StreamAppend>> uses, EventMetadata metadata, CancellationToken ct = default) =>
        IssueAsync(organizationId, series, year, 1, usedBy, uses, metadata, ct);

    /// <summary>
    /// Takes <paramref name="count"/> consecutive numbers for one stream (a reservation, จองเลข), in
    /// the same transaction as its events: given the first number, <paramref name="uses"/> returns them.
    /// </summary>
    /// <returns>The first number issued.</returns>
    public Task<int> IssueAsync(string organizationId, NumberSeries series, int year, int count, string usedBy,
        Func<int, IReadOnlyList<StreamAppend>> uses, EventMetadata metadata, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var book = _books.GetOrAdd(RunningNumbers.StreamId(organizationId, series, year), id => new Book(id));
        var request = new Request(usedBy, count, uses, metadata);
        bool drain;
        lock (book.Gate)
        {
            book.Queue.Enqueue(request);
            drain = !book.Draining;
            book.Draining = true;
        }
        if (drain) _ = Task.Run(() => DrainAsync(book), CancellationToken.None);
        return request.Done.Task.WaitAsync(ct);
    }

    /// <summary>Sets the first number of a book at go-live; allowed once, before any number is issued.</summary>
    public async Task StartAsync(string organizationId, NumberSeries series, int year, int firstNumber, EventMetadata metadata, CancellationToken ct = default)
    {
        var book = _books.GetOrAdd(RunningNumbers.StreamId(organizationId, series, year), id => new Book(id));
        await book.Refresh.WaitAsync(ct);
        try
        {
            await RefreshAsync(book, ct);
            var started = RunningNumbers.DecideStart(book.State, organizationId, series, year, firstNumber);
            await store.AppendAsync(book.StreamId, ExpectedVersion.Exactly(book.State.Version), [types.ToEventData(started, metadata)], ct);
            book.State = book.State.Apply(started);
        }
        finally { book.Refresh.Release(); }
    }

    /// <summary>The book's state as stored now (for reports and checks).</summary>
    public async Task<RunningNumbers> ReadAsync(string organizationId, NumberSeries series, int year, CancellationToken ct = default)
    {
        var state = RunningNumbers.Empty;
        foreach (var e in await store.ReadStreamAsync(RunningNumbers.StreamId(organizationId, series, year), ct: ct))
            state = state.Apply(types.Deserialize(e));
        return state;
    }

    private async Task DrainAsync(Book book)
    {
        while (true)
        {
            var batch = new List<Request>();
            lock (book.Gate)
            {
                var streams = new HashSet<string>(StringComparer.Ordinal);
                while (batch.Count < MaxBatch && book.Queue.TryPeek(out var next) && streams.Add(next.UsedBy))
                    batch.Add(book.Queue.Dequeue());
                if (batch.Count == 0) { book.Draining = false; return; }
            }
            await book.Refresh.WaitAsync();
            try { await CommitAsync(book, batch); }
            finally { book.Refresh.Release(); }
        }
    }

    private async Task CommitAsync(Book book, List<Request> batch)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                // Optimistic: trust what this process last saw of the book; if another process (or a
                // restart) moved it on, the append conflicts and the book is read afresh.
                if (attempt > 0) await RefreshAsync(book, CancellationToken.None);
                var next = book.State.Next;
                var counter = new List<EventData>(batch.Count);
                var appends = new List<StreamAppend> { null! };
                var firsts = new int[batch.Count];
                for (int i = 0; i < batch.Count; i++)
                {
                    firsts[i] = next;
                    for (int k = 0; k < batch[i].Count; k++) counter.Add(types.ToEventData(new NumberIssued(next + k, batch[i].UsedBy), batch[i].Metadata));
                    appends.AddRange(batch[i].Uses(next));
                    next += batch[i].Count;
                }
                appends[0] = new StreamAppend(book.StreamId, ExpectedVersion.Exactly(book.State.Version), counter);
                await store.AppendAsync(appends);
                book.State = book.State with { Version = book.State.Version + counter.Count, Next = next, Started = true };
                for (int i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(firsts[i]);
                return;
            }
            catch (WrongExpectedVersionException ex) when (ex.StreamId == book.StreamId && attempt < 100)
            {
                continue; // another process took numbers: reload the book and go again
            }
            catch (Exception) when (batch.Count > 1)
            {
                // One request's own streams refused it: commit the rest one by one, so only it fails.
                foreach (var r in batch) await CommitAsync(book, [r]);
                return;
            }
            catch (Exception ex)
            {
                batch[0].Done.TrySetException(ex);
                return;
            }
        }
    }

    private async Task RefreshAsync(Book book, CancellationToken ct)
    {
        foreach (var e in await store.ReadStreamAsync(book.StreamId, book.State.Version + 1, ct: ct))
            book.State = book.State.Apply(types.Deserialize(e));
    }

    private sealed class Book(string streamId)
    {
        public string StreamId { get; } = streamId;
        public object Gate { get; } = new();
        public Queue<Request> Queue { get; } = new();
        public bool Draining { get; set; }
        public SemaphoreSlim Refresh { get; } = new(1, 1);
        public RunningNumbers State { get; set; } = RunningNumbers.Empty;
    }

    private sealed record Request(string UsedBy, int Count, Func<int, IReadOnlyList<StreamAppend>> Uses, EventMetadata Metadata)
    {
        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
