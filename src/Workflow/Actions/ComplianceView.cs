using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Tracking;
using Saraban.Workflow.Views;

namespace Saraban.Workflow.Actions;

/// <summary>
/// Every office's part in every requested action as one row (its deadline now, forms submitted,
/// done and when, late), and one row per form: "who of province P has not submitted" reads the
/// action's rows of P, and the national picture of one action is one grouped read of its rows.
/// </summary>
/// <remarks>
/// Overdue (not done, deadline passed) depends on today, so it is counted when read, not stored.
/// An action is late when any of its forms was submitted after the deadline that held for the
/// office at that moment (an extension counts only once it had reached the office).
/// </remarks>
public sealed class ComplianceView(EventTypes types, DirectoryService directory) : IView
{
    public string Name => "actions";
    public int SchemaVersion => 1;
    public IReadOnlyList<string> Tables { get; } = ["offices", "forms"];

    public IReadOnlyList<string> Schema(SqlDialect dialect) =>
    [
        """
        CREATE TABLE {actions.offices} (
            stream_id TEXT PRIMARY KEY, origin TEXT NOT NULL, action_key TEXT NOT NULL, office_id TEXT NOT NULL, office_type TEXT NOT NULL,
            province_id TEXT, area_id TEXT, kind TEXT NOT NULL, title TEXT NOT NULL, opens INTEGER, due INTEGER NOT NULL, first_due INTEGER NOT NULL,
            due_moved_at BIGINT, session INTEGER, forms_total INTEGER NOT NULL, forms_submitted INTEGER NOT NULL, late_forms INTEGER NOT NULL,
            started INTEGER NOT NULL, done_at BIGINT, late INTEGER NOT NULL, assigned_at BIGINT NOT NULL, incoming_stream TEXT NOT NULL,
            document_number TEXT NOT NULL, remind_days TEXT NOT NULL, reminders INTEGER NOT NULL, last_reminder INTEGER, overdue_notified_at BIGINT, last_at BIGINT NOT NULL)
        """,
        "CREATE INDEX {actions.offices}_action ON {actions.offices} (origin, action_key, province_id, area_id, office_id)",
        "CREATE INDEX {actions.offices}_office ON {actions.offices} (office_id, due)",
        "CREATE INDEX {actions.offices}_open ON {actions.offices} (due) WHERE done_at IS NULL",
        """
        CREATE TABLE {actions.forms} (
            stream_id TEXT NOT NULL, origin TEXT NOT NULL, action_key TEXT NOT NULL, form TEXT NOT NULL, status TEXT NOT NULL,
            at BIGINT NOT NULL, by_name TEXT NOT NULL, reference TEXT, late INTEGER NOT NULL, PRIMARY KEY (stream_id, form))
        """,
        "CREATE INDEX {actions.forms}_action ON {actions.forms} (origin, action_key, form, status)",
    ];

    public bool Handles(string eventType) => eventType.StartsWith("action-", StringComparison.Ordinal) && eventType != "action-deadline-extended";

