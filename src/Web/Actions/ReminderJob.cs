using Quartz;
using Saraban.Workflow.Actions;

namespace Saraban.Web.Actions;

/// <summary>
/// The reminders and overdue notices of requested actions, raised by a Quartz trigger on every
/// node: the round itself makes sure only one node works at a time (a lease in the shared views'
/// database) and that each notice and each mail happens once (see <see cref="ReminderRound"/>).
/// </summary>
[DisallowConcurrentExecution]
internal sealed class ActionReminderJob(ReminderRound round, ILogger<ActionReminderJob> log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            var done = await round.RunAsync(cancellationToken);
            if (done.Reminded + done.Notified + done.Mailed + done.Refused > 0)
                log.LogInformation("Action reminders: {Reminded} reminded, {Notified} overdue notices, {Mailed} mailed, {Refused} refused by the mail server",
                    done.Reminded, done.Notified, done.Mailed, done.Refused);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An unreachable mail server or database: the next trigger tries again; what was stored stays stored.
            log.LogError(ex, "Action reminders failed; retrying at the next round");
        }
    }
}
