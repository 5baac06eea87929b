using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Registers;
using Saraban.Workflow.Routing;
using Saraban.Workflow.Tracking;

namespace Saraban.Workflow.Views;

/// <summary>The stored views Saraban's pages and API read (registers, inboxes, tracking), over one database.</summary>
public sealed class SarabanViews : IAsyncDisposable
{
    private SarabanViews(StoredViews stored, RoutingCatalog catalog)
    {
        Stored = stored;
        Registers = new LetterRegisters(stored);
        Inbox = new RoutingInbox(stored, catalog);
        Tracker = new CirculationTracker(stored);
        Hops = new CirculationHops(stored);
        Compliance = new Actions.Compliance(stored);
        Reminders = new Actions.ReminderNotices(stored);
        Retention = new Retention.RetentionSurvey(stored);
    }

    public StoredViews Stored { get; }
    public LetterRegisters Registers { get; }
    public RoutingInbox Inbox { get; }
    public CirculationTracker Tracker { get; }
    public CirculationHops Hops { get; }
    public Actions.Compliance Compliance { get; }
    public Actions.ReminderNotices Reminders { get; }
    public Retention.RetentionSurvey Retention { get; }

    public static IReadOnlyList<IView> All(EventTypes types, DirectoryService directory) =>
        [new RegistersView(types), new InboxView(types), new TrackingView(types, directory), new Actions.ComplianceView(types, directory),
            new Actions.ReminderView(types)];

    /// <summary>Opens the views of the store's database, creating their tables when missing; they catch up when asked (or by the daemon).</summary>
    public static async Task<SarabanViews> OpenAsync(IEventStore store, EventTypes types, DirectoryService directory, RoutingCatalog catalog,
        TimeProvider? clock = null, string? node = null, int batchSize = 2000, CancellationToken ct = default)
    {
        var stored = new StoredViews(store, ViewDatabase.For(store), All(types, directory), clock, node) { BatchSize = batchSize };
        try { await stored.InitializeAsync(ct); }
        catch
        {
            await stored.DisposeAsync();
            throw;
        }
        return new SarabanViews(stored, catalog);
    }

    /// <summary>Applies everything the log holds now, in this process.</summary>
    public Task<long> CatchUpAsync(CancellationToken ct = default) => Stored.CatchUpAsync(ct);

    /// <summary>Hands this process's views over (their leases released), then closes: a command or node that stops leaves no lease for the next to wait out.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await Stored.ReleaseViewLeasesAsync(patience.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException) { } // the database is gone: the leases run out by themselves
        await Stored.DisposeAsync();
    }
}
