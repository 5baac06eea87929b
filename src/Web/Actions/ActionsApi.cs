using Saraban.Documents.Tables;
using Saraban.Web.Accounts;
using Saraban.Web.Serving;
using Saraban.Web.Tracking;
using Saraban.Workflow;
using Saraban.Workflow.Access;
using Saraban.Workflow.Actions;
using Saraban.Workflow.Directory;
using Saraban.Workflow.Thai;

namespace Saraban.Web.Actions;

/// <summary>One action's compliance within a tracker's area: what the API, the page and the export show.</summary>
public sealed record ComplianceReport(string Scope, string? Province, string? Area, DateOnly Today, IReadOnlyDictionary<string, ComplianceCounts> Groups,
    IReadOnlyDictionary<string, (int InProgress, int Submitted, int Late)> Forms, IReadOnlyList<ActionStanding> Late, IReadOnlyList<Workflow.Tracking.Hop> Hops);

/// <summary>
/// /api/actions: what is asked of the signed-in user's office; per action, its compliance within the
/// tracker's area (the country for the PM Office, a province, a district) as JSON, CSV or XLSX.
/// </summary>
internal static class ActionsApi
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/actions/mine", async (HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = CurrentUser.Get(http, s.Access);
            s.Access.Authorize(user.Id, Permission.Read, user.OrganizationId, DateTimeOffset.UtcNow);
            var today = BangkokTime.DateOf(DateTimeOffset.UtcNow);
            return Results.Ok((await s.Views.Compliance.OfOfficeAsync(user.OrganizationId, ct: ct)).Select(a => new
            {
                a.Origin, a.Key, a.Title, kind = a.Kind.ToString(), a.Due, a.FirstDue, a.Session, a.FormsTotal, a.FormsSubmitted, a.DoneAt, a.Late,
                state = a.StateOn(today).ToString(), a.DocumentNumber, a.IncomingStreamId, a.Reminders,
            }));
        });
        app.MapGet("/api/actions/{origin}/{key}", async (string origin, string key, HttpContext http, Services s, CancellationToken ct) =>
        {
            var report = await ReportAsync(origin, key, http, s, ct);
            return Results.Ok(new
            {
                origin, key, report.Scope, today = report.Today,
                groups = report.Groups.Select(g => new { id = g.Key, name = s.Views.Directory.Find(g.Key)?.Name ?? g.Key, g.Value.Asked, g.Value.Done, g.Value.DoneLate, g.Value.InProgress, g.Value.NotStarted, g.Value.Overdue }),
                forms = report.Forms.Select(f => new { form = f.Key, inProgress = f.Value.InProgress, submitted = f.Value.Submitted, late = f.Value.Late }),
                late = report.Late.Select(a => new { a.OfficeId, name = s.Views.Directory.Find(a.OfficeId)?.Name, a.Due, a.DoneAt, state = a.StateOn(report.Today).ToString(), a.FormsSubmitted, a.FormsTotal }),
                slowestHops = report.Hops.Select(h => new { h.OfficeId, name = s.Views.Directory.Find(h.OfficeId)?.Name, h.ReceivedAt, h.ForwardedAt, heldDays = Math.Round(h.HeldFor(DateTimeOffset.UtcNow).TotalDays, 1) }),
            });
        });
        app.MapGet("/api/actions/{origin}/{key}/export", async (string origin, string key, string? format, HttpContext http, Services s, CancellationToken ct) =>
        {
            var report = await ReportAsync(origin, key, http, s, ct, lateLimit: 10_000);
            var rows = new List<IReadOnlyList<string>> { new[] { "รหัสหน่วยงาน", "หน่วยงาน", "จังหวัด", "กำหนดส่ง", "สถานะ", "แบบที่ส่งแล้ว", "ส่งเมื่อ" } };
            var today = report.Today;
            foreach (var a in await s.Views.Compliance.InAreaAsync(origin, key, report.Province, report.Area, 10_000, ct))
                rows.Add([a.OfficeId, s.Views.Directory.Find(a.OfficeId)?.Name ?? "", a.ProvinceId is { } p ? s.Views.Directory.Find(p)?.Name ?? p : "",
                    a.Due.ToString("yyyy-MM-dd"), Thai(a.StateOn(today)), $"{a.FormsSubmitted}/{a.FormsTotal}", a.DoneAt is { } d ? BangkokTime.DateOf(d).ToString("yyyy-MM-dd") : ""]);
            return format?.ToLowerInvariant() switch
            {
                "xlsx" => Results.File(TableFile.WriteXlsx("compliance", rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"compliance-{key}.xlsx"),
                null or "" or "csv" => Results.File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(Csv.Format(rows))).ToArray(),
                    "text/csv; charset=utf-8", $"compliance-{key}.csv"),
                _ => throw new DomainException($"ไม่รู้จักรูปแบบ '{format}' ใช้ csv หรือ xlsx (unknown format)."),
            };
        });
    }



    /// <summary>The tracker's area decides what they see: the PM Office and its units the country by province, a province its districts, a district its LAOs.</summary>
    internal static async Task<ComplianceReport> ReportAsync(string origin, string key, HttpContext http, Services s, CancellationToken ct, int lateLimit = 500)
    {
        var user = TrackingApi.Tracker(http, s);
        var office = s.Views.Directory.Get(user.OrganizationId);
        var today = http.Request.Query["today"] is { Count: 1 } t && ActionDates.TryParse(t[0], out var at, out _) ? BangkokTime.DateOf(at) : BangkokTime.DateOf(DateTimeOffset.UtcNow);
        var compliance = s.Views.Compliance;
        var (scope, province, area) = office.Type switch
        {
            OrganizationType.PmOffice or OrganizationType.Unit => ("nation", (string?)null, (string?)null),
            OrganizationType.Province => ("province", office.Id, null),
            OrganizationType.District => ("district", s.Views.Directory.ProvinceOf(office.Id)?.Id, office.Id),
            _ => throw new AccessDeniedException("ติดตามการดำเนินการได้เฉพาะสำนักนายกรัฐมนตรี จังหวัด และอำเภอ (only the PM Office, provinces and districts track actions)."),
        };
        var groups = scope == "nation"
            ? await compliance.CountsAsync(origin, key, ComplianceGrouping.Province, today, ct: ct)
            : await compliance.CountsAsync(origin, key, ComplianceGrouping.Area, today, province, ct);
        if (area is not null) groups = groups.Where(g => g.Key == area).ToDictionary(g => g.Key, g => g.Value);
        var late = (await compliance.LateAsync(origin, key, today, province, lateLimit, ct)).Where(a => area is null || a.AreaId == area).ToList();
        return new ComplianceReport(scope, province, area, today, groups, await compliance.FormsAsync(origin, key, ct), late,
            await s.Views.Hops.SlowestAsync(origin, DateTimeOffset.UtcNow, 20, ct));
    }

    private static string Thai(ActionState state) => state switch
    {
        ActionState.Done => "ดำเนินการแล้ว",
        ActionState.DoneLate => "ดำเนินการแล้ว (ล่าช้า)",
        ActionState.InProgress => "กำลังดำเนินการ",
        ActionState.Overdue => "เกินกำหนด",
        _ => "ยังไม่ดำเนินการ",
    };
}
