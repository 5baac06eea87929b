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
            return Results.Ok(await CircularsAsync(s.Views, Tracker(http, s), ct));
        });
        app.MapGet("/api/tracking/{origin}", async (string origin, string? office, string? stage, HttpContext http, Services s, CancellationToken ct) =>
        {
            var report = await TrackingReport.BuildAsync(s.Views, Tracker(http, s), s.Access, origin, office, ParseStage(stage), ct);
            return Results.Ok(new
            {
                report.OriginLetterId, report.Subject, report.DocumentNumber, report.ScopeId, report.ScopeName,
                summary = report.Summary.ToDictionary(kv => kv.Key, kv => new { reached = kv.Value.Reached, registered = kv.Value.Registered, acted = kv.Value.Acted }),
                report.Areas, stage = report.Stage.ToString().ToLowerInvariant(), report.NotYet, report.NotYetTotal,
                // The scope's local offices reaching each stage per day (Bangkok), for a chart of progress over time.
                daily = report.Daily.Select(d => new { day = d.Day, counts = new { reached = d.Counts.Reached, registered = d.Counts.Registered, acted = d.Counts.Acted } }),
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

    /// <summary>The circulars the user can follow: sent from within their area, or received by their office; newest first, the latest 200.</summary>
    public static async Task<IReadOnlyList<OutgoingEntry>> CircularsAsync(ReadModels views, UserAccount user, CancellationToken ct)
    {
        const int Listed = 200;
        var directory = views.Directory;
        var reach = TrackingReport.ReachOf(directory, user.OrganizationId);
        // Central offices reach the whole country: every origin; others the offices of their own area.
        IReadOnlyCollection<string>? offices = reach.ParentId is null ? null : Subtree(directory, reach.Id);
        var sent = await views.Registers.OriginsAsync(offices, Listed, ct);
        var received = await views.Registers.OriginsReceivedByAsync(user.OrganizationId, Listed, ct);
        return sent.Concat(received).DistinctBy(o => o.LetterId).OrderByDescending(o => o.Seq).Take(Listed).ToList();
    }

    private static List<string> Subtree(Workflow.Directory.DirectoryView directory, string root)
    {
        var all = new List<string> { root };
        for (int i = 0; i < all.Count; i++) all.AddRange(directory.ChildrenOf(all[i]).Select(c => c.Id));
        return all;
    }
}
