using Saraban.Workflow.Directory;
using Saraban.Workflow.Registers;
using Saraban.Workflow.Routing;
using Saraban.Workflow.Tracking;
using Saraban.Workflow.Views;

namespace Saraban.Web.Serving;

/// <summary>
/// What pages and the API read: the stored views (registers, inboxes, tracking), shared by every
/// node of the database, and the directory. A read costs a few indexed rows, not the log; a request
/// that wrote waits (bounded) for the views to pass its write before it answers (see <see cref="ViewsDaemon"/>).
/// </summary>
internal sealed class ReadModels(SarabanViews views, DirectoryService directory)
{
    public LetterRegisters Registers => views.Registers;
    public Workflow.Retention.RetentionSurvey Retention => views.Retention;
    public RoutingInbox Inbox => views.Inbox;
    public CirculationTracker Tracker => views.Tracker;
    public Saraban.Workflow.Actions.Compliance Compliance => views.Compliance;
    public CirculationHops Hops => views.Hops;
    public Saraban.Workflow.Actions.ReminderNotices Reminders => views.Reminders;
    public StoredViews Stored => views.Stored;
    public DirectoryView Directory => directory.Current;
}
