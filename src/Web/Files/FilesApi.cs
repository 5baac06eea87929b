using Microsoft.AspNetCore.Http.Features;
using Saraban.Web.Accounts;
using Saraban.Web.Serving;
using Saraban.Workflow;
using Saraban.Workflow.Files;

namespace Saraban.Web.Files;

/// <summary>
/// A letter's files over HTTP. The API takes the file as the request's body (Content-Type
/// application/octet-stream, the name and description in the query), read as it streams; the page
/// posts a form, which ASP.NET spools to disk past 64 KB. A download streams from the store and is
/// reached only through the letter, checked like the letter.
/// </summary>
internal static class FilesApi
{
    public const string UploadType = "application/octet-stream";

    public static void Map(WebApplication app)
    {
        var outgoing = app.MapGroup("/api/letters/outgoing/{id}/files");
        outgoing.MapPost("", async (string id, string? name, string? description, HttpContext http, Services s, CancellationToken ct) =>
        {
            // Said at once when the length is given; otherwise the intake stops at the limit, before Kestrel's own bound.
            if (http.Request.ContentLength > s.Files.Limits.MaxBytes) throw FileIntake.TooLarge(s.Files.Limits);
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = s.Files.Limits.MaxBytes + 1;
            var (number, label, file) = await s.Files.AttachAsync(CurrentUser.Get(http, s.Access).Id, id, http.Request.Body, name, description, ct);
            return Results.Created($"/api/letters/outgoing/{id}/files/{number}", new { number, label, file });
        });
        outgoing.MapGet("/{number:int}", async (string id, int number, HttpContext http, Services s, CancellationToken ct) =>
            Download(http, await s.Files.OpenOutgoingAsync(CurrentUser.Get(http, s.Access).Id, id, number, ct)));
        outgoing.MapDelete("/{number:int}", async (string id, int number, HttpContext http, Services s, CancellationToken ct) =>
        {
            await s.Files.RemoveAsync(CurrentUser.Get(http, s.Access).Id, id, number, ct);
            return Results.NoContent();
        });
        app.MapPost("/api/letters/outgoing/{id}/discard", async (string id, HttpContext http, Services s, CancellationToken ct) =>
        {
            await s.Files.DiscardAsync(CurrentUser.Get(http, s.Access).Id, id, ct);
            return Results.NoContent();
        });
        app.MapGet("/api/letters/incoming/{stream}/files/{number:int}", async (string stream, int number, HttpContext http, Services s, CancellationToken ct) =>
            Download(http, await s.Files.OpenIncomingAsync(CurrentUser.Get(http, s.Access).Id, stream, number, ct)));

        app.MapPost("/letters/out/{id}/files", async (string id, IFormCollection form, HttpContext http, Services s, CancellationToken ct) =>
        {
            var file = form.Files.GetFile("file") ?? throw new FileRefusedException("ยังไม่ได้เลือกไฟล์ (no file chosen).");
            if (file.Length > s.Files.Limits.MaxBytes) throw FileIntake.TooLarge(s.Files.Limits);
            await using var body = file.OpenReadStream();
            await s.Files.AttachAsync(CurrentUser.Get(http, s.Access).Id, id, body, file.FileName, form["description"], ct);
            return Results.Redirect($"/letters/out/{id}#files-title");
        });
        app.MapPost("/letters/out/{id}/files/{number:int}/remove", async (string id, int number, IFormCollection _, HttpContext http, Services s, CancellationToken ct) =>
        {
            await s.Files.RemoveAsync(CurrentUser.Get(http, s.Access).Id, id, number, ct);
            return Results.Redirect($"/letters/out/{id}#files-title");
        });
    }

    /// <summary>Whether a POST to the API without JSON is an upload: its body the file itself, never a form (which another site could post).</summary>
    public static bool IsUpload(HttpRequest r) =>
        r.Path.StartsWithSegments("/api/letters/outgoing") && r.Path.Value!.EndsWith("/files", StringComparison.Ordinal)
        && r.ContentType?.StartsWith(UploadType, StringComparison.OrdinalIgnoreCase) == true;

    internal static IResult Download(HttpContext http, (Enclosure File, Stream Content) found)
    {
        // Served as what its content is, never sniffed into something else, and as a download:
        // a PDF opened from another office must not run in this site's origin.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return Results.Stream(found.Content, found.File.MediaType, found.File.FileName);
    }
}
