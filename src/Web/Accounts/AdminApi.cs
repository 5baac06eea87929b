using Saraban.Web.Pages;
using Saraban.Web.Serving;
using Saraban.Workflow;
using Saraban.Workflow.Access;
using Saraban.Workflow.EventStore;

namespace Saraban.Web.Accounts;

/// <summary>
/// An office's admin keeps its staff: new users, and the delegations that let a deputy sign for the
/// head (ปฏิบัติราชการแทน) while the head is away. Everyone may change their own password.
/// </summary>
internal static class AdminApi
{
    public sealed record NewUserRequest(string? UserId, string? FullName, string? Position, IReadOnlyList<Role>? Roles, string? Password);
    public sealed record DelegationRequest(string? DeputyUserId, DelegationKind? Kind, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil);
    public sealed record PasswordRequest(string? Current, string? New);

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/admin/users", async (HttpContext http, Services s, CancellationToken ct) => Results.Ok(Staff(await AdminAsync(http, s, ct), s)));
        app.MapPost("/api/admin/users", async (NewUserRequest body, HttpContext http, Services s, CancellationToken ct) =>
        {
            var admin = await AdminAsync(http, s, ct);
            await s.Access.RegisterUserAsync(body.UserId?.Trim() ?? "", admin.Organization.Id, body.FullName ?? "", body.Position ?? "", body.Roles ?? [],
                body.Password ?? "", Meta(admin), ct);
            return Results.Created($"/api/admin/users/{body.UserId}", null);
        });
        app.MapPost("/api/admin/delegations", async (DelegationRequest body, HttpContext http, Services s, CancellationToken ct) =>
        {
            var admin = await AdminAsync(http, s, ct);
            var id = await s.Access.GrantDelegationAsync(body.DeputyUserId ?? "", admin.Organization.Id, body.Kind ?? DelegationKind.ActingFor,
                body.ValidFrom ?? DateTimeOffset.UtcNow, body.ValidUntil ?? throw new DomainException("ต้องระบุวันสิ้นสุดการมอบอำนาจ (validUntil is missing)."),
                Meta(admin), ct);
            return Results.Ok(new { delegationId = id });
        });
        app.MapPost("/api/admin/delegations/{id:guid}/revoke", async (Guid id, HttpContext http, Services s, CancellationToken ct) =>
        {
            await RevokeAsync(id, http, s, ct);
            return Results.NoContent();
        });
        app.MapPost("/api/me/password", async (PasswordRequest body, HttpContext http, Services s, CancellationToken ct) =>
        {
            var user = CurrentUser.Get(http, s.Access);
            if (s.Access.Authenticate(user.Id, body.Current ?? "") is null)
                throw new AccessDeniedException("รหัสผ่านเดิมไม่ถูกต้อง (the current password is wrong).");
            await s.Access.ChangePasswordAsync(user.Id, body.New ?? "", new EventMetadata(user.Id, user.OrganizationId, Guid.CreateVersion7(), null), ct);
            return Results.NoContent();
        }).RequireRateLimiting(SignIn.LoginLimit);
        app.MapGet("/api/admin/numbers", async (HttpContext http, Services s, Workflow.Numbering.NumberIssuer numbers, CancellationToken ct) =>
            Results.Ok(await BooksAsync(await AdminAsync(http, s, ct), numbers, ct)));
        app.MapGet("/admin", async (HttpContext http, Services s, Workflow.Routing.RoutingCatalog catalog, Workflow.Numbering.NumberIssuer numbers, CancellationToken ct) =>
        {
            var admin = await AdminAsync(http, s, ct);
            var books = await BooksAsync(admin, numbers, ct);
            var routing = catalog.Assignments.For(admin.Organization) is { } name ? catalog.Latest(name) : null;
            IReadOnlyList<string> routings = routing is null ? [] :
                [$"{routing.Title} ({routing.Name} ฉบับ {Show.N(routing.Version)}): {string.Join(" → ", routing.Steps.Select(st => Letters.RegistersApi.StepName(st.Name)))}"];
            return PageResults.Page<AdminPage>(new { User = admin.User, Office = admin.Organization, Staff = Staff(admin, s), Routings = routings, Books = books });
        });
        app.MapPost("/admin/delegations", async (IFormCollection f, HttpContext http, Services s, CancellationToken ct) =>
        {
            var admin = await AdminAsync(http, s, ct);
            await s.Access.GrantDelegationAsync(f["deputyUserId"].ToString(), admin.Organization.Id,
                Enum.TryParse<DelegationKind>(f["kind"], out var k) ? k : DelegationKind.ActingFor, FormFields.DayStart(f["validFrom"]), FormFields.DayStart(f["validUntil"]).AddDays(1), Meta(admin), ct);
            return Results.Redirect("/admin");
        });
        app.MapPost("/admin/delegations/{id:guid}/revoke", async (Guid id, IFormCollection _, HttpContext http, Services s, CancellationToken ct) =>
        {
            await RevokeAsync(id, http, s, ct);
            return Results.Redirect("/admin");
        });
    }

    /// <summary>The office's books this year (Bangkok): the number each will give next, and whether it is in use (a number issued, or its first number set).</summary>
    private static async Task<IReadOnlyList<Book>> BooksAsync(Actor admin, Workflow.Numbering.NumberIssuer numbers, CancellationToken ct)
    {
        var year = Workflow.Thai.BangkokTime.YearOf(DateTimeOffset.UtcNow);
        var books = new List<Book>();
        foreach (var series in Enum.GetValues<Workflow.Numbering.NumberSeries>())
        {
            var state = await numbers.ReadAsync(admin.Organization.Id, series, year, ct);
            books.Add(new Book(series.ToString(), year + 543, state.Next, state.Started));
        }
        return books;
    }

    private static async Task<Actor> AdminAsync(HttpContext http, Services s, CancellationToken ct)
    {
        await s.Access.RefreshAsync(ct);
        var user = CurrentUser.Get(http, s.Access);
        return s.Access.Authorize(user.Id, Permission.Administer, user.OrganizationId, DateTimeOffset.UtcNow);
    }

    /// <summary>An admin revokes only the delegations of their own office.</summary>
    private static async Task RevokeAsync(Guid id, HttpContext http, Services s, CancellationToken ct)
    {
        var admin = await AdminAsync(http, s, ct);
        if (s.Access.Current.FindDelegation(id) is not { } d || d.OrganizationId != admin.Organization.Id)
            throw new NotFoundException("ไม่พบการมอบอำนาจนี้ในหน่วยงานของท่าน (no such delegation in your office).");
        await s.Access.RevokeDelegationAsync(id, Meta(admin), ct);
    }

    private static EventMetadata Meta(Actor admin) => new(admin.User.Id, admin.Organization.Id, Guid.CreateVersion7(), null);

    private static IReadOnlyList<StaffMember> Staff(Actor admin, Services s) =>
        s.Access.Current.Users.Where(u => u.OrganizationId == admin.Organization.Id).OrderBy(u => u.Id, StringComparer.Ordinal)
            .Select(u => new StaffMember(u.Id, u.FullName, u.Position, u.Roles.Order().ToList(), s.Access.Current.DelegationsOf(u.Id).ToList())).ToList();
}

/// <summary>One of an office's staff as its admin sees them.</summary>
public sealed record StaffMember(string UserId, string FullName, string Position, IReadOnlyList<Role> Roles, IReadOnlyList<Delegation> Delegations);

/// <summary>One of the office's books this year: its series, the year (พ.ศ.), the number it gives next, and whether it is in use.</summary>
public sealed record Book(string Series, int YearBe, int Next, bool InUse);
