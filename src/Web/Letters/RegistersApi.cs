using Saraban.Web.Accounts;
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
        app.MapGet("/api/registers/incoming", async (HttpContext http, Services s, CancellationToken ct) =>
        {
            var (user, views) = await ReadAsync(http, s, ct);
            return Results.Ok(Incoming(user, views));
        });
        app.MapGet("/api/registers/outgoing", async (HttpContext http, Services s, CancellationToken ct) =>
        {
            var (user, views) = await ReadAsync(http, s, ct);
            return Results.Ok(Outgoing(user, views));
        });
        app.MapGet("/api/inbox", async (HttpContext http, Services s, CancellationToken ct) =>
        {
            var (user, views) = await ReadAsync(http, s, ct);
            return Results.Ok(Inbox(user, views));
        });
    }

    public static async Task<(UserAccount User, ReadModels Views)> ReadAsync(HttpContext http, Services s, CancellationToken ct)
    {
        var views = await s.Views.CurrentAsync(ct);
        var user = CurrentUser.Get(http, s.Access);
        s.Access.Authorize(user.Id, Permission.Read, user.OrganizationId, DateTimeOffset.UtcNow);
        return (user, views);
    }

    /// <summary>A classified letter shows in the register as a line without its subject to those who may not read it.</summary>
    public static IReadOnlyList<IncomingEntry> Incoming(UserAccount user, ReadModels views) =>
        views.Registers.Incoming(user.OrganizationId).Select(e => Masked(user, e)).ToList();

    public static IReadOnlyList<OutgoingEntry> Outgoing(UserAccount user, ReadModels views) =>
        views.Registers.Outgoing(user.OrganizationId).Select(e => LetterVisibility.MaySee(user, e.Secrecy) ? e : e with { Subject = Classified }).ToList();

    private const string Classified = "(หนังสือลับ)";

    private static IncomingEntry Masked(UserAccount user, IncomingEntry e) => LetterVisibility.MaySee(user, e.Secrecy) ? e : e with { Subject = Classified };

    public sealed record InboxItem(RoutingTask Task, IncomingEntry? Letter, string Step);

    /// <summary>The steps waiting for one of the user's roles in their office, soonest due first.</summary>
    public static IReadOnlyList<InboxItem> Inbox(UserAccount user, ReadModels views) =>
        views.Inbox.For(user).Select(t => new InboxItem(t, views.Registers.FindIncoming(t.Subject) is { } e ? Masked(user, e) : null, StepName(t.Step))).ToList();

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
