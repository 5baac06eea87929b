using Saraban.Workflow.Access;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Routing;
using Saraban.Workflow.Numbering;

namespace Saraban.Workflow;

/// <summary>Every event type the product records, under its stable name.</summary>
public static class SarabanEvents
{
    public static EventTypes All() =>
        Retention.LegalHold.Register(Retention.DestructionReview.Register(Retention.Retention.Register(Secrets.LetterSecrets.Register(Files.Enclosures.Register(Actions.ActionReminders.Register(Actions.RequestedAction.Register(RoutingInstance.Register(LetterEvents.Register(NumberReservation.Register(RunningNumbers.Register(AccessEvents.Register(OrganizationDirectory.Register(new EventTypes())))))))))))));
}
