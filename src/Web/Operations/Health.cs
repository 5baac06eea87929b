using Saraban.Web.Serving;
using Saraban.Workflow.EventStore;

namespace Saraban.Web.Operations;

/// <summary>
/// Probes for a load balancer or an orchestrator. <c>/health/live</c>: the process answers, even while
/// it starts. <c>/health/ready</c>: it has read what it needs, its database answers, and none of its
/// views is further behind the log than the lag allowed; otherwise 503, saying which.
/// </summary>
internal static class Health
{
    /// <summary>Answered while the node is still starting: the ready gate lets them through.</summary>
    public static bool AnswersWhileStarting(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);

    public static void Map(WebApplication app, long maxLag)
    {
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" })).AllowAnonymous();
        app.MapGet("/health/ready", async (ReadyGate gate, IEventStore store, HttpContext http) =>
        {
            if (!gate.IsOpen) return Unready("starting", "the node is still reading the directory, the users and its views");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            timeout.CancelAfter(Patience);
            try
            {
                var head = await store.HeadPositionAsync(timeout.Token);
                var views = (await gate.Current.Views.Stored.StatusAsync(timeout.Token)).Select(v => new { name = v.Name, lag = v.Lag, errors = v.ErrorCount }).ToList();
                var behind = views.Where(v => v.lag > maxLag).Select(v => v.name).ToList();
                var body = new { status = behind.Count == 0 ? "ready" : "behind", backend = store.Backend, head, maxLag, views };
                return behind.Count == 0 ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
            {
                return Unready("unavailable", ex is OperationCanceledException ? $"the database did not answer within {Patience.TotalSeconds:0} s" : ex.Message);
            }
        }).AllowAnonymous();
    }

    private static IResult Unready(string status, string reason) =>
        Results.Json(new { status, reason }, statusCode: StatusCodes.Status503ServiceUnavailable);
}
