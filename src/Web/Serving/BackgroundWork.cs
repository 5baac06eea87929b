using Quartz;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Routing;

namespace Saraban.Web.Serving;

/// <summary>Work a node repeats for as long as it runs; a failed round is logged and tried again next round.</summary>
internal abstract class Polling(TimeSpan every, ILogger log) : BackgroundService
{
    protected abstract Task RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "{Work} failed; retrying", GetType().Name);
            }
            await Task.Delay(every, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }
}

/// <summary>
/// Delivers what was dispatched, continuously, and starts each asked LAO's action (or moves its
/// deadline) once its letter has arrived; after a restart both resume from their checkpoints.
/// </summary>
internal sealed class DeliveryService(Delivery delivery, Saraban.Workflow.Actions.ActionAssignment assignment, ILogger<DeliveryService> log)
    : Polling(TimeSpan.FromMilliseconds(500), log)
{
    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        var made = await delivery.CatchUpAsync(ct);
        if (made > 0) log.LogInformation("Delivered {Count} letters", made);
        var assigned = await assignment.CatchUpAsync(ct);
        if (assigned > 0) log.LogInformation("Assigned or moved {Count} requested actions", assigned);
    }
}

/// <summary>
/// The reminders of routing steps past their due time, raised by a Quartz trigger: each overdue
/// step gets one <see cref="RoutingStepOverdue"/> event, which inboxes show.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class RoutingReminderJob(Services services, RoutingEngine engine, ILogger<RoutingReminderJob> log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        int raised = 0;
        foreach (var task in await services.Views.Inbox.DueForReminderAsync(DateTimeOffset.UtcNow, ct: cancellationToken))
            if (await engine.FlagOverdueAsync(task.InstanceId, cancellationToken)) raised++;
        if (raised > 0) log.LogInformation("Raised {Count} overdue reminders", raised);
    }
}
