using Saraban.Workflow.Access;
using Saraban.Workflow.Directory;

namespace Saraban.Web.Serving;

/// <summary>
/// Several nodes share one database: before a request is authorized, this node reads what the
/// others recorded about users, delegations and offices, so a delegation revoked on one node
/// stops the deputy on every node at once, not at the next restart.
/// </summary>
internal static class Freshness
{
    public static void Use(WebApplication app) => app.Use(async (http, next) =>
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            // Both reads are one round trip each on PostgreSQL: they go out together.
            await Task.WhenAll(
                http.RequestServices.GetRequiredService<AccessService>().RefreshAsync(http.RequestAborted),
                http.RequestServices.GetRequiredService<DirectoryService>().RefreshAsync(http.RequestAborted));
        }
        await next(http);
    });
}
