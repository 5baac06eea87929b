using Quartz;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Routing;

namespace Saraban.Web.Serving;

/// <summary>Delivers what was dispatched, continuously; after a restart it resumes from its checkpoint.</summary>
internal sealed class DeliveryService(Delivery delivery, ILogger<DeliveryService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var made = await delivery.CatchUpAsync(stoppingToken);
                if (made > 0) log.LogInformation("Delivered {Count} letters", made);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Delivery failed; retrying");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }
}

/// <summary>
/// The reminders of routing steps past their due time, raised by a Quartz trigger: each overdue
/// step gets one <see cref="RoutingStepOverdue"/> event, which inboxes show.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class RoutingReminderJob(IEventStore store, RoutingInbox inbox, RoutingEngine engine, ILogger<RoutingReminderJob> log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await inbox.CatchUpAsync(store, cancellationToken);
        int raised = 0;
        foreach (var task in inbox.DueForReminder(DateTimeOffset.UtcNow))
            if (await engine.FlagOverdueAsync(task.InstanceId, cancellationToken)) raised++;
        if (raised > 0) log.LogInformation("Raised {Count} overdue reminders", raised);
    }
}
