using System.Security.Cryptography;
using System.Text;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Actions;

/// <summary>
/// The outbox's confirmation: the mail of one notice (<see cref="ActionReminderSent"/>) went to
/// <paramref name="To"/>, or the server refused it for good (<paramref name="Refused"/>, not tried again).
/// </summary>
/// <param name="NoticeId">The id of the reminder event the mail was for; the mail's Message-Id is derived from it.</param>
public sealed record ActionReminderMailed(Guid NoticeId, string To, string MessageId, DateTimeOffset At, string? Refused);

/// <summary>
/// What the reminder job decides for one office's action, as a pure function of its stream and the
/// clock: a reminder on the day each offset before the deadline comes (7 days, 1 day …), and the
/// day after the deadline an overdue notice naming the district and province above the office.
/// </summary>
/// <remarks>
/// Ids are derived from what they are about (the action, the offset, the deadline), so two nodes,
/// or one node retrying after a crash, that decide the same thing append the same event: the store
/// takes the second as already stored.
/// </remarks>
public static class ActionReminders
{
    public static EventTypes Register(EventTypes types) => types.Register<ActionReminderMailed>("action-reminder-mailed");

    /// <param name="mailing">Whether reminders are mailed (SMTP configured): the reminder then names the office's mailbox, its outbox entry.</param>
    /// <returns>The one event due now, or null: an office acts on one deadline at a time, so at most one notice a round.</returns>
    public static object? Decide(RequestedAction state, DateTimeOffset now, DirectoryView directory, bool mailing)
    {
        if (state.Assignment is not { } a || state.DoneAt is not null) return null;
        var today = BangkokTime.DateOf(now);
        var due = state.DueAt(now);
        if (today > due)
        {
            // Once per deadline: an extension that arrives after the notice gives a new deadline to miss.
            if (state.Overdue?.Due == due) return null;
            return new ActionOverdueNotified(due, EscalateTo(directory, a.OfficeId), now);
        }
        // The offsets whose day has come and that were not yet sent for this deadline. When several
        // are (the letter arrived late, or no node ran for days), only the nearest is sent: "7 days
        // left" the day before the deadline would be wrong, and two mails at once are one too many.
        var come = a.RemindDaysBefore.Where(d => due.AddDays(-d) <= today)
            .Where(d => !state.Reminders.Any(r => r.DaysBefore == d && r.Due == due)).ToList();
        if (come.Count == 0) return null;
        var nearest = come.Min();
        if (state.Reminders.Any(r => r.Due == due && r.DaysBefore < nearest)) return null; // a nearer one went already
        var mailbox = mailing ? directory.Find(a.OfficeId)?.Mailbox : null;
        return new ActionReminderSent(nearest, due, now, mailbox);
    }

    /// <summary>Who hears that an office is late: its district and its province; an office with neither (Bangkok) its parent.</summary>
    public static IReadOnlyList<string> EscalateTo(DirectoryView directory, string officeId)
    {
        var office = directory.Find(officeId);
        var found = new List<string>();
        if (office?.ParentId is { } parent && directory.Find(parent) is { Type: OrganizationType.District } district) found.Add(district.Id);
        if (directory.ProvinceOf(officeId) is { } province && province.Id != officeId) found.Add(province.Id);
        if (found.Count == 0 && office?.ParentId is { } above) found.Add(above);
        return found;
    }

    /// <summary>The id of the event <see cref="Decide"/> returned, from what it is about; never from the clock.</summary>
    public static Guid IdOf(string streamId, object notice) => notice switch
    {
        ActionReminderSent r => Id($"reminder:{streamId}:{r.DaysBefore}:{r.Due:yyyy-MM-dd}"),
        ActionOverdueNotified o => Id($"overdue:{streamId}:{o.Due:yyyy-MM-dd}"),
        _ => throw new ArgumentException($"not a notice: {notice.GetType().Name}"),
    };

    public static Guid MailedIdOf(Guid noticeId) => Id($"mailed:{noticeId:N}");

    /// <summary>The mail's Message-Id, from the notice's id: a re-sent copy (after a crash) carries the same one, so mail systems can drop it.</summary>
    public static string MessageIdOf(Guid noticeId, string fromAddress) =>
        $"{noticeId:N}.reminder@{(fromAddress.Split('@') is [_, var domain] && domain.Length > 0 ? domain : "saraban.invalid")}";

    private static Guid Id(string text) => new(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
}
