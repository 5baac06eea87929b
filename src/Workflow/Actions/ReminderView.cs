using Saraban.Workflow.EventStore;
using Saraban.Workflow.Views;

namespace Saraban.Workflow.Actions;

/// <summary>
/// Reminders and overdue notices as each office's inbox shows them: one row per notice and office
/// that receives it (the LAO; for an overdue notice also its district and province). The LAO's row
/// of a reminder to be mailed is the outbox: <c>mail_to</c> set, <c>mailed_at</c> empty until the
/// mail's confirmation (<see cref="ActionReminderMailed"/>) is applied.
/// </summary>
/// <remarks>
/// The notice events carry no title; the view keeps each action's title and letter from its
/// assignment (<c>{reminders.actions}</c>), so an inbox line needs no other view.
/// </remarks>
public sealed class ReminderView(EventTypes types) : IView
{
    public const string Reminder = "reminder";
    public const string Overdue = "overdue";

    public string Name => "reminders";
    public int SchemaVersion => 1;
    public IReadOnlyList<string> Tables { get; } = ["actions", "notices"];

    public IReadOnlyList<string> Schema(SqlDialect dialect) =>
    [
        """
        CREATE TABLE {reminders.actions} (
            stream_id TEXT PRIMARY KEY, office_id TEXT NOT NULL, origin TEXT NOT NULL, action_key TEXT NOT NULL, title TEXT NOT NULL,
            document_number TEXT NOT NULL, incoming_stream TEXT NOT NULL)
        """,
        """
        CREATE TABLE {reminders.notices} (
            notice_id TEXT NOT NULL, office_id TEXT NOT NULL, stream_id TEXT NOT NULL, lao_id TEXT NOT NULL, kind TEXT NOT NULL,
            days_before INTEGER, due INTEGER NOT NULL, at BIGINT NOT NULL, position BIGINT NOT NULL, title TEXT NOT NULL,
            document_number TEXT NOT NULL, incoming_stream TEXT NOT NULL, mail_to TEXT, mailed_at BIGINT, mail_refused TEXT,
            PRIMARY KEY (notice_id, office_id))
        """,
        "CREATE INDEX {reminders.notices}_office ON {reminders.notices} (office_id, at)",
        "CREATE INDEX {reminders.notices}_stream ON {reminders.notices} (stream_id, kind, due)",
        "CREATE INDEX {reminders.notices}_outbox ON {reminders.notices} (position) WHERE mail_to IS NOT NULL AND mailed_at IS NULL",
    ];

    public bool Handles(string eventType) => eventType is "action-assigned" or "action-reminder-sent" or "action-overdue-notified" or "action-reminder-mailed";

    public ValueTask ApplyAsync(RecordedEvent e, ViewWriter w, CancellationToken ct)
    {
        var at = e.RecordedAt.ToUnixTimeMilliseconds();
        switch (w.Decode(e, types))
        {
            case ActionAssigned a:
                w.Execute("""
                    INSERT INTO {reminders.actions} (stream_id, office_id, origin, action_key, title, document_number, incoming_stream)
                    VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING
                    """, e.StreamId, a.OfficeId, a.Origin, a.Key, a.Title, a.DocumentNumber, a.IncomingStreamId);
                break;
            case ActionReminderSent r:
                Notice(w, e, Reminder, r.DaysBefore, r.Due, at, r.MailedTo);
                break;
            case ActionOverdueNotified o:
                Notice(w, e, Overdue, null, o.Due, at, null);
                foreach (var office in o.NotifiedOffices.Distinct()) Notice(w, e, Overdue, null, o.Due, at, null, office);
                break;
            case ActionReminderMailed m:
                w.Execute("UPDATE {reminders.notices} SET mailed_at = $1, mail_refused = $2 WHERE notice_id = $3 AND mail_to IS NOT NULL",
                    m.At.ToUnixTimeMilliseconds(), m.Refused, m.NoticeId.ToString("N"));
                break;
        }
        return ValueTask.CompletedTask;
    }

    /// <param name="office">Who receives it: the LAO itself when null, else the office above it.</param>
    private static void Notice(ViewWriter w, RecordedEvent e, string kind, int? daysBefore, DateOnly due, long at, string? mailTo, string? office = null) =>
        // INSERT … SELECT with ON CONFLICT needs its WHERE on SQLite (the parser's ambiguity with a join's ON); the casts
        // give PostgreSQL the parameters' types, which a select list does not.
        w.Execute("""
            INSERT INTO {reminders.notices} (notice_id, office_id, stream_id, lao_id, kind, days_before, due, at, position, title, document_number,
                incoming_stream, mail_to, mailed_at, mail_refused)
            SELECT CAST($1 AS TEXT), COALESCE(CAST($2 AS TEXT), office_id), stream_id, office_id, CAST($3 AS TEXT), CAST($4 AS INTEGER), CAST($5 AS INTEGER),
                CAST($6 AS BIGINT), CAST($7 AS BIGINT), title, document_number, incoming_stream, CAST($8 AS TEXT), NULL, NULL
            FROM {reminders.actions} WHERE stream_id = $9
            ON CONFLICT DO NOTHING
            """, e.EventId.ToString("N"), office, kind, daysBefore, due.DayNumber, at, e.Position, mailTo, e.StreamId);
}
