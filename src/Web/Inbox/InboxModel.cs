using Saraban.Web.Letters;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Registers;

namespace Saraban.Web.Inbox;

/// <summary>
/// งานของฉัน (the user's inbox): the steps waiting for them, the most urgent first (ด่วนที่สุด, then
/// ด่วนมาก, ด่วน), within each the overdue first and then the soonest due; counted, and filtered by
/// urgency, lateness or step.
/// </summary>
public sealed record InboxModel(IReadOnlyList<InboxItem> Shown, int Total, int MostUrgent, int AnyUrgent, int Overdue,
    IReadOnlyList<(string Step, string Name, int Count)> Steps, string? Filter, IReadOnlyList<IncomingEntry> Unregistered)
{
    public static InboxModel Of(IReadOnlyList<InboxItem> items, IReadOnlyList<IncomingEntry> unregistered, string? filter)
    {
        var ordered = items.OrderByDescending(i => i.Letter?.Urgency ?? Urgency.None).ThenByDescending(i => i.Task.Overdue)
            .ThenBy(i => i.Task.DueAt ?? DateTimeOffset.MaxValue).ThenBy(i => i.Task.InstanceId, StringComparer.Ordinal).ToList();
        var shown = filter switch
        {
            "most" => ordered.Where(i => i.Letter?.Urgency == Urgency.MostUrgent),
            "urgent" => ordered.Where(i => (i.Letter?.Urgency ?? Urgency.None) != Urgency.None),
            "late" => ordered.Where(i => i.Task.Overdue),
            { Length: > 5 } f when f.StartsWith("step:", StringComparison.Ordinal) => ordered.Where(i => i.Task.Step == f[5..]),
            _ => ordered,
        };
        var steps = ordered.GroupBy(i => i.Task.Step).Select(g => (g.Key, g.First().Step, g.Count())).ToList();
        // Letters already in the inbox as "register" steps are not listed twice.
        var inInbox = items.Select(i => i.Task.Subject).ToHashSet(StringComparer.Ordinal);
        return new InboxModel(shown.Take(MaxShown).ToList(), items.Count, ordered.Count(i => i.Letter?.Urgency == Urgency.MostUrgent),
            ordered.Count(i => (i.Letter?.Urgency ?? Urgency.None) != Urgency.None), ordered.Count(i => i.Task.Overdue), steps,
            filter, unregistered.Where(e => !inInbox.Contains(e.StreamId)).Take(MaxShown).ToList());
    }

    /// <summary>Enough for a day's work on one page, and a page under 100 KB.</summary>
    public const int MaxShown = 150;
}
