using Saraban.Workflow.Access;
using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Routing;

/// <summary>Starts routings and moves them on, one authorized step at a time.</summary>
public sealed class RoutingEngine(IEventStore store, EventTypes types, RoutingCatalog catalog, AccessService access, TimeProvider clock)
{
    public async Task<string> StartAsync(string workflow, string organizationId, string subject, string userId, CancellationToken ct = default)
    {
        var actor = access.Authorize(userId, Permission.Read, organizationId, clock.GetUtcNow());
        var id = Guid.CreateVersion7().ToString("N");
        var started = RoutingInstance.DecideStart(catalog.Latest(workflow), id, organizationId, subject, clock.GetUtcNow());
        await store.AppendAsync(RoutingInstance.StreamId(id), ExpectedVersion.NoStream, [types.ToEventData(started, Meta(actor))], ct);
        return id;
    }

    public async Task CompleteAsync(string instanceId, string step, string userId, CancellationToken ct = default)
    {
        var (state, version) = await LoadAsync(instanceId, ct);
        var now = clock.GetUtcNow();
        var definition = state.Start is { } s ? catalog.Get(s.Workflow, s.Version) : null;
        Actor? actor = null;
        var completed = RoutingInstance.DecideComplete(state, definition!, step, current => actor = RoutingAuthorization.Authorize(access, userId, current, state.Start!.OrganizationId, now), now);
        await store.AppendAsync(RoutingInstance.StreamId(instanceId), ExpectedVersion.Exactly(version), [types.ToEventData(completed, Meta(actor!))], ct);
    }

    /// <summary>Raises the reminder for a step past its due time, once; a step already moved on is left alone.</summary>
    public async Task<bool> FlagOverdueAsync(string instanceId, CancellationToken ct = default)
    {
        var (state, version) = await LoadAsync(instanceId, ct);
        if (state.Current is null || state.Overdue || state.DueAt is not { } due || due > clock.GetUtcNow()) return false;
        try
        {
            await store.AppendAsync(RoutingInstance.StreamId(instanceId), ExpectedVersion.Exactly(version),
                [types.ToEventData(new RoutingStepOverdue(state.Current, due), EventMetadata.System(Guid.CreateVersion7()))], ct);
            return true;
        }
        catch (WrongExpectedVersionException) { return false; } // someone acted meanwhile: no reminder due
    }

    public async Task<RoutingInstance> ReadAsync(string instanceId, CancellationToken ct = default) => (await LoadAsync(instanceId, ct)).State;

    private async Task<(RoutingInstance State, long Version)> LoadAsync(string instanceId, CancellationToken ct)
    {
        var state = RoutingInstance.Empty;
        foreach (var e in await store.ReadStreamAsync(RoutingInstance.StreamId(instanceId), ct: ct)) state = state.Apply(types.Deserialize(e));
        return (state, state.Version);
    }

    private static EventMetadata Meta(Actor actor) => new(actor.User.Id, actor.Organization.Id, Guid.CreateVersion7(), null);
}
