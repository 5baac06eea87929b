using System.Data.Common;
using Saraban.Workflow.Views;

namespace Saraban.Workflow.Actions;

/// <summary>One reminder or overdue notice as an office's inbox shows it.</summary>
/// <param name="OfficeId">Who receives it: the LAO, or (overdue) its district or province.</param>
/// <param name="LaoId">The office that was asked to act.</param>
/// <param name="DaysBefore">For a reminder: how many days before the deadline it was sent for.</param>
/// <param name="MailTo">For the LAO's row of a mailed reminder: its mailbox; <see cref="MailedAt"/> once the mail went.</param>
public sealed record ReminderNotice(Guid NoticeId, string OfficeId, string StreamId, string LaoId, string Kind, int? DaysBefore, DateOnly Due,
    DateTimeOffset At, string Title, string DocumentNumber, string IncomingStreamId, string? MailTo, DateTimeOffset? MailedAt, string? MailRefused)
{
    public bool IsOverdue => Kind == ReminderView.Overdue;
}

/// <summary>The reminder job's and the inboxes' questions, from <see cref="ReminderView"/> and the compliance view's rows.</summary>
public sealed class ReminderNotices(IViewReader views)
{
    private const string Columns = """
        notice_id, office_id, stream_id, lao_id, kind, days_before, due, at, title, document_number, incoming_stream, mail_to, mailed_at, mail_refused
        """;

    /// <summary>The office's notices, newest first.</summary>
    public Task<List<ReminderNotice>> ForOfficeAsync(string officeId, int limit = 100, CancellationToken ct = default) =>
        views.QueryAsync($"SELECT {Columns} FROM {{reminders.notices}} WHERE office_id = $1 ORDER BY at DESC, notice_id LIMIT $2", Read, ct, officeId, limit);

    /// <summary>The outbox: reminders to be mailed whose mail is not yet confirmed, oldest first.</summary>
    public Task<List<ReminderNotice>> UnmailedAsync(int limit = 500, CancellationToken ct = default) =>
        views.QueryAsync($"SELECT {Columns} FROM {{reminders.notices}} WHERE mail_to IS NOT NULL AND mailed_at IS NULL ORDER BY position LIMIT $1",
            Read, ct, limit);

    /// <summary>
    /// The actions the job should look at today: open ones whose deadline is passed with no overdue
    /// notice for it, and open ones with a reminder offset whose day has come and no reminder for it.
    /// A narrowing only: the job decides on each action's stream, which the views may lag.
    /// </summary>
    public async Task<IReadOnlyList<string>> DueAsync(DateOnly today, CancellationToken ct = default)
    {
        var overdue = await views.QueryAsync("""
            SELECT o.stream_id FROM {actions.offices} o
            WHERE o.done_at IS NULL AND o.due < $1
              AND NOT EXISTS (SELECT 1 FROM {reminders.notices} n WHERE n.stream_id = o.stream_id AND n.kind = 'overdue' AND n.due = o.due)
            """, r => r.GetString(0), ct, today.DayNumber);
        // Offsets are a list in one column: the rows in the widest window (365 days, the largest offset allowed) are filtered here.
        var open = await views.QueryAsync("""
            SELECT stream_id, due, remind_days FROM {actions.offices} WHERE done_at IS NULL AND due >= $1 AND due <= $2 AND remind_days <> ''
            """, r => (Stream: r.GetString(0), Due: DateOnly.FromDayNumber(r.GetInt32(1)), Days: r.GetString(2)), ct, today.DayNumber, today.DayNumber + 365);
        var sent = (await views.QueryAsync("""
            SELECT stream_id, days_before, due FROM {reminders.notices} WHERE kind = 'reminder' AND due >= $1 AND office_id = lao_id
            """, r => (Stream: r.GetString(0), Days: Convert.ToInt32(r.GetValue(1)), Due: r.GetInt32(2)), ct, today.DayNumber))
            .ToLookup(x => (x.Stream, x.Due), x => x.Days);
        // As the job decides: the nearest offset whose day has come is due unless it, or a nearer one, was sent for this deadline.
        var reminders = open.Select(a => (a.Stream, a.Due, Nearest: a.Days.Split(',').Select(int.Parse).Where(d => a.Due.AddDays(-d) <= today).DefaultIfEmpty(-1).Min()))
            .Where(a => a.Nearest >= 0 && !sent[(a.Stream, a.Due.DayNumber)].Any(d => d <= a.Nearest))
            .Select(a => a.Stream);
        return [.. overdue, .. reminders];
    }

    private static ReminderNotice Read(DbDataReader r) => new(
        Guid.ParseExact(r.GetString(0), "N"), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.Int(5), DateOnly.FromDayNumber(r.GetInt32(6)),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7)), r.GetString(8), r.GetString(9), r.GetString(10), r.Text(11), r.Time(12), r.Text(13));
}
