using Saraban.Web.Cli;
using Saraban.Workflow.Actions;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Views;

namespace Saraban.Web.Actions;

/// <summary>serve's reminder job: its SMTP settings (off when no host is configured) and its services.</summary>
internal static class ReminderSetup
{
    /// <summary>From the command line, else the environment; null when no SMTP host is given: reminders then stay in the system.</summary>
    public static SmtpSettings? Smtp(Arguments args)
    {
        var host = args.Get("smtp-host") ?? Environment.GetEnvironmentVariable("SARABAN_SMTP_HOST");
        var port = args.GetInt("smtp-port", int.TryParse(Environment.GetEnvironmentVariable("SARABAN_SMTP_PORT"), out var p) ? p : 25, max: 65535);
        var from = args.Get("smtp-from") ?? Environment.GetEnvironmentVariable("SARABAN_SMTP_FROM") ?? "saraban@localhost";
        if (string.IsNullOrWhiteSpace(host)) return null;
        if (from.Count(c => c == '@') != 1 || from.Any(char.IsWhiteSpace)) throw new UsageException($"--smtp-from '{from}' is not a mail address");
        return new SmtpSettings(host.Trim(), port, from.Trim());
    }

    /// <param name="views">The node's views, opened while it starts: the job runs only after (its scheduler starts behind the ready gate).</param>
    public static void AddServices(IServiceCollection services, IEventStore store, EventTypes types, DirectoryService directory, Func<SarabanViews> views,
        SmtpSettings? smtp)
    {
        services.AddSingleton(_ => new ReminderRound(store, types, directory, views(), smtp is null ? null : new SmtpReminderMailer(smtp), TimeProvider.System));
        Serilog.Log.Information("Action reminders: {Mail}", smtp is null ? "not mailed (no --smtp-host)" : $"mailed through {smtp.Host}:{smtp.Port} from {smtp.From}");
    }
}
