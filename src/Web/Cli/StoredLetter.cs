using Saraban.Documents.Rendering;
using Saraban.Web.Letters;
using Saraban.Workflow;
using Saraban.Workflow.Access;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Numbering;

namespace Saraban.Web.Cli;

/// <summary>A letter from the database as the document to render, read as a user who may read it (as the web does).</summary>
internal static class StoredLetter
{
    public static async Task<LetterDocument> LoadAsync(StoreOptions options, string letterId, string userId)
    {
        await using var opened = await OpenedStore.OpenAsync(options);
        var (store, types, directory, access) = opened;
        var letters = new Correspondence(store, types, directory, access, new NumberIssuer(store, types), TimeProvider.System, secrets: opened.Secrets(options));
        var letter = await letters.ReadOutgoingAsync(userId, letterId);
        return LetterPrinting.Document(letter, directory.Current.Get(letter.OrganizationId!));
    }
}
