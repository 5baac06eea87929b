using System.Reflection;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Tests.EventStore;

namespace Saraban.Workflow.Tests.Projections;

/// <summary>
/// Every request a node answers first brings the directory and the users up to date, so that what
/// another node changed counts at once. Requests that come together share one read of the stream,
/// and none of them sees less than what was stored before it asked.
/// </summary>
public abstract class when_many_requests_refresh_at_once(Backend backend)
{
    private static readonly EventTypes Types = OrganizationDirectory.Register(new EventTypes());
    private static readonly EventMetadata Admin = new("admin", "prov-53", Guid.NewGuid(), null);

    [Fact]
    public async Task each_sees_what_another_node_stored_before_it_asked()
    {
        await using var store = await backend.NewStoreAsync();
        var writer = new DirectoryService(store, Types);
        await writer.ImportShippedAsync(Admin);
        var reader = new DirectoryService(store, Types);
        await reader.RefreshAsync();

        for (int round = 0; round < 20; round++)
        {
            await writer.RenameAsync("dist-5301", $"ที่ว่าการอำเภอเมืองอุตรดิตถ์ {round}", "นายอำเภอเมืองอุตรดิตถ์", Admin);
            var stored = writer.Current.Version;
            // Another rename races the requests: they may see it or not, but never less than `stored`.
            var racing = writer.RenameAsync("dist-5301", $"ที่ว่าการอำเภอเมืองอุตรดิตถ์ {round}ข", "นายอำเภอเมืองอุตรดิตถ์", Admin);
            var seen = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() => reader.RefreshAsync())));
            await racing;
            Assert.All(seen, view => Assert.True(view.Version >= stored, $"round {round}: saw version {view.Version}, {stored} was stored before it asked"));
        }
        Assert.Equal("ที่ว่าการอำเภอเมืองอุตรดิตถ์ 19ข", (await reader.RefreshAsync()).Get("dist-5301").Name);
    }

    [Fact]
    public async Task requests_that_come_together_share_one_read()
    {
        await using var inner = await backend.NewStoreAsync();
        await new DirectoryService(inner, Types).ImportShippedAsync(Admin);
        var store = CountingStore.Around(inner, out var reads);
        var reader = new DirectoryService(store, Types);
        await reader.RefreshAsync();
        var before = reads.Count;
        reads.Delay = TimeSpan.FromMilliseconds(20);

        using var go = new ManualResetEventSlim();
        var requests = Enumerable.Range(0, 200).Select(_ => Task.Run(() => { go.Wait(); return reader.RefreshAsync(); })).ToList();
        go.Set();
        await Task.WhenAll(requests);

        // One read per request, one behind the other, was the cost before; each read now serves all who waited for it.
        Assert.InRange(reads.Count - before, 1, 50);
    }

    [Fact]
    public async Task a_failed_read_fails_those_who_waited_and_the_next_request_reads_again()
    {
        await using var inner = await backend.NewStoreAsync();
        await new DirectoryService(inner, Types).ImportShippedAsync(Admin);
        var store = CountingStore.Around(inner, out var reads);
        var reader = new DirectoryService(store, Types);
        await reader.RefreshAsync();

        reads.FailNext = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => reader.RefreshAsync());
        Assert.True((await reader.RefreshAsync()).Count > 7000);
    }

    /// <summary>An event store that counts stream reads and can fail the next one, around a real one.</summary>
    public class CountingStore : DispatchProxy
    {
        public sealed class Reads { public int Count; public bool FailNext; public TimeSpan Delay; }

        private IEventStore _inner = null!;
        private Reads _reads = null!;

        public static IEventStore Around(IEventStore inner, out Reads reads)
        {
            var proxy = Create<IEventStore, CountingStore>();
            var self = (CountingStore)(object)proxy;
            (self._inner, self._reads) = (inner, reads = new Reads());
            return proxy;
        }

        /// <summary>A read that takes as long as a trip to a database server, as on PostgreSQL (SQLite's are over before the next request comes).</summary>
        private async Task<IReadOnlyList<RecordedEvent>> AfterRoundTripAsync(MethodInfo method, object?[]? args)
        {
            await Task.Delay(_reads.Delay);
            return await (Task<IReadOnlyList<RecordedEvent>>)method.Invoke(_inner, args)!;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (method!.Name == nameof(IEventStore.ReadStreamAsync))
            {
                Interlocked.Increment(ref _reads.Count);
                if (_reads.FailNext) { _reads.FailNext = false; throw new InvalidOperationException("the database went away"); }
                if (_reads.Delay > TimeSpan.Zero) return AfterRoundTripAsync(method, args);
            }
            try { return method.Invoke(_inner, args); }
            catch (TargetInvocationException ex) when (ex.InnerException is not null) { throw ex.InnerException; }
        }
    }
}

public sealed class when_many_requests_refresh_at_once_on_sqlite() : when_many_requests_refresh_at_once(new SqliteBackend());
public sealed class when_many_requests_refresh_at_once_on_postgres() : when_many_requests_refresh_at_once(new PostgresBackend());
