using Saraban.Web.Letters;
using Saraban.Web.Pages;
using Saraban.Web.Serving;
using Saraban.Workflow.Registers;

namespace Saraban.Web.Inbox;

/// <summary>GET /: the signed-in user's inbox (งานของฉัน); ?filter=most|urgent|late|step:NAME narrows it.</summary>
internal static class InboxPages
{
    public static void Map(WebApplication app) =>
        app.MapGet("/", async (string? filter, HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = RegistersApi.Reader(http, s);
            // Only the lines waiting to be registered, by their own index: the newest 200 of the register
            // were read and sifted before, which cost most of the page and lost a letter left waiting behind them.
            var unregistered = (await s.Views.Registers.WaitingAsync(user.OrganizationId, InboxModel.MaxShown * 2, ct)).Select(e => RegistersApi.Masked(user, e)).ToList();
            var model = InboxModel.Of(await RegistersApi.InboxAsync(user, s.Views, ct), unregistered, filter);
            return PageResults.Page<InboxPage>(new
            {
                Model = model, User = user, Office = s.Views.Directory.Get(user.OrganizationId).Name,
                Asked = await s.Views.Compliance.OfOfficeAsync(user.OrganizationId, 20, ct),
                Reminders = await Actions.RemindersApi.ForOfficeAsync(user.OrganizationId, s, ct),
                // Reserved numbers that waited past the days allowed: flagged to the office's clerks, who keep the book.
                OverdueReservations = user.Has(Workflow.Access.Role.Clerk)
                    ? (await s.Views.Registers.ReservedAsync(user.OrganizationId, ct: ct)).Count(e => e.IsOverdue(DateTimeOffset.UtcNow, s.Letters.Reservations.UnusedDays))
                    : 0,
            });
        });
}
