using Saraban.Workflow;
using Saraban.Workflow.Access;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;

namespace Saraban.Web.Cli;

/// <summary>The store a verb acts on, with the directory and users read, so its commands authorize as the web does.</summary>
internal sealed record OpenedStore(IEventStore Store, EventTypes Types, DirectoryService Directory, AccessService Access) : IAsyncDisposable
{
    /// <summary>The store's secret letters, under the master keys configured for it (as serve reads them).</summary>
    public Saraban.Workflow.Secrets.LetterSecrets Secrets(StoreOptions options) =>
        new(Store, Types, Saraban.Workflow.Secrets.MasterKeys.Load(Saraban.Workflow.Secrets.MasterKeys.DefaultFileFor(
            options.PostgresConnectionString is null ? options.SqlitePath ?? StoreOptions.DefaultSqlitePath : null)));

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
