using Saraban.Workflow.EventStore;

namespace Saraban.Web.Serving;

/// <summary>
/// Keeps the stored views caught up with the log: this node applies each view whose lease it holds
/// or can take, and waits for a nudge (a write on this node) or a short pause between rounds.
/// </summary>
internal sealed class ViewsDaemon(ReadyGate gate, ILogger<ViewsDaemon> log) : BackgroundService
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await gate.WaitAsync(stoppingToken)) return;
        var services = gate.Current;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var applied = await services.Views.Stored.CatchUpAsync(stoppingToken);
                if (applied > 10_000) log.LogInformation("Views: applied {Count} events", applied);
                if (applied > 0) continue;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Views: catching up failed; retrying");
            }
            try { await services.Views.Stored.PauseAsync(Pause, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>
    /// A request that changed something answers only once the views show the change (or after
    /// <see cref="Patience"/>): the register after registering, the inbox after a step. The wait
    /// runs just before the response starts, so the client never reads a view older than its write.
    /// </summary>
    public static void Use(WebApplication app) => app.Use(async (http, next) =>
    {
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
            http.Response.OnStarting(async () =>
            {
                if (http.Response.StatusCode >= 400) return;
                var services = http.RequestServices;
                try
                {
                    var head = await services.GetRequiredService<IEventStore>().HeadPositionAsync(http.RequestAborted);
                    await services.GetRequiredService<Services>().Views.Stored.WaitForAsync(head, Patience, http.RequestAborted);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
                {
                    // The write is stored: answering it with an error would have the client send it again.
                    // A busy or unreachable database only costs the wait (seen under overload in bench soak).
                    services.GetRequiredService<ILogger<ViewsDaemon>>().LogWarning("Views: could not wait for the views after a write ({Error}); answered without", ex.Message);
                }
            });
        await next(http);
    });

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);
}
