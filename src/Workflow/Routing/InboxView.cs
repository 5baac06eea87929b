using Saraban.Workflow.EventStore;
using Saraban.Workflow.Views;

namespace Saraban.Workflow.Routing;

/// <summary>
/// The inboxes as stored rows: one per routing step waiting (งานที่รอ), keyed by office, removed when
/// its routing ends. An office's inbox is as long as what waits in it, whatever the log holds.
/// Who may act at a step is read from the routing's version when the row is read (RoutingInbox).
/// </summary>
public sealed class InboxView(EventTypes types) : IView
{
    public string Name => "inbox";
    public int SchemaVersion => 1;
    public IReadOnlyList<string> Tables { get; } = ["waiting"];

    public IReadOnlyList<string> Schema(SqlDialect dialect) =>
    [
        """
        CREATE TABLE {inbox.waiting} (
            instance_id TEXT PRIMARY KEY, workflow TEXT NOT NULL, version INTEGER NOT NULL, office_id TEXT NOT NULL, subject TEXT NOT NULL,
            step TEXT NOT NULL, due_at BIGINT, overdue INTEGER NOT NULL)
        """,
        "CREATE INDEX {inbox.waiting}_office ON {inbox.waiting} (office_id, due_at)",
        "CREATE INDEX {inbox.waiting}_due ON {inbox.waiting} (due_at) WHERE overdue = 0",
    ];

    public bool Handles(string eventType) => eventType is "routing-started" or "routing-step-completed" or "routing-step-overdue";

    public ValueTask ApplyAsync(RecordedEvent e, ViewWriter w, CancellationToken ct)
    {
        if (!e.StreamId.StartsWith("flow-", StringComparison.Ordinal)) return ValueTask.CompletedTask;
        var id = e.StreamId["flow-".Length..];
        switch (w.Decode(e, types))
        {
            case RoutingStarted s:
                w.Execute("""
                    INSERT INTO {inbox.waiting} (instance_id, workflow, version, office_id, subject, step, due_at, overdue)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, 0)
                    """, id, s.Workflow, s.Version, s.OrganizationId, s.Subject, s.Step, s.DueAt?.ToUnixTimeMilliseconds());
                break;
            case RoutingStepCompleted { NextStep: null }:
                w.Execute("DELETE FROM {inbox.waiting} WHERE instance_id = $1", id);
                break;
            case RoutingStepCompleted c:
                w.Execute("UPDATE {inbox.waiting} SET step = $1, due_at = $2, overdue = 0 WHERE instance_id = $3", c.NextStep, c.NextDueAt?.ToUnixTimeMilliseconds(), id);
                break;
            case RoutingStepOverdue:
                w.Execute("UPDATE {inbox.waiting} SET overdue = 1 WHERE instance_id = $1", id);
                break;
        }
        return ValueTask.CompletedTask;
    }
}
