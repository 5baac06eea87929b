using Saraban.Documents.Tables;
using Saraban.Web.Accounts;
using Saraban.Web.Pages;
using Saraban.Web.Serving;
using Saraban.Workflow;
using Saraban.Workflow.Actions;
using Saraban.Workflow.Thai;

namespace Saraban.Web.Actions;

/// <summary>
/// /actions/{origin}/{key}: for an LAO asked, its own action (deadline history, forms, the reply) and
/// the forms to record what it did; for a tracker, the action's compliance in their area, the
/// exports, and the import of the assessment system's file.
/// </summary>
internal static class ActionPages
{
    private const long MaxUpload = TableFile.MaxBytes;

    public static void Map(WebApplication app)
    {
        app.MapGet("/actions/{origin}/{key}", async (string origin, string key, HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = CurrentUser.Get(http, s.Access);
            var mine = new ActionRef(user.OrganizationId, origin, key);
            if (await s.Views.Compliance.FindAsync(mine, ct) is not null)
                return (IResult)PageResults.Page<ActionPage>(new { User = user, Action = await s.Desk.ReadAsync(user.Id, mine, ct), Ref = mine });
            var report = await ActionsApi.ReportAsync(origin, key, http, s, ct);
            return PageResults.Page<CompliancePage>(new { User = user, Origin = origin, Key = key, R = report, Directory = s.Views.Directory,
                Title = (await s.Views.Compliance.ActionsOfAsync(origin, ct)).FirstOrDefault(a => a.Key == key).Title ?? key });
        });
        app.MapPost("/actions/{origin}/{key}/form", async (string origin, string key, IFormCollection f, HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = CurrentUser.Get(http, s.Access);
            var status = ActionDesk.ParseStatus(f["status"].ToString()) ?? throw new DomainException("ไม่รู้จักสถานะนี้ (unknown status).");
            DateTimeOffset? at = null;
            if (f["at"].ToString() is { Length: > 0 } text)
                at = ActionDates.TryParse(text, out var parsed, out var error) ? parsed : throw new DomainException($"วันที่ส่ง: {error}");
            await s.Desk.RecordFormAsync(user.Id, new ActionRef(user.OrganizationId, origin, key), f["form"].ToString(), status, at, f["by"], f["reference"], ct);
            return Results.Redirect($"/actions/{origin}/{key}");
        });
        app.MapPost("/actions/{origin}/{key}/reply", async (string origin, string key, IFormCollection f, HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = CurrentUser.Get(http, s.Access);
            var names = f["name"];
            var nominees = Enumerable.Range(0, names.Count).Where(i => !string.IsNullOrWhiteSpace(names[i]))
                .Select(i => new Nominee(names[i]!, At(f, "position", i), At(f, "phone", i), At(f, "email", i))).ToList();
            await s.Desk.ReplyAsync(user.Id, new ActionRef(user.OrganizationId, origin, key), nominees, ct);
            return Results.Redirect($"/actions/{origin}/{key}");
        });
        app.MapPost("/actions/{origin}/{key}/confirm", async (string origin, string key, IFormCollection _, HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = CurrentUser.Get(http, s.Access);
            await s.Desk.ConfirmAsync(user.Id, new ActionRef(user.OrganizationId, origin, key), ct);
            return Results.Redirect($"/actions/{origin}/{key}");
        });
        app.MapPost("/actions/{origin}/{key}/import", async (string origin, string key, IFormFile? file, HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = CurrentUser.Get(http, s.Access);
            if (file is null || file.Length == 0) throw new DomainException("เลือกไฟล์ CSV หรือ XLSX ก่อน (choose a file).");
            if (file.Length > MaxUpload) throw new DomainException("ไฟล์ใหญ่เกิน ๒๐ MB (the file is too large).");
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var report = await s.Desk.ImportAsync(user.Id, origin, key, TableFile.Read(buffer.ToArray()), ct);
            return PageResults.Page<ImportReportPage>(new { User = user, Origin = origin, Key = key, Report = report, FileName = file.FileName, Directory = s.Views.Directory });
        });
    }

    private static string At(IFormCollection f, string field, int i) => i < f[field].Count ? f[field][i] ?? "" : "";
}
