using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Registers;
using Saraban.Workflow.Routing;
using Saraban.Workflow.Tracking;

namespace Saraban.Web.Serving;

/// <summary>
/// The views this node answers from (registers, inboxes, tracking), kept in memory and brought up
/// to the log's head before a page or API call reads them: what another node (or this one, a
/// moment ago) recorded is there. Catching up reads only what is new since the last time.
/// </summary>
/// <remarks>Users, delegations and offices are brought up to date per request by <see cref="Freshness"/>, not here.</remarks>
internal sealed class ReadModels(IEventStore store, LetterRegisters registers, RoutingInbox inbox, CirculationTracker tracker, DirectoryService directory)
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public LetterRegisters Registers => registers;
    public RoutingInbox Inbox => inbox;
    public CirculationTracker Tracker => tracker;
    public DirectoryView Directory => directory.Current;

    public async Task<ReadModels> CurrentAsync(CancellationToken ct)
    {
        await _one.WaitAsync(ct);
        try
        {
            await registers.CatchUpAsync(store, ct);
            await inbox.CatchUpAsync(store, ct);
            await tracker.CatchUpAsync(store, ct);
            return this;
        }
        finally
        {
            _one.Release();
        }
    }
}
