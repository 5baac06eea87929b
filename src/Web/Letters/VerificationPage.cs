using Saraban.Web.Accounts;
using Saraban.Web.Pages;
using Saraban.Web.Serving;
using Saraban.Workflow.Directory;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Thai;

namespace Saraban.Web.Letters;

/// <summary>
/// GET /V/{sender}/{number}/{key}: where a letter's QR code leads. Anyone holding the paper may
/// open it, signed in or not; it says whether a letter with that number went out from that office
/// with exactly that content (the key is a hash of what was signed), and only then shows what the
/// letter is. Running numbers restart each year, so the key also picks the year's letter.
/// </summary>
internal static class VerificationPage
{
    public static void Map(WebApplication app) =>
        app.MapGet("/V/{sender}/{number}/{key}", async (string sender, string number, string key, HttpContext http, Services s, CancellationToken ct) =>
        {
            // Open to all, so Freshness (signed-in requests only) has not read the latest offices.
            var directory = await s.Directory.RefreshAsync(ct);
            var views = s.Views;
            var circular = number.StartsWith('W') || number.StartsWith('w');
            var found = int.TryParse(circular ? number[1..] : number, out var running) && running > 0 && key.Length >= 16
                ? await FindAsync(directory, views, s, sender, circular, running, key, ct)
                : null;
            if (found is not { } f)
                return PageResults.Page<VerificationResultPage>(new { }, StatusCodes.Status404NotFound);
            return PageResults.Page<VerificationResultPage>(new { Letter = f.Item1, OfficeName = f.Item2.Name });
        }).AllowAnonymous().RequireRateLimiting(SignIn.VerifyLimit);

    private static async Task<(OutgoingLetter, Organization)?> FindAsync(DirectoryView directory, ReadModels views, Services s, string sender, bool circular,
        int running, string key, CancellationToken ct)
    {
        foreach (var office in directory.All.Where(o => Compact(o.LetterPrefix) == Compact(sender)))
        {
            var printed = new DocumentNumber(office.LetterPrefix, circular, running).Format();
            foreach (var entry in await views.Registers.WithNumberAsync(office.Id, printed, ct))
                // A secret letter's key is checked on its opened content, but the page gets it as stored: "(หนังสือลับ)".
                if (await s.Letters.ReadDispatchedForCheckAsync(entry.LetterId, ct) is { } letter
                    && string.Equals(LetterPrinting.ContentKey(letter, office), key, StringComparison.OrdinalIgnoreCase))
                    return ((await s.Letters.ReadDispatchedAsync(entry.LetterId, ct))!, office);
        }
        return null;
    }

    /// <summary>A prefix as the code carries it: western digits, no spaces (นร ๐๑๐๗ → นร0107).</summary>
    private static string Compact(string prefix) => ThaiDigits.ToWestern(prefix).Replace(" ", "", StringComparison.Ordinal);
}
