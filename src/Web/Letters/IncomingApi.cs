using Saraban.Web.Accounts;
using Saraban.Web.Serving;
using Saraban.Workflow.Access;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Routing;

namespace Saraban.Web.Letters;

/// <summary>
/// /api/letters/incoming/{stream}: a received letter, and the acts on it (register, minute,
/// decide, forward, acknowledge, report done). Each act is checked against the user's office,
/// role and delegation, and against the step the letter's routing waits at.
/// </summary>
internal static class IncomingApi
{
    public static void Map(WebApplication app)
    {
        var one = app.MapGroup("/api/letters/incoming/{stream}");
        one.MapGet("", async (string stream, HttpContext http, Services s, CancellationToken ct) =>
            Results.Ok(await ViewAsync(stream, CurrentUser.Get(http, s.Access), s, ct)));
        one.MapGet("/chain", async (string stream, HttpContext http, Services s, CancellationToken ct) =>
        {
            await s.Letters.ReadIncomingAsync(CurrentUser.Get(http, s.Access).Id, stream, ct);
            return Results.Ok(await s.Views.Registers.ChainOfAsync(stream, ct));
        });
        one.MapPost("/register", async (string stream, RegisterRequest body, HttpContext http, Services s, CancellationToken ct) =>
            Results.Ok(new { receiveNumber = await s.Letters.RegisterAsync(User(http, s), stream, body.ReceivedAt ?? DateTimeOffset.UtcNow, ct) }));
        one.MapPost("/minute", async (string stream, MinuteRequest body, HttpContext http, Services s, CancellationToken ct) =>
        {
            await s.Letters.WriteMinuteAsync(User(http, s), stream, body.Text ?? "", ct);
            return Results.NoContent();
        });
        one.MapPost("/decision", async (string stream, DecisionRequest body, HttpContext http, Services s, CancellationToken ct) =>
        {
            await s.Letters.DecideAsync(User(http, s), stream, body.Decision, body.Note ?? "", ct);
            return Results.NoContent();
        });
        one.MapPost("/forward", async (string stream, DraftRequest body, HttpContext http, Services s, CancellationToken ct) =>
            Results.Ok(new { letterId = await ForwardAsync(stream, body, User(http, s), s, ct) }));
        one.MapPost("/acknowledge", async (string stream, HttpContext http, Services s, CancellationToken ct) =>
        {
            await s.Letters.AcknowledgeAsync(User(http, s), stream, ct);
            return Results.NoContent();
        });
        one.MapPost("/done", async (string stream, NoteRequest body, HttpContext http, Services s, CancellationToken ct) =>
        {
            await s.Letters.ReportActionDoneAsync(User(http, s), stream, body.Note ?? "", ct);
            return Results.NoContent();
        });
    }

    private static string User(HttpContext http, Services s) => CurrentUser.Get(http, s.Access).Id;

    public static async Task<IncomingView> ViewAsync(string stream, UserAccount user, Services s, CancellationToken ct)
    {
        var letter = await s.Letters.ReadIncomingAsync(user.Id, stream, ct);
        if (letter.Arrival is null) throw new NotFoundException("ไม่พบหนังสือนี้ (no such letter).");
        var routing = await s.Routing.ReadAsync(LetterRouting.InstanceId(stream), ct);
        return new IncomingView(stream, letter, routing.Current, routing.DueAt, routing.Overdue);
    }

    /// <summary>Passes the letter on with this office's own letter; what the clerk leaves out comes from the received one.</summary>
    public static async Task<string> ForwardAsync(string stream, DraftRequest body, string userId, Services s, CancellationToken ct)
    {
        var received = (await s.Letters.ReadIncomingAsync(userId, stream, ct)).Arrival!;
        var office = s.Directory.Current.Get(received.OrganizationId);
        var request = body with
        {
            To = body.To is { Count: > 0 } ? body.To : DraftRequest.DefaultForwardGroups(office),
            AddresseeLine = body.AddresseeLine ?? DraftRequest.DefaultAddresseeLine(office),
            Body = body.Body is { Count: > 0 } ? body.Body : DraftRequest.ForwardBody(received),
        };
        return await s.Letters.ForwardAsync(userId, stream, request.Content(received.Content), request.Addressees(s.Directory.Current), body.ActionDue, body.CarryFiles ?? false, ct);
    }
}

/// <summary>A received letter with the step its routing waits at.</summary>
public sealed record IncomingView(string StreamId, IncomingLetter Letter, string? WaitingStep, DateTimeOffset? DueAt, bool Overdue);
