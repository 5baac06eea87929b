using System.Data.Common;
using Saraban.Workflow.Views;

namespace Saraban.Workflow.Actions;

/// <summary>One office's action as the compliance view holds it.</summary>
public sealed record ActionStanding(string StreamId, string Origin, string Key, string OfficeId, string OfficeType, string? ProvinceId, string? AreaId,
    ActionKind Kind, string Title, DateOnly? Opens, DateOnly Due, DateOnly FirstDue, DateTimeOffset? DueMovedAt, int? Session, int FormsTotal,
    int FormsSubmitted, bool Started, DateTimeOffset? DoneAt, bool Late, DateTimeOffset AssignedAt, string IncomingStreamId, string DocumentNumber,
    IReadOnlyList<int> RemindDaysBefore, int Reminders, DateTimeOffset? OverdueNotifiedAt)
{
    public ActionState StateOn(DateOnly today) =>
        DoneAt is not null ? (Late ? ActionState.DoneLate : ActionState.Done)
        : today > Due ? ActionState.Overdue
        : Started ? ActionState.InProgress : ActionState.NotStarted;

    public ActionRef Ref => new(OfficeId, Origin, Key);
}

public enum ActionState { NotStarted, InProgress, Done, DoneLate, Overdue }

/// <summary>Counts of one group of offices (a province, a district, a type): done on time, done late, in progress, not started, overdue.</summary>
public readonly record struct ComplianceCounts(int Asked, int Done, int DoneLate, int InProgress, int NotStarted, int Overdue);

public enum ComplianceGrouping { Province, Area, Type }

/// <summary>The compliance questions, answered from <see cref="ComplianceView"/>'s rows by index.</summary>
public sealed class Compliance(IViewReader views)
{
    private const string Columns = """
        stream_id, origin, action_key, office_id, office_type, province_id, area_id, kind, title, opens, due, first_due, due_moved_at, session,
        forms_total, forms_submitted, started, done_at, late, assigned_at, incoming_stream, document_number, remind_days, reminders, overdue_notified_at
        """;

    /// <summary>What is asked of this office: every action, newest deadline first.</summary>
    public Task<List<ActionStanding>> OfOfficeAsync(string officeId, int limit = 200, CancellationToken ct = default) =>
        views.QueryAsync($"SELECT {Columns} FROM {{actions.offices}} WHERE office_id = $1 ORDER BY due DESC LIMIT $2", Read, ct, officeId, limit);

    public Task<ActionStanding?> FindAsync(ActionRef action, CancellationToken ct = default) =>
        views.FirstAsync($"SELECT {Columns} FROM {{actions.offices}} WHERE stream_id = $1", Read, ct, action.StreamId);

    /// <summary>The actions a letter asked for, with how many offices each asks: the keys and titles.</summary>
    public Task<List<(string Key, string Title, ActionKind Kind, int Asked)>> ActionsOfAsync(string origin, CancellationToken ct = default) =>
        views.QueryAsync("SELECT action_key, MIN(title), MIN(kind), COUNT(*) FROM {actions.offices} WHERE origin = $1 GROUP BY action_key ORDER BY action_key",
            r => (r.GetString(0), r.GetString(1), Enum.Parse<ActionKind>(r.GetString(2)), Convert.ToInt32(r.GetValue(3))), ct, origin);

