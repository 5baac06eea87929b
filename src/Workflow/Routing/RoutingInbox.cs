using Saraban.Workflow.Access;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Projections;

namespace Saraban.Workflow.Routing;

/// <summary>A step waiting for someone: it shows in the inbox of every user of the office with one of its roles.</summary>
public sealed record RoutingTask(string InstanceId, string Workflow, int Version, string OrganizationId, string Subject, string Step,
    IReadOnlyList<Role> Roles, DateTimeOffset? DueAt, bool Overdue);

/// <summary>The inboxes: every waiting step, fed from the log; rebuilt from zero it is the same.</summary>
public sealed class RoutingInbox(EventTypes types, RoutingCatalog catalog) : InMemoryProjection
{
    private readonly Dictionary<string, RoutingTask> _waiting = new(StringComparer.Ordinal);
    protected override void Apply(RecordedEvent e)
    {
        if (!e.StreamId.StartsWith("flow-", StringComparison.Ordinal)) return;
        var id = e.StreamId["flow-".Length..];
        switch (types.Deserialize(e))
        {
            case RoutingStarted s:
                _waiting[id] = new RoutingTask(id, s.Workflow, s.Version, s.OrganizationId, s.Subject, s.Step, RolesOf(s.Workflow, s.Version, s.Step), s.DueAt, false);
                break;
            case RoutingStepCompleted c when _waiting.TryGetValue(id, out var t):
                if (c.NextStep is null) _waiting.Remove(id);
                else _waiting[id] = t with { Step = c.NextStep, Roles = RolesOf(t.Workflow, t.Version, c.NextStep), DueAt = c.NextDueAt, Overdue = false };
                break;
            case RoutingStepOverdue when _waiting.TryGetValue(id, out var t):
                _waiting[id] = t with { Overdue = true };
                break;
        }
    }

    private IReadOnlyList<Role> RolesOf(string workflow, int version, string step) => catalog.Get(workflow, version).Step(step).Roles;

    public IReadOnlyList<RoutingTask> For(UserAccount user)
    {
        lock (Gate)
            return _waiting.Values.Where(t => t.OrganizationId == user.OrganizationId && t.Roles.Any(user.Has))
                .OrderBy(t => t.DueAt ?? DateTimeOffset.MaxValue).ToList();
    }

    /// <summary>Steps past their due time whose reminder has not been raised yet.</summary>
    public IReadOnlyList<RoutingTask> DueForReminder(DateTimeOffset now)
    {
        lock (Gate)
            return _waiting.Values.Where(t => !t.Overdue && t.DueAt is { } due && due <= now).ToList();
    }

    public string Snapshot()
    {
        lock (Gate)
            return string.Join('\n', _waiting.Values.OrderBy(t => t.InstanceId, StringComparer.Ordinal)
                .Select(t => $"{t.InstanceId} {t.Workflow}.v{t.Version} {t.OrganizationId} {t.Step} {t.DueAt:O} {t.Overdue}"));
    }
}
