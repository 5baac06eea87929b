using Saraban.Web.Accounts;
using Saraban.Web.Pages;
using Saraban.Web.Serving;
using Saraban.Workflow;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Registers;

namespace Saraban.Web.Letters;

/// <summary>
/// The pages of the registers and letters. Each form posts to the same command the API calls and
/// comes back to the letter's page (post, redirect, get), so a reload never acts twice.
/// </summary>
internal static class LetterPages
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/", async (HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = RegistersApi.Reader(http, s);
            var unregistered = (await RegistersApi.IncomingAsync(user, s.Views, null, ct)).Where(e => e.Status == IncomingStatus.Arrived).ToList();
            return Html.Page(http, "งานของฉัน", user, RegisterPages.Home(await RegistersApi.InboxAsync(user, s.Views, ct), unregistered, user)
                + Actions.RemindersApi.Section(await Actions.RemindersApi.ForOfficeAsync(user.OrganizationId, s, ct)));
        });
        app.MapGet("/registers/incoming", async (HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = RegistersApi.Reader(http, s);
            var query = RegistersApi.Query(http.Request.Query);
            return Html.Page(http, $"ทะเบียนหนังสือรับ — {s.Views.Directory.Get(user.OrganizationId).Name}", user,
                RegisterPages.SearchForm("/registers/incoming", query, sender: true) + "<p><a href=\"/registers/incoming.csv\">ดาวน์โหลด (CSV)</a></p>"
                + RegisterPages.IncomingTable(await RegistersApi.IncomingAsync(user, s.Views, query, ct)));
        });
        app.MapGet("/registers/outgoing", async (HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = RegistersApi.Reader(http, s);
            var query = RegistersApi.Query(http.Request.Query);
            return Html.Page(http, $"ทะเบียนหนังสือส่ง — {s.Views.Directory.Get(user.OrganizationId).Name}", user,
                RegisterPages.SearchForm("/registers/outgoing", query, sender: false) + "<p><a href=\"/registers/outgoing.csv\">ดาวน์โหลด (CSV)</a></p>"
                + RegisterPages.OutgoingTable(await RegistersApi.OutgoingAsync(user, s.Views, query, ct)));
        });

        app.MapGet("/letters/in/{stream}", async (string stream, HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = CurrentUser.Get(http, s.Access);
            var view = await IncomingApi.ViewAsync(stream, user, s, ct);
            var chain = await s.Views.Registers.ChainOfAsync(stream, ct);
            return Html.Page(http, view.Letter.Arrival!.Content.Subject, user, IncomingPage.Render(http, view, user, chain));
        });
        MapAct(app, "/letters/in/{stream}/register", (u, st, f, s, ct) => s.Letters.RegisterAsync(u, st, FormFields.Time(f["receivedAt"]) ?? DateTimeOffset.UtcNow, ct));
        MapAct(app, "/letters/in/{stream}/minute", (u, st, f, s, ct) => s.Letters.WriteMinuteAsync(u, st, f["text"].ToString(), ct));
        MapAct(app, "/letters/in/{stream}/decision", (u, st, f, s, ct) =>
            s.Letters.DecideAsync(u, st, Enum.TryParse<Decision>(f["decision"], out var d) ? d : throw new DomainException("ไม่รู้จักคำสั่งการนี้ (unknown decision)."), f["note"].ToString(), ct));
        MapAct(app, "/letters/in/{stream}/acknowledge", (u, st, f, s, ct) => s.Letters.AcknowledgeAsync(u, st, ct));
        MapAct(app, "/letters/in/{stream}/done", (u, st, f, s, ct) => s.Letters.ReportActionDoneAsync(u, st, f["note"].ToString(), ct));
        app.MapPost("/letters/in/{stream}/forward", async (string stream, IFormCollection form, HttpContext http, Services s, CancellationToken ct) =>
        {
            var id = await IncomingApi.ForwardAsync(stream, new DraftRequest(null, null, null, null, null, null, FormFields.List(form["to"]), FormFields.Date(form["actionDue"]), null, null, null),
                CurrentUser.Get(http, s.Access).Id, s, ct);
            return Results.Redirect($"/letters/out/{id}");
        });

        app.MapGet("/letters/out/{id}", async (string id, HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = CurrentUser.Get(http, s.Access);
            var letter = await OutgoingApi.ReadAsync(id, http, s, ct);
            return Html.Page(http, letter.Content!.Subject, user, OutgoingPage.Render(http, letter, user, await s.Views.Registers.TreeBelowAsync(id, ct)));
        });
        app.MapPost("/letters/out/{id}/sign", async (string id, IFormCollection _, HttpContext http, Services s, CancellationToken ct) =>
        {
            await s.Letters.SignAsync(CurrentUser.Get(http, s.Access).Id, id, ct);
            return Results.Redirect($"/letters/out/{id}");
        });
        app.MapPost("/letters/out/{id}/dispatch", async (string id, IFormCollection _, HttpContext http, Services s, CancellationToken ct) =>
        {
            await s.Letters.DispatchAsync(CurrentUser.Get(http, s.Access).Id, id, ct);
            return Results.Redirect($"/letters/out/{id}");
        });

        app.MapGet("/letters/paper", (HttpContext http, Services s) => Html.Page(http, "ลงทะเบียนรับหนังสือกระดาษ", CurrentUser.Get(http, s.Access), EntryForms.Paper(http)));
        app.MapPost("/letters/paper", async (IFormCollection f, HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = CurrentUser.Get(http, s.Access);
            var request = new PaperApi.PaperRequest(f["senderName"], f["documentNumber"], FormFields.Date(f["date"]), f["subject"], LetterKind.ExternalLetter,
                Enum.TryParse<Urgency>(f["urgency"], out var u) ? u : Urgency.None, Enum.TryParse<Secrecy>(f["secrecy"], out var x) ? x : Secrecy.None,
                f["addresseeLine"], FormFields.Date(f["actionDue"]), FormFields.Time(f["receivedAt"]), f["entryKey"], null, null);
            var (stream, _) = await PaperApi.RegisterAsync(request, user, s, ct);
            return Results.Redirect($"/letters/in/{stream}");
        });

        app.MapGet("/letters/new", (HttpContext http, Services s) => Html.Page(http, "ร่างหนังสือ", CurrentUser.Get(http, s.Access), EntryForms.Draft(http)));
        app.MapPost("/letters/new", async (IFormCollection f, HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = CurrentUser.Get(http, s.Access);
            var request = new DraftRequest(Enum.TryParse<LetterKind>(f["kind"], out var k) ? k : LetterKind.ExternalLetter,
                Enum.TryParse<Urgency>(f["urgency"], out var u) ? u : Urgency.None, Secrecy.None, f["subject"], f["addresseeLine"],
                f["body"].ToString().Split('\n'), FormFields.List(f["to"]), FormFields.Date(f["actionDue"]), null, f["owningUnit"], f["contacts"]);
            var id = await s.Letters.DraftAsync(user.Id, user.OrganizationId, request.Content(), request.Addressees(s.Directory.Current), request.ActionDue, ct: ct);
            return Results.Redirect($"/letters/out/{id}");
        });
    }

    private static void MapAct(WebApplication app, string pattern, Func<string, string, IFormCollection, Services, CancellationToken, Task> act) =>
        app.MapPost(pattern, async (string stream, IFormCollection form, HttpContext http, Services s, CancellationToken ct) =>
        {
            await act(CurrentUser.Get(http, s.Access).Id, stream, form, s, ct);
            return Results.Redirect($"/letters/in/{stream}");
        });
}
