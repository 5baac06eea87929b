using Saraban.Web.Accounts;
using Saraban.Web.Letters;
using Saraban.Web.Pages;
using Saraban.Web.Serving;
using Saraban.Workflow;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Retention;
using Saraban.Workflow.Thai;

namespace Saraban.Web.Retention;

/// <summary>
/// The destruction list of the user's office and a year (บัญชีหนังสือขอทำลาย): its page
/// (/retention/destruction?year=) with a form for each step, and the same steps as JSON under
/// /api/destruction/{year}; once carried out, its record of destruction (บันทึกการทำลาย) on the page and
/// as /api/destruction/{year}/record (JSON), record.pdf and record.xlsx; a legal hold on a register entry (POST /api/retention/{stream}/hold).
/// Refusals answer problem+json (API) or the Thai error page, as every endpoint does.
/// </summary>
internal static class DestructionApi
{
    public sealed record ProposeRequest(string? AsOf);
    public sealed record CommitteeRequest(string? Chair, IReadOnlyList<string>? Members);
    public sealed record ConsiderRequest(string? Stream, bool? Destroy, string? Reason);
    public sealed record HoldRequest(bool? Hold, string? Reason);

    public static void Map(WebApplication app)
    {
        app.MapGet("/retention/destruction", async (HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = RegistersApi.Reader(http, s);
            // A clerk writes the Buddhist year (๒๕๖๙); links from the survey carry the Christian one (2026).
            var year = FormFields.Int(http.Request.Query["year"], "year", 1900, 3100) is { } given
                ? (given >= 2400 ? given - 543 : given)
                : BangkokTime.DateOf(DateTimeOffset.UtcNow).Year;
            var list = await s.Destruction.ReadAsync(user.OrganizationId, year, ct);
            var subjects = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var i in list.Items.Take(DestructionPage.Rows))
                subjects[i.StreamId] = await SubjectAsync(s, i.StreamId, ct) ?? "";
            var record = list.CarriedOut ? await s.Destruction.RecordAsync(user.Id, user.OrganizationId, year, ct) : null;
            return PageResults.Page<DestructionPage>(new { User = user, Office = s.Views.Directory.Get(user.OrganizationId).Name, Year = year, List = list,
                Subjects = subjects, Record = record, Names = (Func<string?, string>)(id => id is null ? "" : s.Access.Current.FindUser(id)?.FullName ?? id) });
        });

        var api = app.MapGroup("/api/destruction/{year:int}");
        api.MapGet("", async (int year, HttpContext http, Services s, CancellationToken ct) =>
            Results.Json(await s.Destruction.ReadAsync(RegistersApi.Reader(http, s).OrganizationId, year, ct)));
        api.MapGet("/record", async (int year, HttpContext http, Services s, CancellationToken ct) => Results.Json(await RecordAsync(http, s, year, ct)));
        api.MapGet("/record.pdf", async (int year, HttpContext http, Services s, CancellationToken ct) =>
            Results.File(DestructionRecordFile.Pdf(s.Printing.Fonts, await RecordAsync(http, s, year, ct)), "application/pdf", $"destruction-record-{year + 543}.pdf"));
        api.MapGet("/record.xlsx", async (int year, HttpContext http, Services s, CancellationToken ct) =>
            Results.File(DestructionRecordFile.Xlsx(await RecordAsync(http, s, year, ct)), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                $"destruction-record-{year + 543}.xlsx"));
        api.MapPost("", async (int year, ProposeRequest body, HttpContext http, Services s, CancellationToken ct) =>
            Results.Json(await ProposeAsync(http, s, year, body.AsOf, ct)));
        api.MapPost("/committee", async (int year, CommitteeRequest body, HttpContext http, Services s, CancellationToken ct) =>
        {
            var (user, office) = Who(http, s);
            await s.Destruction.SetCommitteeAsync(user, office, year, body.Chair ?? "", body.Members ?? [], ct);
            return Results.NoContent();
        });
        api.MapPost("/items", async (int year, ConsiderRequest body, HttpContext http, Services s, CancellationToken ct) =>
        {
            var (user, office) = Who(http, s);
            await s.Destruction.ConsiderAsync(user, office, year, body.Stream ?? "",
                body.Destroy ?? throw new DomainException("ต้องระบุว่าจะทำลายหรือเก็บไว้ (destroy: true or false)."), body.Reason, ct);
            return Results.NoContent();
        });
        api.MapPost("/approve", async (int year, HttpContext http, Services s, CancellationToken ct) =>
        {
            var (user, office) = Who(http, s);
            await s.Destruction.ApproveAsync(user, office, year, ct);
            return Results.NoContent();
        });
        api.MapPost("/destroy", async (int year, HttpContext http, Services s, IEventStore store, CancellationToken ct) =>
            Results.Json(await DestroyAsync(http, s, store, year, ct)));
        app.MapPost("/api/retention/{stream}/hold", async (string stream, HoldRequest body, HttpContext http, Services s, CancellationToken ct) =>
        {
            await s.Destruction.HoldAsync(CurrentUser.Get(http, s.Access).Id, stream,
                body.Hold ?? throw new DomainException("ต้องระบุว่าจะระงับหรือยกเลิกการระงับ (hold: true or false)."), body.Reason, ct);
            return Results.NoContent();
        });

