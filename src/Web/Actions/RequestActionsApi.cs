using Saraban.Documents.Tables;
using Saraban.Web.Accounts;
using Saraban.Web.Serving;
using Saraban.Workflow;
using Saraban.Workflow.Actions;

namespace Saraban.Web.Actions;

/// <summary>
/// What a draft asks its receivers to do, set over the API: POST …/actions replaces the draft's
/// actions (a schedule comes as the session table's CSV text, or an XLSX file in base64), and POST
/// …/extend makes the draft move an earlier circular's deadline. A schedule that misses or doubles
/// LAOs is refused with each of them named (problem+json, 400, <c>errors</c>).
/// </summary>
internal static class RequestActionsApi
{
    public sealed record DueBody(DateOnly? Date, DateOnly? Opens, string? ScheduleCsv, string? ScheduleXlsxBase64);
    public sealed record ActionBody(string Key, ActionKind Kind, string Title, IReadOnlyList<string>? Forms, IReadOnlyList<string>? LaoTypes,
        DueBody Due, IReadOnlyList<int>? RemindDaysBefore);
    public sealed record ActionsBody(IReadOnlyList<ActionBody> Actions);
    public sealed record ExtendBody(string Origin, string Key, DateOnly NewDue, string? Reason);

    public static void Map(WebApplication app)
    {
        app.MapPost("/api/letters/outgoing/{id}/actions", async (string id, ActionsBody body, HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = CurrentUser.Get(http, s.Access);
            var directory = s.Views.Directory;
            var specs = (body.Actions ?? []).Select(a => new RequestedActionSpec(a.Key ?? "", a.Kind, a.Title ?? "", a.Forms ?? [], a.LaoTypes ?? [],
                Due(a.Due ?? throw new DomainException($"คำขอ '{a.Key}' ต้องมีกำหนดส่ง (due is required)."), directory), a.RemindDaysBefore ?? [])).ToList();
            await s.Letters.RequestActionsAsync(user.Id, id, specs, ct);
            return Results.Ok(new { id, actions = specs.Select(a => a.Key) });
        });
        app.MapPost("/api/letters/outgoing/{id}/extend", async (string id, ExtendBody body, HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = CurrentUser.Get(http, s.Access);
            await s.Letters.ExtendActionAsync(user.Id, id, body.Origin, body.Key, body.NewDue, body.Reason ?? "", ct);
            return Results.Ok(new { id, body.Origin, body.Key, body.NewDue });
        });
    }

    private static DueRule Due(DueBody due, Workflow.Directory.DirectoryView directory)
    {
        IReadOnlyList<IReadOnlyList<string>>? table = due.ScheduleCsv is { Length: > 0 } csv ? Csv.Parse(csv)
            : due.ScheduleXlsxBase64 is { Length: > 0 } b64 ? TableFile.Read(Convert.TryFromBase64String(b64, new byte[b64.Length], out var n)
                ? Convert.FromBase64String(b64) : throw new DomainException("ไฟล์ XLSX ไม่ใช่ base64 (not base64)."))
            : null;
        if (table is not null) return DueRule.Schedule(WorkshopSchedule.Parse(table, directory));
        if (due.Date is not { } date) throw new DomainException("ต้องมีกำหนดส่ง: date หรือตารางรอบ (a date or a schedule is required).");
        return due.Opens is { } opens ? DueRule.Window(opens, date) : DueRule.By(date);
    }
}
