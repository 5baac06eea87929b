using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Components;

namespace Saraban.Web.Pages;

/// <summary>A page is a Razor component rendered on the server (static rendering), its model as parameters.</summary>
internal static class PageResults
{
    public static RazorComponentResult<T> Page<T>(object parameters, int status = StatusCodes.Status200OK) where T : IComponent =>
        new(parameters) { StatusCode = status, ContentType = "text/html; charset=utf-8" };
}
