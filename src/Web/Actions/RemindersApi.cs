using Saraban.Web.Letters;
using Saraban.Web.Serving;
using Saraban.Workflow.Actions;
using Saraban.Workflow.Thai;

namespace Saraban.Web.Actions;

/// <summary>A reminder or overdue notice as the inbox shows it.</summary>
public sealed record ReminderItem(Guid NoticeId, string Kind, string ActionStreamId, string OfficeId, string OfficeName, string Title,
        string DocumentNumber, string IncomingStreamId, DateOnly Due, int? DaysBefore, DateTimeOffset At, string Text, string? MailedTo, DateTimeOffset? MailedAt);

/// <summary>The reminders and overdue notices in the signed-in user's office's inbox: the API, and the home page's section.</summary>
internal static class RemindersApi
{
    public static void Map(WebApplication app) =>
        app.MapGet("/api/actions/reminders", async (HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = RegistersApi.Reader(http, s);
            return Results.Ok(await ForOfficeAsync(user.OrganizationId, s, ct));
        });



    public static async Task<IReadOnlyList<ReminderItem>> ForOfficeAsync(string officeId, Services s, CancellationToken ct)
    {
        var directory = s.Views.Directory;
        return (await s.Views.Reminders.ForOfficeAsync(officeId, ct: ct)).Select(n =>
        {
            var office = directory.Find(n.LaoId)?.Name ?? n.LaoId;
            return new ReminderItem(n.NoticeId, n.Kind, n.StreamId, n.LaoId, office, n.Title, n.DocumentNumber, n.IncomingStreamId, n.Due, n.DaysBefore, n.At,
                TextOf(n, office, mine: n.OfficeId == n.LaoId), n.MailTo, n.MailedAt);
        }).ToList();
    }

    /// <summary>What the inbox line says, in Thai: to the LAO about itself, to a district or province about the LAO below it.</summary>
    public static string TextOf(ReminderNotice n, string officeName, bool mine) => n.IsOverdue
        ? mine ? $"เกินกำหนด {ThaiDate.FormatFull(n.Due)} แล้ว ยังไม่ได้ดำเนินการ: {n.Title}"
               : $"{officeName} ยังไม่ได้ดำเนินการ \"{n.Title}\" ซึ่งกำหนดภายใน {ThaiDate.FormatFull(n.Due)}"
        : n.DaysBefore is 0 or null ? $"ครบกำหนดวันนี้: {n.Title}"
        : $"เหลือเวลาอีก {ThaiDigits.Format(n.DaysBefore.Value)} วัน (กำหนด {ThaiDate.FormatFull(n.Due)}): {n.Title}";
}
