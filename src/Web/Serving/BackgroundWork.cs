using Quartz;
using Saraban.Workflow.Access;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Routing;

namespace Saraban.Web.Serving;

/// <summary>
/// Work a node repeats for as long as it runs, from when the node is ready (<see cref="ReadyGate"/>);
/// a failed round is logged and tried again next round.
/// </summary>
internal abstract class Polling(ReadyGate gate, TimeSpan every, ILogger log) : BackgroundService
{
    protected abstract Task RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await gate.WaitAsync(stoppingToken)) return;
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
internal sealed class DeliveryService(ReadyGate gate, Delivery delivery, Saraban.Workflow.Actions.ActionAssignment assignment, ILogger<DeliveryService> log)
    : Polling(gate, TimeSpan.FromMilliseconds(500), log)
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
internal sealed class RoutingReminderJob(ReadyGate gate, RoutingEngine engine, ILogger<RoutingReminderJob> log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (!await gate.WaitAsync(cancellationToken)) return;
        var services = gate.Current;
        int raised = 0;
        foreach (var task in await services.Views.Inbox.DueForReminderAsync(DateTimeOffset.UtcNow, ct: cancellationToken))
            if (await engine.FlagOverdueAsync(task.InstanceId, cancellationToken)) raised++;
        if (raised > 0) log.LogInformation("Raised {Count} overdue reminders", raised);
    }
}

/// <summary>
/// Starts Quartz's scheduler (the reminders) once the node is ready and has had a moment to answer
/// its first pages: creating the scheduler took about half a second of the start on two cores, and
/// a reminder due a few seconds later than the minute it runs on changes nothing.
/// </summary>
internal sealed class ReminderScheduler(ReadyGate gate, ISchedulerFactory factory) : BackgroundService
{
    public static readonly TimeSpan AfterReady = TimeSpan.FromSeconds(2);
    private IScheduler? _scheduler;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await gate.WaitAsync(stoppingToken)) return;
        await Task.Delay(AfterReady, stoppingToken);
        _scheduler = await factory.GetScheduler(stoppingToken);
        await _scheduler.Start(stoppingToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_scheduler is { } s) await s.Shutdown(waitForJobsToComplete: true, cancellationToken);
    }
}

/// <summary>
/// Keeps the snapshots of the directory and the users current, so the next start reads them instead
/// of their streams: a few seconds after the node is ready, then every minute, each one that moved
/// by <see cref="MinNewEvents"/> events or more.
/// </summary>
internal sealed class SnapshotService(ReadyGate gate, DirectoryService directory, AccessService access, ILogger<SnapshotService> log) : BackgroundService
{
    public const int MinNewEvents = 100;
    private static readonly TimeSpan First = TimeSpan.FromSeconds(5), Every = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await gate.WaitAsync(stoppingToken)) return;
        await Task.Delay(First, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await directory.SaveSnapshotAsync(MinNewEvents, stoppingToken)) log.LogInformation("Snapshot of the directory at version {Version}", directory.SnapshotVersion);
                if (await access.SaveSnapshotAsync(MinNewEvents, stoppingToken)) log.LogInformation("Snapshot of the users at version {Version}", access.SnapshotVersion);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Snapshots failed; retrying");
            }
            await Task.Delay(Every, stoppingToken);
        }
    }
}
