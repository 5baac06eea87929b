using System.Data.Common;
using Saraban.Workflow.Access;
using Saraban.Workflow.Views;

namespace Saraban.Workflow.Routing;

/// <summary>A step waiting for someone: it shows in the inbox of every user of the office with one of its roles.</summary>
public sealed record RoutingTask(string InstanceId, string Workflow, int Version, string OrganizationId, string Subject, string Step,
    IReadOnlyList<Role> Roles, DateTimeOffset? DueAt, bool Overdue);

/// <summary>The inboxes, read from <see cref="InboxView"/>: an office's waiting steps by index; who may act from the routing's own version.</summary>
public sealed class RoutingInbox(IViewReader views, RoutingCatalog catalog)
{
    private const string Columns = "instance_id, workflow, version, office_id, subject, step, due_at, overdue";

    /// <summary>The steps waiting for one of the user's roles in their office, soonest due first.</summary>
    public async Task<List<RoutingTask>> ForAsync(UserAccount user, CancellationToken ct = default) =>
        (await views.QueryAsync($"SELECT {Columns} FROM {{inbox.waiting}} WHERE office_id = $1", Read, ct, user.OrganizationId))
            .Where(t => t.Roles.Any(user.Has)).OrderBy(t => t.DueAt ?? DateTimeOffset.MaxValue).ThenBy(t => t.InstanceId, StringComparer.Ordinal).ToList();

    /// <summary>Steps past their due time whose reminder has not been raised yet.</summary>
    public Task<List<RoutingTask>> DueForReminderAsync(DateTimeOffset now, int limit = 1000, CancellationToken ct = default) =>
        views.QueryAsync($"SELECT {Columns} FROM {{inbox.waiting}} WHERE overdue = 0 AND due_at <= $1 ORDER BY due_at LIMIT {limit}", Read, ct, now.ToUnixTimeMilliseconds());

    /// <summary>Every waiting step, in a canonical order: to compare a live view with one rebuilt from zero.</summary>
    public async Task<string> SnapshotAsync(CancellationToken ct = default) => string.Join('\n',
        (await views.QueryAsync($"SELECT {Columns} FROM {{inbox.waiting}} ORDER BY instance_id", Read, ct))
        .Select(t => $"{t.InstanceId} {t.Workflow}.v{t.Version} {t.OrganizationId} {t.Step} {t.DueAt:O} {t.Overdue}"));

    private RoutingTask Read(DbDataReader r)
    {
        var (workflow, version, step) = (r.GetString(1), r.Int(2)!.Value, r.GetString(5));
        return new RoutingTask(r.GetString(0), workflow, version, r.GetString(3), r.GetString(4), step,
            catalog.Get(workflow, version).Step(step).Roles, r.Time(6), r.Int(7) == 1);
    }
}
