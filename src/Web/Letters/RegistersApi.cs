using Saraban.Web.Accounts;
using Saraban.Web.Pages;
using Saraban.Web.Serving;
using Saraban.Workflow.Access;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Registers;
using Saraban.Workflow.Routing;

namespace Saraban.Web.Letters;

/// <summary>The office's receive and dispatch registers, and the user's inbox of waiting steps.</summary>
internal static class RegistersApi
{
    public static void Map(WebApplication app)
    {
        // ?q= (subject, sender or number, either digit set), from= / to= (YYYY-MM-DD or a Thai date), sender=, year=, before= (a line's seq: the next page), limit=
        app.MapGet("/api/registers/incoming", async (HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = Reader(http, s);
            return Results.Ok(await IncomingAsync(user, s.Views, Query(http.Request.Query), ct));
        });
        app.MapGet("/api/registers/outgoing", async (HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = Reader(http, s);
            return Results.Ok(await OutgoingAsync(user, s.Views, Query(http.Request.Query), ct));
        });
        app.MapGet("/api/inbox", async (HttpContext http, Services s, CancellationToken ct) =>
            Results.Ok(await InboxAsync(Reader(http, s), s.Views, ct)));
    }

    /// <summary>The signed-in user, allowed to read their own office's registers.</summary>
    public static UserAccount Reader(HttpContext http, Services s)
    {
        var user = CurrentUser.Get(http, s.Access);
        s.Access.Authorize(user.Id, Permission.Read, user.OrganizationId, DateTimeOffset.UtcNow);
        return user;
    }

    public static RegisterQuery Query(IQueryCollection q) => new(q["q"], FormFields.SearchDate(q["from"]), FormFields.SearchDate(q["to"]), q["sender"],
        FormFields.Int(q["year"], "year", 1900, 3100) is { } y ? (y > 2400 ? y - 543 : y) : null, FormFields.Int(q["limit"], "limit", 1, RegisterQuery.MaxLimit) ?? 200, FormFields.Long(q["before"], "before"));

    /// <summary>A classified letter shows in the register as a line without its subject to those who may not read it.</summary>
    public static async Task<IReadOnlyList<IncomingEntry>> IncomingAsync(UserAccount user, ReadModels views, RegisterQuery? query, CancellationToken ct) =>
        (await views.Registers.IncomingAsync(user.OrganizationId, query, ct)).Select(e => Masked(user, e)).ToList();

    public static async Task<IReadOnlyList<OutgoingEntry>> OutgoingAsync(UserAccount user, ReadModels views, RegisterQuery? query, CancellationToken ct) =>
        (await views.Registers.OutgoingAsync(user.OrganizationId, query, ct)).Select(e => LetterVisibility.MaySee(user, e.Secrecy) ? e : e with { Subject = Classified }).ToList();

    private const string Classified = "(หนังสือลับ)";

    public static IncomingEntry Masked(UserAccount user, IncomingEntry e) => LetterVisibility.MaySee(user, e.Secrecy) ? e : e with { Subject = Classified };

    /// <summary>The steps waiting for one of the user's roles in their office, soonest due first.</summary>
    public static async Task<IReadOnlyList<InboxItem>> InboxAsync(UserAccount user, ReadModels views, CancellationToken ct)
    {
        var tasks = await views.Inbox.ForAsync(user, ct);
        var letters = (await views.Registers.IncomingByStreamsAsync(tasks.Select(t => t.Subject).ToList(), ct)).ToDictionary(e => e.StreamId, StringComparer.Ordinal);
        return tasks.Select(t => new InboxItem(t, letters.TryGetValue(t.Subject, out var e) ? Masked(user, e) : null, StepName(t.Step))).ToList();
    }

    public static string StepName(string step) => step switch
    {
        "register" => "ลงทะเบียนรับ",
        "minute" => "เกษียนหนังสือ",
        "screen" => "กลั่นกรอง",
        "decide" => "สั่งการ",
        "draft" => "ร่างหนังสือแจ้งต่อ",
        "sign" => "ลงนาม",
        "dispatch" => "ส่งหนังสือ",
        "acknowledge" => "รับทราบ",
        "act" => "ดำเนินการตามหนังสือ",
        _ => step,
    };
}

/// <summary>A step waiting in the user's inbox, with the register line of its letter and the step's Thai name.</summary>
public sealed record InboxItem(RoutingTask Task, IncomingEntry? Letter, string Step);