    public async ValueTask ApplyAsync(RecordedEvent e, ViewWriter w, CancellationToken ct)
    {
        var state = w.Batch<BatchState>();
        var time = e.RecordedAt.ToUnixTimeMilliseconds();
        var decoded = w.Decode(e, types);
        if (decoded is ActionAssigned a)
        {
            if (state.Rows.ContainsKey(e.StreamId)) return;
            var (province, area) = await PlaceAsync(a.OfficeId, ct);
            w.Execute("""
                INSERT INTO {actions.offices} (stream_id, origin, action_key, office_id, office_type, province_id, area_id, kind, title, opens, due, first_due,
                    due_moved_at, session, forms_total, forms_submitted, late_forms, started, done_at, late, assigned_at, incoming_stream, document_number,
                    remind_days, reminders, last_reminder, overdue_notified_at, last_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, NULL, $12, $13, 0, 0, 0, NULL, 0, $14, $15, $16, $17, 0, NULL, NULL, $14)
                ON CONFLICT DO NOTHING
                """, e.StreamId, a.Origin, a.Key, a.OfficeId, (directory.Current.Find(a.OfficeId)?.Type ?? OrganizationType.Unit).Code(), province, area,
                a.Kind.ToString(), a.Title, a.Opens?.DayNumber, a.Due.DayNumber, a.Session, a.Forms.Count, a.ArrivedAt.ToUnixTimeMilliseconds(),
                a.IncomingStreamId, a.DocumentNumber, string.Join(",", a.RemindDaysBefore));
            state.Rows[e.StreamId] = new Row(a.Kind, a.Forms.Count, 0, 0, false, false);
            return;
        }
        if (!state.Rows.TryGetValue(e.StreamId, out var row)) return;
        switch (decoded)
        {
            case ActionDeadlineMoved m:
                w.Execute("UPDATE {actions.offices} SET due = $1, due_moved_at = $2, last_at = $3 WHERE stream_id = $4",
                    m.Due.DayNumber, m.EffectiveAt.ToUnixTimeMilliseconds(), time, e.StreamId);
                break;
            case FormStatusRecorded f:
                var before = state.Forms.GetValueOrDefault((e.StreamId, f.Form));
                var submitted = row.Submitted - (before?.Status == FormStatus.Submitted ? 1 : 0) + (f.Status == FormStatus.Submitted ? 1 : 0);
                var lateForms = row.LateForms - (before?.Late == true ? 1 : 0) + (f.Late ? 1 : 0);
                state.Forms[(e.StreamId, f.Form)] = new FormRow(f.Status, f.Late, f.At);
                w.Execute("""
                    INSERT INTO {actions.forms} (stream_id, origin, action_key, form, status, at, by_name, reference, late)
                    SELECT $1, origin, action_key, $2, $3, $4, $5, $6, $7 FROM {actions.offices} WHERE stream_id = $1
                    ON CONFLICT (stream_id, form) DO UPDATE SET status = excluded.status, at = excluded.at, by_name = excluded.by_name,
                        reference = excluded.reference, late = excluded.late
                    """, e.StreamId, f.Form, f.Status.ToString(), f.At.ToUnixTimeMilliseconds(), f.By, f.Reference, f.Late ? 1 : 0);
                row = row with { Submitted = submitted, LateForms = lateForms, Started = row.Started || f.Status != FormStatus.NotStarted };
                long? doneAt = submitted == row.FormsTotal
                    ? state.Forms.Where(x => x.Key.Stream == e.StreamId).Max(x => x.Value.At).ToUnixTimeMilliseconds() : null;
                w.Execute("""
                    UPDATE {actions.offices} SET forms_submitted = $1, late_forms = $2, started = $3, done_at = $4, late = $5, last_at = $6 WHERE stream_id = $7
                    """, submitted, lateForms, row.Started ? 1 : 0, doneAt, lateForms > 0 ? 1 : 0, time, e.StreamId);
                break;
            case NomineesReplied r:
                Done(w, e.StreamId, r.At, r.Late, time);
                row = row with { Started = true };
                break;
            case ActionConfirmed c:
                Done(w, e.StreamId, c.At, c.Late, time);
                row = row with { Started = true };
                break;
            case ActionReminderSent s:
                w.Execute("UPDATE {actions.offices} SET reminders = reminders + 1, last_reminder = $1 WHERE stream_id = $2", s.DaysBefore, e.StreamId);
                break;
            case ActionOverdueNotified:
                w.Execute("UPDATE {actions.offices} SET overdue_notified_at = $1 WHERE stream_id = $2", time, e.StreamId);
                break;
        }
        state.Rows[e.StreamId] = row;
    }

    private static void Done(ViewWriter w, string stream, DateTimeOffset at, bool late, long time) =>
        w.Execute("UPDATE {actions.offices} SET started = 1, done_at = $1, late = $2, last_at = $3 WHERE stream_id = $4",
            at.ToUnixTimeMilliseconds(), late ? 1 : 0, time, stream);

    /// <summary>The batch's streams as stored before it: two queries per 512 streams, not one per event.</summary>
    public async ValueTask PrepareAsync(IReadOnlyList<RecordedEvent> events, ViewWriter w, CancellationToken ct)
    {
        var state = w.Batch<BatchState>();
        var streams = events.Where(e => Handles(e.Type) && e.Type != "action-assigned").Select(e => e.StreamId).Distinct().ToList();
        foreach (var chunk in streams.Chunk(512))
        {
            var list = string.Join(", ", chunk.Select((_, i) => "$" + (i + 1)));
            foreach (var (stream, row) in await w.QueryAsync(
                $"SELECT stream_id, kind, forms_total, forms_submitted, late_forms, started, done_at FROM {{actions.offices}} WHERE stream_id IN ({list})",
                r => (r.GetString(0), new Row(Enum.Parse<ActionKind>(r.GetString(1)), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5) == 1, !r.IsDBNull(6))),
                ct, [.. chunk]))
                state.Rows[stream] = row;
            foreach (var (key, form) in await w.QueryAsync(
                $"SELECT stream_id, form, status, late, at FROM {{actions.forms}} WHERE stream_id IN ({list})",
                r => ((r.GetString(0), r.GetString(1)), new FormRow(Enum.Parse<FormStatus>(r.GetString(2)), r.GetInt32(3) == 1, DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)))),
                ct, [.. chunk]))
                state.Forms[key] = form;
        }
    }

    private async ValueTask<(string? Province, string? Area)> PlaceAsync(string officeId, CancellationToken ct)
    {
        var view = directory.Current;
        if (view.Find(officeId) is null) view = await directory.RefreshAsync(ct);
        if (view.Find(officeId) is not { } office) return (null, null);
        var province = view.ProvinceOf(office.Id)?.Id;
        return (province, TrackingView.AreaOf(view, office, province));
    }

    private sealed record Row(ActionKind Kind, int FormsTotal, int Submitted, int LateForms, bool Started, bool Done);

    private sealed record FormRow(FormStatus Status, bool Late, DateTimeOffset At);

    private sealed class BatchState
    {
        public Dictionary<string, Row> Rows { get; } = new(StringComparer.Ordinal);
        public Dictionary<(string Stream, string Form), FormRow> Forms { get; } = new();
    }
}
