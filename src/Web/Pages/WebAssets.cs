using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Saraban.Web.Pages;

/// <summary>
/// The static files under wwwroot (the stylesheet, the script), served with their content's hash in
/// the address (<c>/css/saraban.css?v=…</c>), as asp-append-version does for tag helpers: a browser
/// keeps a file for a year and fetches the new one as soon as it changes.
/// </summary>
internal static class WebAssets
{
    private static readonly ConcurrentDictionary<string, string> Versions = new(StringComparer.Ordinal);

    /// <summary>wwwroot beside the program: the build copies it there.</summary>
    public static string Root { get; private set; } = Path.Combine(AppContext.BaseDirectory, "wwwroot");

    public static string Url(string path) => Versions.GetOrAdd(path, p =>
    {
        var file = Path.Combine(Root, p);
        var hash = File.Exists(file) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)))[..12] : "missing";
        return $"/{p}?v={hash}";
    });

    public static void Use(WebApplication app)
    {
        // The letter font (Laksaman, GPL with the font exception), so a letter's preview draws with the face its layout measured.
        if (Directory.Exists(Saraban.Documents.Rendering.Fonts.LetterFonts.DebianDirectory))
            app.UseStaticFiles(new StaticFileOptions
            {
                RequestPath = "/fonts",
                FileProvider = new PhysicalFileProvider(Saraban.Documents.Rendering.Fonts.LetterFonts.DebianDirectory),
                OnPrepareResponse = c => c.Context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=604800",
            });
        app.UseStaticFiles(new StaticFileOptions
    {
        FileProvider = new PhysicalFileProvider(Root),
        OnPrepareResponse = c =>
        {
            var versioned = c.Context.Request.Query.ContainsKey("v");
            c.Context.Response.Headers[HeaderNames.CacheControl] = versioned ? "public, max-age=31536000, immutable" : "no-cache";
        },
    });
    }
}
