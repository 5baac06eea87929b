using Saraban.Web.Letters;
using Saraban.Web.Pages;
using Saraban.Web.Serving;
using Saraban.Workflow.Registers;

namespace Saraban.Web.Registers;

/// <summary>GET /registers/incoming and /registers/outgoing: the office's two books, as pages.</summary>
internal static class RegisterPages
{
    /// <summary>Lines a page shows when the address names no limit: a page stays well under 100 KB.</summary>
    public const int PageLines = 100;

    public static void Map(WebApplication app)
    {
        app.MapGet("/registers/incoming", async (HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = RegistersApi.Reader(http, s);
            var query = Query(http);
            return PageResults.Page<RegisterPage>(new
            {
                User = user, Office = s.Views.Directory.Get(user.OrganizationId).Name, Query = query, QueryString = http.Request.QueryString.Value ?? "",
                IncomingEntries = await RegistersApi.IncomingAsync(user, s.Views, query, ct),
            });
        });
        app.MapGet("/registers/outgoing", async (HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = RegistersApi.Reader(http, s);
            var query = Query(http);
            return PageResults.Page<RegisterPage>(new
            {
                User = user, Office = s.Views.Directory.Get(user.OrganizationId).Name, Query = query, QueryString = http.Request.QueryString.Value ?? "",
                OutgoingEntries = await RegistersApi.OutgoingAsync(user, s.Views, query, ct),
                Reserved = await s.Views.Registers.ReservedAsync(user.OrganizationId, ct: ct),
                s.Letters.Reservations.UnusedDays, s.Letters.Reservations.MaxPerReservation,
            });
        });
    }

    private static RegisterQuery Query(HttpContext http)
    {
        var query = RegistersApi.Query(http.Request.Query);
        return http.Request.Query.ContainsKey("limit") ? query : query with { Limit = PageLines };
    }
}
