using Saraban.Documents.Reading;

namespace Saraban.Web.Serving;

/// <summary>
/// POST /api/intake: the text of a received letter (text/plain) or its PDF (application/pdf) in,
/// the letters found and their fields out, in the JSON of <c>./saraban intake --json</c>; the
/// registration form prefills from it and the clerk confirms. Nothing is stored.
/// </summary>
internal static class IntakeEndpoint
{
    private const long MaxBytes = 50L * 1024 * 1024;

    public static void Map(WebApplication app) => app.MapPost("/api/intake", async (HttpRequest request, CancellationToken ct) =>
    {
        if (request.ContentLength is > MaxBytes)
            return Problem("ไฟล์ใหญ่เกิน ๕๐ เมกะไบต์ (the file is over 50 MB).", StatusCodes.Status413PayloadTooLarge);
        var path = Path.Combine(Path.GetTempPath(), $"saraban-intake-{Guid.NewGuid():N}" + (request.ContentType?.StartsWith("application/pdf", StringComparison.Ordinal) == true ? ".pdf" : ".txt"));
        try
        {
            await using (var file = File.Create(path))
            {
                await request.Body.CopyToAsync(file, ct);
                if (file.Length > MaxBytes) return Problem("ไฟล์ใหญ่เกิน ๕๐ เมกะไบต์ (the file is over 50 MB).", StatusCodes.Status413PayloadTooLarge);
            }
            var reading = LetterReader.ReadFile(path);
            return Results.Text(LetterJson.Serialize(reading, indented: false), "application/json; charset=utf-8");
        }
        catch (LetterReadingException ex)
        {
            return Problem(ex.Message, StatusCodes.Status422UnprocessableEntity);
        }
        finally
        {
            File.Delete(path);
        }
    }).DisableAntiforgery();

    private static IResult Problem(string detail, int status) =>
        Results.Problem(detail: detail, statusCode: status, title: "อ่านหนังสือไม่ได้ (the letter could not be read)");
}
