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

    public bool Handles(string eventType) => eventType is "routing-started" or "routing-step-completed" or "routing-step-overdue" or "routing-withdrawn"
        or Retention.ContentErasure.DestroyedType;

    /// <summary>
    /// A row's last state within the batch: a routing usually starts, moves and ends within a few
    /// seconds, so when the daemon catches up most rows are written once or never (3.5 statements a
    /// letter were most of the inbox's cost on PostgreSQL).
    /// </summary>
    private sealed record Row(string Workflow, int Version, string Office, string Subject, string Step, long? DueAt, int Overdue);

    private abstract record Change;
    private sealed record Insert(Row Row) : Change;
    private sealed record Move(string Step, long? DueAt) : Change;
    private sealed record MoveThenOverdue(string Step, long? DueAt) : Change;
    private sealed record Overdue : Change;
    private sealed record Delete : Change;

    private sealed class Changes : Dictionary<string, Change>;

    public ValueTask ApplyAsync(RecordedEvent e, ViewWriter w, CancellationToken ct)
    {
        if (e.Type == Retention.ContentErasure.DestroyedType)
        {
            // A destroyed letter's step, should one still wait, leaves the inbox with its subject.
            w.Batch<Changes>()[LetterRouting.InstanceId(e.StreamId)] = new Delete();
            return ValueTask.CompletedTask;
        }
        if (!e.StreamId.StartsWith("flow-", StringComparison.Ordinal)) return ValueTask.CompletedTask;
        var id = e.StreamId["flow-".Length..];
        var changes = w.Batch<Changes>();
        changes.TryGetValue(id, out var before);
        switch (w.Decode(e, types))
        {
            case RoutingStarted s:
                // An instance id is never started twice; should it be, the row it replaces goes first.
                if (before is not null and not Delete) Write(w, id, before);
                if (before is not null) w.Execute("DELETE FROM {inbox.waiting} WHERE instance_id = $1", id);
                changes[id] = new Insert(new Row(s.Workflow, s.Version, s.OrganizationId, s.Subject, s.Step, s.DueAt?.ToUnixTimeMilliseconds(), 0));
                break;
            case RoutingStepCompleted { NextStep: null }:
            case RoutingWithdrawn:
                if (before is Insert) changes.Remove(id); // started and ended within the batch: never written
                else changes[id] = new Delete();
                break;
            case RoutingStepCompleted c:
                var due = c.NextDueAt?.ToUnixTimeMilliseconds();
                changes[id] = before switch
                {
                    Insert i => new Insert(i.Row with { Step = c.NextStep!, DueAt = due, Overdue = 0 }),
                    Delete => before, // the row is gone: moving it changed nothing
                    _ => new Move(c.NextStep!, due),
                };
                break;
            case RoutingStepOverdue:
                changes[id] = before switch
                {
                    Insert i => new Insert(i.Row with { Overdue = 1 }),
                    Move m => new MoveThenOverdue(m.Step, m.DueAt),
                    MoveThenOverdue or Delete => before,
                    _ => new Overdue(),
                };
                break;
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask CompleteAsync(ViewWriter w, CancellationToken ct)
    {
        foreach (var (id, change) in w.Batch<Changes>()) Write(w, id, change);
        return ValueTask.CompletedTask;
    }

    private static void Write(ViewWriter w, string id, Change change)
    {
        switch (change)
        {
            case Insert { Row: var r }:
                w.Execute("""
                    INSERT INTO {inbox.waiting} (instance_id, workflow, version, office_id, subject, step, due_at, overdue)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                    """, id, r.Workflow, r.Version, r.Office, r.Subject, r.Step, r.DueAt, r.Overdue);
                break;
            case Move m:
                w.Execute("UPDATE {inbox.waiting} SET step = $1, due_at = $2, overdue = 0 WHERE instance_id = $3", m.Step, m.DueAt, id);
                break;
            case MoveThenOverdue m:
                w.Execute("UPDATE {inbox.waiting} SET step = $1, due_at = $2, overdue = 1 WHERE instance_id = $3", m.Step, m.DueAt, id);
                break;
            case Overdue:
                w.Execute("UPDATE {inbox.waiting} SET overdue = 1 WHERE instance_id = $1", id);
                break;
            case Delete:
                w.Execute("DELETE FROM {inbox.waiting} WHERE instance_id = $1", id);
                break;
        }
    }
}
