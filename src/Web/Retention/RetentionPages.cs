using Saraban.Web.Accounts;
using Saraban.Web.Letters;
using Saraban.Web.Pages;
using Saraban.Web.Serving;
using Saraban.Workflow.Access;
using Saraban.Workflow.Thai;

namespace Saraban.Web.Retention;

/// <summary>
/// GET /retention: the office's yearly survey on a page (?asOf=, ?archives=1), and the same list as
/// /retention.xlsx and /retention.pdf; POST /api/retention/{stream}: a register entry's class.
/// </summary>
internal static class RetentionPages
{
    public const int PageRows = 500;

    public sealed record RetentionRequest(Workflow.Retention.RetentionClass? Class, string? Reason);

    public static void Map(WebApplication app)
    {
        app.MapGet("/retention", async (HttpContext http, Services s, CancellationToken ct) =>
        {
            var (user, survey, archives, office) = await SurveyAsync(http, s, ct);
            return PageResults.Page<RetentionPage>(new { User = user, Survey = survey, Archives = archives, Office = office, Limit = PageRows });
        });
        app.MapGet("/retention.xlsx", async (HttpContext http, Services s, CancellationToken ct) =>
        {
            var (user, survey, archives, office) = await SurveyAsync(http, s, ct);
            return Results.File(DestructionList.Xlsx(survey, office, user, archives), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                $"{(archives ? "handover" : "destruction")}-{survey.AsOf:yyyy-MM-dd}.xlsx");
        });
        app.MapGet("/retention.pdf", async (HttpContext http, Services s, CancellationToken ct) =>
        {
            var (user, survey, archives, office) = await SurveyAsync(http, s, ct);
            return Results.File(DestructionList.Pdf(s.Printing.Fonts, survey, office, user, archives), "application/pdf",
                $"{(archives ? "handover" : "destruction")}-{survey.AsOf:yyyy-MM-dd}.pdf");
        });
        app.MapPost("/api/retention/{stream}", async (string stream, RetentionRequest body, HttpContext http, Services s, CancellationToken ct) =>
        {
            await s.Letters.SetRetentionAsync(CurrentUser.Get(http, s.Access).Id, stream,
                body.Class ?? throw new Workflow.DomainException("ต้องระบุอายุการเก็บ (the class is missing)."), body.Reason, ct);
            return Results.NoContent();
        });
    }

    private static async Task<(UserAccount, Workflow.Retention.RetentionSurveyResult, bool, string)> SurveyAsync(HttpContext http, Services s, CancellationToken ct)
    {
        var user = RegistersApi.Reader(http, s);
        var asOf = FormFields.Date(http.Request.Query["asOf"]) ?? BangkokTime.DateOf(DateTimeOffset.UtcNow);
        var archives = http.Request.Query["archives"] == "1";
        var survey = await s.Views.Retention.SurveyAsync(user.OrganizationId, asOf, ct);
        return (user, survey, archives, s.Views.Directory.Get(user.OrganizationId).Name);
    }
}
