namespace Saraban.Web.Serving;

/// <summary>
/// The API acts only on JSON requests. A page on another site can make a browser post a form
/// (text/plain, form-urlencoded) with the user's cookie, never a JSON request without asking
/// first; so an act like dispatch or sign, which carries no body, still cannot be forged that way.
/// The sign-in cookie is SameSite=Strict as well; this holds even where that is not honoured.
/// An upload's body is the file itself (application/octet-stream), which a form cannot send either.
/// </summary>
internal static class JsonOnly
{
    public static void Use(WebApplication app) => app.Use(async (http, next) =>
    {
        var r = http.Request;
        if (HttpMethods.IsPost(r.Method) && r.Path.StartsWithSegments("/api") && !r.Path.StartsWithSegments("/api/intake") && !Files.FilesApi.IsUpload(r)
            && r.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            await Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "ส่งคำขอเป็น JSON (Content-Type: application/json) (the API takes JSON requests only).").ExecuteAsync(http);
            return;
        }
        await next(http);
    });
}
