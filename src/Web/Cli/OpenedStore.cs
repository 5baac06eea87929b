using Saraban.Workflow;
using Saraban.Workflow.Access;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;

namespace Saraban.Web.Cli;

/// <summary>The store a verb acts on, with the directory and users read, so its commands authorize as the web does.</summary>
internal sealed record OpenedStore(IEventStore Store, EventTypes Types, DirectoryService Directory, AccessService Access) : IAsyncDisposable
{
    public static async Task<OpenedStore> OpenAsync(StoreOptions options)
    {
        var store = options.CreateEventStore();
        await store.InitializeAsync();
        var types = SarabanEvents.All();
        var directory = new DirectoryService(store, types);
        var access = new AccessService(store, types, directory, new Passwords());
        await directory.RefreshAsync();
        await access.RefreshAsync();
        return new OpenedStore(store, types, directory, access);
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
