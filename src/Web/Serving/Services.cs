using Saraban.Workflow.Access;
using Saraban.Workflow.Directory;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Routing;
using Saraban.Web.Letters;

namespace Saraban.Web.Serving;

/// <summary>What the endpoints act through, in one parameter.</summary>
internal sealed record Services(Correspondence Letters, AccessService Access, DirectoryService Directory, RoutingEngine Routing, ReadModels Views,
    LetterPrinting Printing)
{
    /// <summary>The LAO's side of requested actions, and the import of the assessment system's export.</summary>
    public required Saraban.Workflow.Actions.ActionDesk Desk { get; init; }

    /// <summary>Wrong passwords per account, shared by every node.</summary>
    public required SignInLockout Lockout { get; init; }
    /// <summary>Letters' files: enclosed in drafts, read like the letter.</summary>
    public required Saraban.Workflow.Files.LetterFiles Files { get; init; }
    /// <summary>The destruction lists' review, approval and destruction, and legal holds.</summary>
    public required Saraban.Workflow.Retention.DestructionDesk Destruction { get; init; }
}
