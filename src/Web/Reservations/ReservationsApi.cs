using Saraban.Web.Accounts;
using Saraban.Web.Letters;
using Saraban.Web.Pages;
using Saraban.Web.Serving;
using Saraban.Workflow;
using Saraban.Workflow.Numbering;

namespace Saraban.Web.Reservations;

/// <summary>
/// จองเลข over HTTP: /api/numbers/reservations (the API) and /registers/outgoing/reservations (the
/// forms of the dispatch register's page, which come back to it: post, redirect, get).
/// </summary>
internal static class ReservationsApi
{
    public sealed record ReserveRequest(NumberSeries? Series, int? Count, string? Purpose);
    public sealed record UseRequest(string? Subject, string? Addressee, DateOnly? Date);
    public sealed record CancelRequest(string? Reason);

    public static void Map(WebApplication app)
    {
        app.MapPost("/api/numbers/reservations", async (ReserveRequest body, HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = CurrentUser.Get(http, s.Access);
            var r = await s.Letters.ReserveNumbersAsync(user.Id, user.OrganizationId, body.Series ?? NumberSeries.Outgoing,
                body.Count ?? throw new DomainException("ต้องระบุจำนวนเลขที่จอง (the count is missing)."), body.Purpose, ct);
            return Results.Created($"/api/numbers/reservations/{r.ReservationId}",
                new { reservationId = r.ReservationId, numbers = r.Numbers.Select(n => new { n.Number, n.DocumentNumber }) });
        });
        app.MapGet("/api/numbers/reservations/{id}", async (string id, HttpContext http, Services s, CancellationToken ct) =>
            Results.Ok(await s.Letters.ReadReservationAsync(CurrentUser.Get(http, s.Access).Id, id, ct)));
        // The office's reserved numbers still unused, oldest first, each flagged when it waited past the days allowed.
        app.MapGet("/api/numbers/reserved", async (HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = RegistersApi.Reader(http, s);
            var days = s.Letters.Reservations.UnusedDays;
            return Results.Ok((await s.Views.Registers.ReservedAsync(user.OrganizationId, ct: ct))
                .Select(e => new { e.ReservationId, e.DocumentNumber, purpose = e.Note, reservedAt = e.DraftedAt, overdue = e.IsOverdue(DateTimeOffset.UtcNow, days) }));
        });
        app.MapPost("/api/numbers/reservations/{id}/{number:int}/use", async (string id, int number, UseRequest body, HttpContext http, Services s, CancellationToken ct) =>
        {
            await s.Letters.UseReservedNumberAsync(CurrentUser.Get(http, s.Access).Id, id, number, body.Subject, body.Addressee,
                body.Date ?? throw new DomainException("ต้องระบุวันที่ของหนังสือ (the letter's date is missing)."), ct);
            return Results.NoContent();
        });
        app.MapPost("/api/numbers/reservations/{id}/{number:int}/cancel", async (string id, int number, CancelRequest body, HttpContext http, Services s, CancellationToken ct) =>
        {
            await s.Letters.CancelReservedNumberAsync(CurrentUser.Get(http, s.Access).Id, id, number, body.Reason, ct);
            return Results.NoContent();
        });

        app.MapPost("/registers/outgoing/reservations", async (IFormCollection f, HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = CurrentUser.Get(http, s.Access);
            var count = FormFields.Int(f["count"], "count", 1, 10_000) ?? throw new DomainException("ต้องระบุจำนวนเลขที่จอง (the count is missing).");
            await s.Letters.ReserveNumbersAsync(user.Id, user.OrganizationId, f["series"] == "circular" ? NumberSeries.OutgoingCircular : NumberSeries.Outgoing,
                count, f["purpose"], ct);
            return Results.Redirect("/registers/outgoing");
        });
        app.MapPost("/registers/outgoing/reservations/{id}/{number:int}/use", async (string id, int number, IFormCollection f, HttpContext http, Services s, CancellationToken ct) =>
        {
            await s.Letters.UseReservedNumberAsync(CurrentUser.Get(http, s.Access).Id, id, number, f["subject"], f["addressee"],
                FormFields.Date(f["date"]) ?? throw new DomainException("ต้องระบุวันที่ของหนังสือ (the letter's date is missing)."), ct);
            return Results.Redirect("/registers/outgoing");
        });
        app.MapPost("/registers/outgoing/reservations/{id}/{number:int}/cancel", async (string id, int number, IFormCollection f, HttpContext http, Services s, CancellationToken ct) =>
        {
            await s.Letters.CancelReservedNumberAsync(CurrentUser.Get(http, s.Access).Id, id, number, f["reason"], ct);
            return Results.Redirect("/registers/outgoing");
        });
    }
}
