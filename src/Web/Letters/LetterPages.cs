using Saraban.Web.Accounts;
using Saraban.Web.Pages;
using Saraban.Web.Serving;
using Saraban.Workflow;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Registers;
using Saraban.Workflow.EventStore;

namespace Saraban.Web.Letters;

/// <summary>
/// The pages of the registers and letters. Each form posts to the same command the API calls and
/// comes back to the letter's page (post, redirect, get), so a reload never acts twice.
/// </summary>
internal static class LetterPages
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/letters/in/{stream}", async (string stream, HttpContext http, Services s, IEventStore store, CancellationToken ct) =>
        {
            var user = CurrentUser.Get(http, s.Access);
            var view = await IncomingApi.ViewAsync(stream, user, s, ct);
            var chain = await s.Views.Registers.ChainOfAsync(stream, ct);
            var directory = s.Views.Directory;
            var office = directory.Get(view.Letter.Arrival!.OrganizationId);
            var sender = view.Letter.Arrival.FromOrganizationId is { } from ? directory.FindAsOf(from, DateTimeOffset.UtcNow) : null;
            return PageResults.Page<IncomingLetterPage>(new
            {
                View = view, User = user, Office = office.Name, Chain = chain, SentPdf = await s.Files.SentPdfOfAsync(view.Letter, ct),
                History = await LetterHistory.ReadAsync(store, s.Access, stream, ct),
                Preview = s.Printing.Layout(view.Letter.Arrival, sender, stream),
                MinuteSuggestion = $"เรียน {office.HeadTitle}\n    เพื่อโปรดพิจารณา",
                ForwardChoices = AddresseeChoices.For(directory, office),
                ForwardChosen = DraftRequest.DefaultForwardGroups(office),
            });
        });
        MapAct(app, "/letters/in/{stream}/register", (u, st, f, s, ct) =>
            s.Letters.RegisterAsync(u, st, FormFields.Time(f["receivedAt"]) ?? FormFields.DayAndTime(f["receivedDay"], f["receivedTime"]) ?? DateTimeOffset.UtcNow, ct));
        MapAct(app, "/letters/in/{stream}/minute", (u, st, f, s, ct) => s.Letters.WriteMinuteAsync(u, st, f["text"].ToString(), ct));
        MapAct(app, "/letters/in/{stream}/decision", (u, st, f, s, ct) =>
            s.Letters.DecideAsync(u, st, Enum.TryParse<Decision>(f["decision"], out var d) ? d : throw new DomainException("ไม่รู้จักคำสั่งการนี้ (unknown decision)."), f["note"].ToString(), ct));
        MapAct(app, "/letters/in/{stream}/acknowledge", (u, st, f, s, ct) => s.Letters.AcknowledgeAsync(u, st, ct));
        MapAct(app, "/letters/in/{stream}/done", (u, st, f, s, ct) => s.Letters.ReportActionDoneAsync(u, st, f["note"].ToString(), ct));
        app.MapPost("/letters/in/{stream}/forward", async (string stream, IFormCollection form, HttpContext http, Services s, CancellationToken ct) =>
        {
            var id = await IncomingApi.ForwardAsync(stream, new DraftRequest(null, null, null, null, null, null, FormFields.List(form["to"]), FormFields.Date(form["actionDue"]), null, null, null) { CarryFiles = form["carryFiles"] == "true" },
                CurrentUser.Get(http, s.Access).Id, s, ct);
            return Results.Redirect($"/letters/out/{id}");
        });

        app.MapGet("/letters/out/{id}", async (string id, HttpContext http, Services s, IEventStore store, CancellationToken ct) =>
        {
            var user = CurrentUser.Get(http, s.Access);
            var letter = await OutgoingApi.ReadAsync(id, http, s, ct);
            return PageResults.Page<OutgoingLetterPage>(new
            {
                L = letter, User = user, Tree = await s.Views.Registers.TreeBelowAsync(id, ct), Directory = s.Views.Directory,
                Preview = s.Printing.Layout(letter, s.Views.Directory.Get(letter.OrganizationId!)),
                History = await LetterHistory.ReadAsync(store, s.Access, OutgoingLetter.StreamId(id), ct),
                MaxFileMb = s.Files.Limits.MaxBytes / (1024 * 1024),
            });
        });
        app.MapPost("/letters/out/{id}/sign", async (string id, IFormCollection _, HttpContext http, Services s, CancellationToken ct) =>
        {
            await s.Letters.SignAsync(CurrentUser.Get(http, s.Access).Id, id, ct);
            return Results.Redirect($"/letters/out/{id}");
        });
        app.MapPost("/letters/out/{id}/dispatch", async (string id, IFormCollection _, HttpContext http, Services s, CancellationToken ct) =>
        {
            await SentPdfApi.DispatchAsync(s, CurrentUser.Get(http, s.Access).Id, id, ct);
            return Results.Redirect($"/letters/out/{id}");
        });

        app.MapGet("/letters/paper", (HttpContext http, Services s) => PageResults.Page<PaperFormPage>(new { User = CurrentUser.Get(http, s.Access) }));
        app.MapPost("/letters/paper", async (IFormCollection f, HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = CurrentUser.Get(http, s.Access);
            var request = new PaperApi.PaperRequest(f["senderName"], f["documentNumber"], FormFields.Date(f["date"]), f["subject"], LetterKind.ExternalLetter,
                Enum.TryParse<Urgency>(f["urgency"], out var u) ? u : Urgency.None, Enum.TryParse<Secrecy>(f["secrecy"], out var x) ? x : Secrecy.None,
                f["addresseeLine"], FormFields.Date(f["actionDue"]), FormFields.Time(f["receivedAt"]) ?? FormFields.DayAndTime(f["receivedDay"], f["receivedTime"]), f["entryKey"], null, null);
            var scan = f.Files.GetFile("scan");
            string stream;
            if (scan is { Length: > 0 })
            {
                await using var body = scan.OpenReadStream();
                (stream, _) = await ScannedPaper.RegisterAsync(request, user, s, body, scan.FileName, ct);
            }
            else
            {
                (stream, _) = await PaperApi.RegisterAsync(request, user, s, ct);
            }
            return Results.Redirect($"/letters/in/{stream}");
        });

        app.MapGet("/letters/new", (string? kind, HttpContext http, Services s) =>
        {
            var user = CurrentUser.Get(http, s.Access);
            var office = s.Views.Directory.Get(user.OrganizationId);
            var k = Enum.TryParse<LetterKind>(kind, out var parsed) && Enum.IsDefined(parsed) ? parsed : LetterKind.Circular;
            return PageResults.Page<DraftFormPage>(new
            {
                User = user, Office = office.Name, Kind = k, Choices = AddresseeChoices.For(s.Views.Directory, office),
                AddresseeLine = office.Type is Workflow.Directory.OrganizationType.PmOffice or Workflow.Directory.OrganizationType.Unit
                    ? "ผู้ว่าราชการจังหวัด ทุกจังหวัด" : DraftRequest.DefaultAddresseeLine(office),
            });
        });
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
