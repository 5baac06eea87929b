using Saraban.Web.Accounts;
using Saraban.Web.Serving;
using Saraban.Workflow;
using Saraban.Workflow.Letters;

namespace Saraban.Web.Letters;

/// <summary>
/// /api/letters/outgoing: this office's own letters, drafted, signed, then numbered and dispatched
/// in one act; the printed letter as PDF or DOCX; the distribution tree below it.
/// </summary>
internal static class OutgoingApi
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/api/letters/outgoing", async (DraftRequest body, HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = CurrentUser.Get(http, s.Access);
            var id = await s.Letters.DraftAsync(user.Id, user.OrganizationId, body.Content(), body.Addressees(s.Directory.Current), body.ActionDue, ct: ct);
            return Results.Created($"/api/letters/outgoing/{id}", new { letterId = id });
        });
        var one = app.MapGroup("/api/letters/outgoing/{id}");
        one.MapGet("", async (string id, HttpContext http, Services s, CancellationToken ct) =>
        {
            var letter = await ReadAsync(id, http, s, ct);
            var url = letter.Dispatch is null ? null : s.Printing.VerificationUrl(letter, s.Directory.Current.Get(letter.OrganizationId!));
            return Results.Ok(new { letter, verificationUrl = url });
        });
        one.MapPost("/sign", async (string id, HttpContext http, Services s, CancellationToken ct) =>
        {
            await s.Letters.SignAsync(CurrentUser.Get(http, s.Access).Id, id, ct);
            return Results.NoContent();
        });
        one.MapPost("/dispatch", async (string id, HttpContext http, Services s, CancellationToken ct) =>
            Results.Ok(await SentPdfApi.DispatchAsync(s, CurrentUser.Get(http, s.Access).Id, id, ct)));
        one.MapGet("/pdf", async (string id, HttpContext http, Services s, CancellationToken ct) =>
        {
            var letter = await ReadAsync(id, http, s, ct);
            return Results.File(s.Printing.Pdf(letter, s.Directory.Current.Get(letter.OrganizationId!)), "application/pdf", $"{id}.pdf");
        });
        one.MapGet("/docx", async (string id, HttpContext http, Services s, CancellationToken ct) =>
        {
            var letter = await ReadAsync(id, http, s, ct);
            return Results.File(s.Printing.Docx(letter, s.Directory.Current.Get(letter.OrganizationId!)),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"{id}.docx");
        });
        one.MapGet("/tree", async (string id, HttpContext http, Services s, CancellationToken ct) =>
        {
            await ReadAsync(id, http, s, ct);
            return Results.Ok(await s.Views.Registers.TreeBelowAsync(id, ct));
        });
    }

    public static async Task<OutgoingLetter> ReadAsync(string id, HttpContext http, Services s, CancellationToken ct)
    {
        if (id.Length > 64) throw new NotFoundException("ไม่พบหนังสือนี้ (no such letter).");
        try
        {
            return await s.Letters.ReadOutgoingAsync(CurrentUser.Get(http, s.Access).Id, id, ct);
        }
        catch (DomainException ex) when (ex.Message.StartsWith("ไม่พบหนังสือ", StringComparison.Ordinal))
        {
            throw new NotFoundException(ex.Message);
        }
    }
}

/// <summary>POST /api/letters/paper: a letter that came on paper, typed in and registered at once.</summary>
internal static class PaperApi
{
    public sealed record PaperRequest(string? SenderName, string? DocumentNumber, DateOnly? Date, string? Subject, LetterKind? Kind,
        Urgency? Urgency, Secrecy? Secrecy, string? AddresseeLine, DateOnly? ActionDue, DateTimeOffset? ReceivedAt, string? EntryKey,
        string? SignerName, string? SignerPosition)
    {
        public PaperLetter Letter() => new(SenderName ?? "", DocumentNumber ?? "",
            Date ?? throw new DomainException("ต้องระบุวันที่ของหนังสือ (the letter's date is missing)."),
            new LetterContent(Kind ?? LetterKind.ExternalLetter, Urgency ?? Workflow.Letters.Urgency.None, Secrecy ?? Workflow.Letters.Secrecy.None,
                Subject?.Trim() ?? "", AddresseeLine?.Trim() ?? "", [], [], [], [], "", ""),
            ActionDue, SignerName, SignerPosition is { Length: > 0 } p ? [p] : []);
    }

    public static void Map(WebApplication app) =>
        app.MapPost("/api/letters/paper", async (PaperRequest body, HttpContext http, Services s, CancellationToken ct) =>
        {
            var (stream, number) = await RegisterAsync(body, CurrentUser.Get(http, s.Access), s, ct);
            return Results.Ok(new { incomingStreamId = stream, receiveNumber = number });
        });

    /// <summary>Registers the letter in the user's own office: the API's and the form's one way in.</summary>
    public static Task<(string IncomingStreamId, int ReceiveNumber)> RegisterAsync(PaperRequest request, Workflow.Access.UserAccount user, Services s, CancellationToken ct) =>
        s.Letters.RegisterPaperAsync(user.Id, user.OrganizationId, request.Letter(), request.ReceivedAt ?? DateTimeOffset.UtcNow, entryKey: request.EntryKey, ct: ct);
}
