using Saraban.Web.Accounts;
using Saraban.Web.Pages;
using Saraban.Web.Serving;

namespace Saraban.Web.Letters;

/// <summary>
/// Cancel, recall, return, send on: the API (/api/letters/…) and the letter pages' forms, which come
/// back to the letter's page (post, redirect, get).
/// </summary>
internal static class RecallApi
{
    public sealed record ReasonRequest(string? Reason);
    public sealed record RecallRequest(string? Addressee, string? Reason);
    public sealed record RedirectRequest(IReadOnlyList<string>? Addressees);

    public static void Map(WebApplication app)
    {
        var outgoing = app.MapGroup("/api/letters/outgoing/{id}");
        outgoing.MapPost("/cancel", async (string id, ReasonRequest body, HttpContext http, Services s, CancellationToken ct) =>
        {
            await s.Letters.CancelAsync(User(http, s), id, body.Reason, ct);
            return Results.NoContent();
        });
        outgoing.MapPost("/recall", async (string id, RecallRequest body, HttpContext http, Services s, CancellationToken ct) =>
        {
            await s.Letters.RecallAsync(User(http, s), id, body.Addressee ?? "", body.Reason, ct);
            return Results.NoContent();
        });
        outgoing.MapPost("/redirect", async (string id, RedirectRequest body, HttpContext http, Services s, CancellationToken ct) =>
        {
            await s.Letters.RedirectAsync(User(http, s), id, body.Addressees ?? [], ct);
            return Results.NoContent();
        });
        app.MapPost("/api/letters/incoming/{stream}/return", async (string stream, NoteRequest body, HttpContext http, Services s, CancellationToken ct) =>
        {
            await s.Letters.ReturnAsync(User(http, s), stream, body.Note, ct);
            return Results.NoContent();
        });

        app.MapPost("/letters/out/{id}/cancel", async (string id, IFormCollection f, HttpContext http, Services s, CancellationToken ct) =>
        {
            await s.Letters.CancelAsync(User(http, s), id, f["reason"], ct);
            return Results.Redirect($"/letters/out/{id}");
        });
        app.MapPost("/letters/out/{id}/recall", async (string id, IFormCollection f, HttpContext http, Services s, CancellationToken ct) =>
        {
            await s.Letters.RecallAsync(User(http, s), id, f["addressee"].ToString(), f["reason"], ct);
            return Results.Redirect($"/letters/out/{id}");
        });
        app.MapPost("/letters/out/{id}/redirect", async (string id, IFormCollection f, HttpContext http, Services s, CancellationToken ct) =>
        {
            await s.Letters.RedirectAsync(User(http, s), id, FormFields.List(f["to"]), ct);
            return Results.Redirect($"/letters/out/{id}");
        });
        app.MapPost("/letters/in/{stream}/return", async (string stream, IFormCollection f, HttpContext http, Services s, CancellationToken ct) =>
        {
            await s.Letters.ReturnAsync(User(http, s), stream, f["note"], ct);
            return Results.Redirect($"/letters/in/{stream}");
        });
    }

    private static string User(HttpContext http, Services s) => CurrentUser.Get(http, s.Access).Id;
}