    /// <summary>One grouped read of the action's rows: the whole country by province, a province by district, or by LAO type.</summary>
    /// <param name="province">With <see cref="ComplianceGrouping.Area"/>: the province whose districts to count.</param>
    public async Task<IReadOnlyDictionary<string, ComplianceCounts>> CountsAsync(string origin, string key, ComplianceGrouping by, DateOnly today,
        string? province = null, CancellationToken ct = default)
    {
        var column = by switch { ComplianceGrouping.Province => "province_id", ComplianceGrouping.Area => "area_id", _ => "office_type" };
        var filter = by == ComplianceGrouping.Area ? "AND province_id = $4" : "AND $4 = $4";
        var rows = await views.QueryAsync($$"""
            SELECT COALESCE({{column}}, ''), COUNT(*),
                SUM(CASE WHEN done_at IS NOT NULL AND late = 0 THEN 1 ELSE 0 END),
                SUM(CASE WHEN done_at IS NOT NULL AND late = 1 THEN 1 ELSE 0 END),
                SUM(CASE WHEN done_at IS NULL AND due >= $3 AND started = 1 THEN 1 ELSE 0 END),
                SUM(CASE WHEN done_at IS NULL AND due >= $3 AND started = 0 THEN 1 ELSE 0 END),
                SUM(CASE WHEN done_at IS NULL AND due < $3 THEN 1 ELSE 0 END)
            FROM {actions.offices} WHERE origin = $1 AND action_key = $2 {{filter}} GROUP BY {{column}}
            """, r => (r.GetString(0), new ComplianceCounts(Convert.ToInt32(r.GetValue(1)), Convert.ToInt32(r.GetValue(2)), Convert.ToInt32(r.GetValue(3)),
                Convert.ToInt32(r.GetValue(4)), Convert.ToInt32(r.GetValue(5)), Convert.ToInt32(r.GetValue(6)))),
            ct, origin, key, today.DayNumber, province ?? "");
        return rows.ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal);
    }

    /// <summary>Per form: how many offices have it not started, in progress, submitted (and submitted late).</summary>
    public async Task<IReadOnlyDictionary<string, (int InProgress, int Submitted, int Late)>> FormsAsync(string origin, string key, CancellationToken ct = default)
    {
        var rows = await views.QueryAsync("""
            SELECT form, SUM(CASE WHEN status = 'InProgress' THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'Submitted' THEN 1 ELSE 0 END),
                SUM(CASE WHEN status = 'Submitted' AND late = 1 THEN 1 ELSE 0 END)
            FROM {actions.forms} WHERE origin = $1 AND action_key = $2 GROUP BY form
            """, r => (r.GetString(0), (Convert.ToInt32(r.GetValue(1)), Convert.ToInt32(r.GetValue(2)), Convert.ToInt32(r.GetValue(3)))), ct, origin, key);
        return rows.ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal);
    }

    /// <summary>Who is late: done after their deadline, or not done with it passed; a province's only when given.</summary>
    public Task<List<ActionStanding>> LateAsync(string origin, string key, DateOnly today, string? province = null, int limit = 1000, CancellationToken ct = default) =>
        views.QueryAsync($$"""
            SELECT {{Columns}} FROM {actions.offices}
            WHERE origin = $1 AND action_key = $2 AND ($3 = '' OR province_id = $3) AND (late = 1 OR (done_at IS NULL AND due < $4))
            ORDER BY province_id, area_id, office_id LIMIT $5
            """, Read, ct, origin, key, province ?? "", today.DayNumber, limit);

    /// <summary>Every office of the action in one group (a province, or a district's area), for the list to chase.</summary>
    public Task<List<ActionStanding>> InAreaAsync(string origin, string key, string? province, string? area, int limit = 2000, CancellationToken ct = default) =>
        views.QueryAsync($$"""
            SELECT {{Columns}} FROM {actions.offices}
            WHERE origin = $1 AND action_key = $2 AND ($3 = '' OR province_id = $3) AND ($4 = '' OR area_id = $4)
            ORDER BY province_id, area_id, office_id LIMIT $5
            """, Read, ct, origin, key, province ?? "", area ?? "", limit);

    /// <summary>Offices not done whose reminder falls due on <paramref name="today"/> or before and was not yet sent (the reminder job's question).</summary>
    public Task<List<ActionStanding>> OpenDueByAsync(DateOnly latestDue, int limit = 5000, CancellationToken ct = default) =>
        views.QueryAsync($"SELECT {Columns} FROM {{actions.offices}} WHERE done_at IS NULL AND due <= $1 ORDER BY due LIMIT $2", Read, ct, latestDue.DayNumber, limit);

    /// <summary>Open actions with a deadline from <paramref name="from"/> to <paramref name="to"/>: whom reminders may be due for.</summary>
    public Task<List<ActionStanding>> OpenDueBetweenAsync(DateOnly from, DateOnly to, int limit = 20000, CancellationToken ct = default) =>
        views.QueryAsync($"SELECT {Columns} FROM {{actions.offices}} WHERE done_at IS NULL AND due >= $1 AND due <= $2 ORDER BY due LIMIT $3",
            Read, ct, from.DayNumber, to.DayNumber, limit);

    private static ActionStanding Read(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.Text(5), r.Text(6), Enum.Parse<ActionKind>(r.GetString(7)),
        r.GetString(8), r.Int(9) is { } o ? DateOnly.FromDayNumber(o) : null, DateOnly.FromDayNumber(r.GetInt32(10)), DateOnly.FromDayNumber(r.GetInt32(11)),
        r.Time(12), r.Int(13), r.GetInt32(14), r.GetInt32(15), r.GetInt32(16) == 1, r.Time(17), r.GetInt32(18) == 1, r.Time(19)!.Value, r.GetString(20),
        r.GetString(21), r.GetString(22).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList(), r.GetInt32(23), r.Time(24));
}
