using Saraban.Web.Accounts;
using Saraban.Web.Serving;
using Saraban.Workflow;
using Saraban.Workflow.Access;
using Saraban.Workflow.Registers;
using Saraban.Workflow.Tracking;

namespace Saraban.Web.Tracking;

/// <summary>/api/tracking: the circulars this office took part in, and where each stands below it.</summary>
internal static class TrackingApi
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/tracking", async (HttpContext http, Services s, CancellationToken ct) =>
        {
            var views = await s.Views.CurrentAsync(ct);
            return Results.Ok(Circulars(views, Tracker(http, s)));
        });
        app.MapGet("/api/tracking/{origin}", async (string origin, string? office, string? stage, HttpContext http, Services s, CancellationToken ct) =>
        {
            var views = await s.Views.CurrentAsync(ct);
            var report = TrackingReport.Build(views, Tracker(http, s), s.Access, origin, office, ParseStage(stage));
            return Results.Ok(new
            {
                report.OriginLetterId, report.Subject, report.DocumentNumber, report.ScopeId, report.ScopeName,
                summary = report.Summary.ToDictionary(kv => kv.Key, kv => new { reached = kv.Value.Reached, registered = kv.Value.Registered, acted = kv.Value.Acted }),
                report.Areas, stage = report.Stage.ToString().ToLowerInvariant(), report.NotYet, report.NotYetTotal,
            });
        });
    }

    public static UserAccount Tracker(HttpContext http, Services s)
    {
        var user = CurrentUser.Get(http, s.Access);
        s.Access.Authorize(user.Id, Permission.Track, user.OrganizationId, DateTimeOffset.UtcNow);
        return user;
    }

    public static Stage ParseStage(string? stage) => stage?.ToLowerInvariant() switch
    {
        null or "" or "registered" => Stage.Registered,
        "delivered" => Stage.Delivered,
        "acted" => Stage.Acted,
        _ => throw new DomainException($"ไม่รู้จักขั้น '{stage}' ใช้ delivered, registered หรือ acted (unknown stage)."),
    };

    /// <summary>The circulars the user can follow: sent from within their area, or received by their office; newest first.</summary>
    public static IReadOnlyList<OutgoingEntry> Circulars(ReadModels views, UserAccount user)
    {
        var received = views.Registers.Incoming(user.OrganizationId, 1000).Select(i => i.OriginLetterId).OfType<string>().ToHashSet();
        var reach = TrackingReport.ReachOf(views.Directory, user.OrganizationId);
        return views.Registers.Origins()
            .Where(o => received.Contains(o.LetterId) || TrackingReport.Within(views.Directory, views.Directory.Get(o.OrganizationId), reach))
            .OrderByDescending(o => o.DraftedAt).ToList();
    }
}
