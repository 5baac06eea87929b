using Saraban.Web.Pages;
using Saraban.Web.Serving;
using Saraban.Workflow.Thai;
using Saraban.Workflow.Tracking;

namespace Saraban.Web.Tracking;

/// <summary>The tracker's pages: the circulars one follows, and for one of them who has not yet registered or acted.</summary>
internal static class TrackingPages
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/tracking", async (HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = TrackingApi.Tracker(http, s);
            return PageResults.Page<TrackingListPage>(new { User = user, Circulars = await TrackingApi.CircularsAsync(s.Views, user, ct) });
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
            var directory = s.Views.Directory;
            var national = (office is null ? TrackingReport.ReachOf(directory, user.OrganizationId) : directory.Find(office))?.ParentId is null;
            var report = await TrackingReport.BuildAsync(s.Views, user, s.Access, origin, office, TrackingApi.ParseStage(stage), ct, listed: national ? 0 : TrackingPage.Listed);
            // A province's areas (its districts and its direct area) and the country's (its provinces) count every local office of the scope.
            var locals = report.Areas.Count > 0 ? report.Areas.Sum(a => a.Locals) : CirculationTracker.LocalOfficesIn(directory, directory.Get(report.ScopeId)).Count;
            return PageResults.Page<TrackingPage>(new { R = report, User = user, Path = PathTo(directory, user, report.ScopeId), ScopeLocals = locals });
        });
    }

    /// <summary>The offices from the user's reach down to the scope, the scope excluded.</summary>
    private static IReadOnlyList<(string Id, string Name)> PathTo(Workflow.Directory.DirectoryView directory, Workflow.Access.UserAccount user, string scopeId)
    {
        var reach = TrackingReport.ReachOf(directory, user.OrganizationId);
        var path = new List<(string, string)>();
        for (var o = directory.Find(scopeId); o is not null && o.Id != reach.Id && o.ParentId is { } p; o = directory.Find(p))
            path.Insert(0, (p, directory.Get(p).Name));
        return path.Where(x => TrackingReport.Within(directory, directory.Get(x.Item1), reach)).ToList();
    }
}
