using Saraban.Workflow;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;

namespace Saraban.Web.Benchmarks;

/// <summary>
/// The store a benchmark of the registers fills: the database given (--db, --postgres), or a fresh one
/// removed afterwards, with the national directory imported (once: the import is idempotent).
/// </summary>
internal sealed class DirectoryStore : IAsyncDisposable
{
    private readonly FreshDatabase? _fresh;

    private DirectoryStore(FreshDatabase? fresh, IEventStore store, EventTypes types, DirectoryService directory) =>
        (_fresh, Store, Types, Directory) = (fresh, store, types, directory);

    public IEventStore Store { get; }
    public EventTypes Types { get; }
    public DirectoryService Directory { get; }

    public static async Task<DirectoryStore> OpenAsync(StoreOptions options, bool given)
    {
        var fresh = given ? null : await FreshDatabase.CreateAsync(options, keep: false);
        var store = (fresh?.Options ?? options).CreateEventStore();
        await store.InitializeAsync();
        var types = SarabanEvents.All();
        var directory = new DirectoryService(store, types);
        await directory.ImportShippedAsync(new EventMetadata("bench", "system", Guid.NewGuid(), null));
        return new DirectoryStore(fresh, store, types, directory);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        if (_fresh is not null) await _fresh.DisposeAsync();
    }
}
