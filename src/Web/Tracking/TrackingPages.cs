using Saraban.Web.Pages;
using Saraban.Web.Serving;
using Saraban.Workflow.Thai;
using Saraban.Workflow.Tracking;
using static Saraban.Web.Pages.Html;

namespace Saraban.Web.Tracking;

/// <summary>The tracker's pages: the circulars one follows, and for one of them who has not yet registered or acted.</summary>
internal static class TrackingPages
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/tracking", async (HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = TrackingApi.Tracker(http, s);
            var list = await TrackingApi.CircularsAsync(s.Views, user, ct);
            var body = list.Count == 0 ? "<p>ยังไม่มีหนังสือเวียนให้ติดตาม</p>" : "<ul>" + string.Concat(list.Select(o =>
                $"<li><a href=\"/tracking/{E(o.LetterId)}\">{E(o.DocumentNumber)} — {E(o.Subject)}</a> ({E(Date(o.Date))})</li>")) + "</ul>";
            return Html.Page(http, "ติดตามหนังสือเวียน", user, body);
        });
        app.MapGet("/tracking/{origin}.csv", async (string origin, string? office, string? stage, HttpContext http, Services s, CancellationToken ct) =>
        {
            var report = await TrackingReport.BuildAsync(s.Views, TrackingApi.Tracker(http, s), s.Access, origin, office, TrackingApi.ParseStage(stage), ct);
            return Letters.RegisterExport.Csv($"not-yet-{report.Stage.ToString().ToLowerInvariant()}.csv", ["รหัส", "อปท.", "อำเภอ", "ได้รับ", "ลงรับเมื่อ"],
                report.NotYet.Select(l => new[] { l.OrganizationId, l.Name, l.DistrictName ?? "", l.Delivered ? "ได้รับ" : "ยังไม่ได้รับ", l.RegisteredAt?.ToString("yyyy-MM-dd HH:mm") ?? "" }));
        });
        app.MapGet("/tracking/{origin}", async (string origin, string? office, string? stage, HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = TrackingApi.Tracker(http, s);
            var report = await TrackingReport.BuildAsync(s.Views, user, s.Access, origin, office, TrackingApi.ParseStage(stage), ct);
            return Html.Page(http, $"ติดตาม: {report.Subject}", user, Render(report));
        });
    }

    private static string N(int n) => E(ThaiDigits.Format(n));

    private static string Render(TrackingReport r)
    {
        var stage = r.Stage.ToString().ToLowerInvariant();
        var summary = r.Summary.Count == 0 ? "" : "<h2>ภาพรวมทั้งประเทศ</h2><table><tr><th>ระดับ</th><th>ได้รับ</th><th>ลงรับแล้ว</th><th>ดำเนินการแล้ว</th></tr>"
            + string.Concat(r.Summary.Select(kv => $"<tr><td>{E(Level(kv.Key))}</td><td>{N(kv.Value.Reached)}</td><td>{N(kv.Value.Registered)}</td><td>{N(kv.Value.Acted)}</td></tr>")) + "</table>";
        var areas = r.Areas.Count == 0 ? "" : "<h2>องค์กรปกครองส่วนท้องถิ่นรายพื้นที่</h2><table><tr><th>พื้นที่</th><th>อปท.</th><th>ได้รับ</th><th>ลงรับแล้ว</th><th>ดำเนินการแล้ว</th></tr>"
            + string.Concat(r.Areas.Select(a => $"<tr><td><a href=\"/tracking/{E(r.OriginLetterId)}?office={E(a.OrganizationId)}&stage={stage}\">{E(a.Name)}</a></td><td>{N(a.Locals)}</td><td>{N(a.Delivered)}</td><td>{N(a.Registered)}</td><td>{N(a.Acted)}</td></tr>")) + "</table>";
        var stages = string.Join(" · ", new[] { ("delivered", "ยังไม่ได้รับ"), ("registered", "ยังไม่ลงรับ"), ("acted", "ยังไม่ดำเนินการ") }.Select(x =>
            x.Item1 == stage ? $"<strong>{x.Item2}</strong>" : $"<a href=\"/tracking/{E(r.OriginLetterId)}?office={E(r.ScopeId)}&stage={x.Item1}\">{x.Item2}</a>"));
        var notYet = $"<h2>อปท. ใน{E(r.ScopeName)} ที่{E(StageName(r.Stage))} ({N(r.NotYetTotal)} แห่ง)</h2><p>{stages} · <a href=\"/tracking/{E(r.OriginLetterId)}.csv?office={E(r.ScopeId)}&stage={stage}\">รายชื่อเพื่อติดตาม (CSV)</a></p>"
            + (r.NotYet.Count == 0 ? "<p>ครบทุกแห่งแล้ว</p>" : "<table><tr><th>อปท.</th><th>อำเภอ</th><th>ได้รับ</th><th>ลงรับ</th></tr>"
            + string.Concat(r.NotYet.Select(l => $"<tr><td>{E(l.Name)}</td><td>{E(l.DistrictName)}</td><td>{(l.Delivered ? "✓" : "–")}</td><td>{E(Time(l.RegisteredAt))}</td></tr>")) + "</table>");
        return $"<p>{E(r.DocumentNumber)}</p>" + summary + areas + notYet;
    }

    private static string StageName(Stage s) => s switch
    {
        Stage.Delivered => "ยังไม่ได้รับหนังสือ",
        Stage.Registered => "ยังไม่ลงทะเบียนรับ",
        _ => "ยังไม่ดำเนินการ",
    };

    private static string Level(string key) => key switch
    {
        "provinces" => "จังหวัด",
        "districts" => "อำเภอ",
        "local offices" => "องค์กรปกครองส่วนท้องถิ่น",
        _ => "อื่น ๆ",
    };
}
