using Saraban.Web.Accounts;
using Saraban.Web.Serving;
using Saraban.Workflow.Letters;

namespace Saraban.Web.Letters;

/// <summary>
/// An electronic letter's PDF as sent (ฉบับที่ส่ง): drawn and kept when the clerk sends the letter, then
/// served from the store, the same bytes to the sender and to every addressee, authorized as the letter is
/// (another office: 403; a secret letter: only its readers).
/// </summary>
internal static class SentPdfApi
{
    /// <summary>Numbers and sends the letter, then keeps the PDF drawn of it; a send retried keeps nothing twice.</summary>
    public static async Task<LetterDispatched> DispatchAsync(Services s, string userId, string letterId, CancellationToken ct)
    {
        var dispatched = await s.Letters.DispatchAsync(userId, letterId, ct);
        await s.Files.KeepSentPdfAsync(userId, letterId, letter => s.Printing.Pdf(letter, s.Directory.Current.Get(letter.OrganizationId!)), ct);
        return dispatched;
    }

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/letters/outgoing/{id}/sent.pdf", async (string id, HttpContext http, Services s, CancellationToken ct) =>
            Files.FilesApi.Download(http, await s.Files.OpenSentPdfAsync(CurrentUser.Get(http, s.Access).Id, id, ct)));
        app.MapGet("/api/letters/incoming/{stream}/sent.pdf", async (string stream, HttpContext http, Services s, CancellationToken ct) =>
            Files.FilesApi.Download(http, await s.Files.OpenReceivedPdfAsync(CurrentUser.Get(http, s.Access).Id, stream, ct)));
    }
}