        // The page's forms: each step, then back to the list.
        app.MapPost("/retention/destruction/{year:int}/{step}", async (int year, string step, IFormCollection f, HttpContext http, Services s, IEventStore store, CancellationToken ct) =>
        {
            var (user, office) = Who(http, s);
            switch (step)
            {
                case "propose": await ProposeAsync(http, s, year, f["asOf"], ct); break;
                case "committee": await s.Destruction.SetCommitteeAsync(user, office, year, f["chair"].ToString(), FormFields.List(f["members"]), ct); break;
                case "items": await s.Destruction.ConsiderAsync(user, office, year, f["stream"].ToString(), f["destroy"] == "1", f["reason"], ct); break;
                case "approve": await s.Destruction.ApproveAsync(user, office, year, ct); break;
                case "destroy": await DestroyAsync(http, s, store, year, ct); break;
                case "hold": await s.Destruction.HoldAsync(user, f["stream"].ToString(), f["hold"] == "1", f["reason"], ct); break;
                default: return Results.NotFound();
            }
            return Results.Redirect($"/retention/destruction?year={year}");
        });
    }

    private static (string User, string Office) Who(HttpContext http, Services s)
    {
        var user = CurrentUser.Get(http, s.Access);
        return (user.Id, user.OrganizationId);
    }

    /// <summary>The record of the user's own office's list: refused before the destruction, as the desk says.</summary>
    private static Task<DestructionRecord> RecordAsync(HttpContext http, Services s, int year, CancellationToken ct)
    {
        var user = RegistersApi.Reader(http, s);
        return s.Destruction.RecordAsync(user.Id, user.OrganizationId, year, ct);
    }

    private static async Task<DestructionState> ProposeAsync(HttpContext http, Services s, int year, string? asOfText, CancellationToken ct)
    {
        var (user, office) = Who(http, s);
        var asOf = FormFields.Date(asOfText) ?? new DateOnly(year, 1, 1);
        if (asOf.Year != year) throw new DomainException($"วันที่สำรวจต้องอยู่ในปี {ThaiDigits.Format(year + 543)} (the survey's date must fall in the list's year).");
        return await s.Destruction.ProposeAsync(user, await s.Views.Retention.SurveyAsync(office, asOf, ct), ct);
    }

    /// <summary>Destroys, then waits for the views to apply it and compacts their storage, so the old text leaves the files too.</summary>
    private static async Task<DestructionDesk.Outcome> DestroyAsync(HttpContext http, Services s, IEventStore store, int year, CancellationToken ct)
    {
        var (user, office) = Who(http, s);
        var outcome = await s.Destruction.DestroyAsync(user, office, year, ct);
        if (await s.Views.Stored.WaitForAsync(await store.HeadPositionAsync(ct), TimeSpan.FromSeconds(30), ct)) await s.Views.Stored.CompactAsync(ct);
        return outcome;
    }

    private static async Task<string?> SubjectAsync(Services s, string stream, CancellationToken ct) =>
        stream.StartsWith("in-", StringComparison.Ordinal) ? (await s.Views.Registers.FindIncomingAsync(stream, ct))?.Subject
        : PaperLine.TryParse(stream, out var reservation, out var number)
            ? (await s.Views.Registers.FindOutgoingAsync(PaperLine.RegisterLine(reservation, number), ct))?.Subject
            : (await s.Views.Registers.FindOutgoingAsync(stream["out-".Length..], ct))?.Subject;
}
