using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Saraban.Web.Pages;
using Saraban.Workflow.Access;

namespace Saraban.Web.Accounts;

/// <summary>
/// Cookie sign-in for the pages and the API alike. Everything needs a signed-in user unless it
/// says otherwise; the API answers 401/403 as problem+json where the pages redirect to /login.
/// The cookie only names the user: roles, office and delegations are checked anew on every act,
/// so a revoked delegation or a removed role takes effect at once.
/// </summary>
internal static class SignIn
{
    public const string LoginLimit = "login";
    public const string VerifyLimit = "verify";

    public static void AddServices(IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "saraban";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = "/login";
            o.Events.OnRedirectToLogin = c => Deny(c, StatusCodes.Status401Unauthorized, "ต้องเข้าสู่ระบบก่อน (sign in first).");
            o.Events.OnRedirectToAccessDenied = c => Deny(c, StatusCodes.Status403Forbidden, "ไม่มีสิทธิ์ (forbidden).");
        });
        services.AddAuthorizationBuilder().SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        // Guessing passwords is slow work: ten tries a minute from one address.
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LoginLimit, c => RateLimitPartition.GetFixedWindowLimiter(c.Connection.RemoteIpAddress?.ToString() ?? "?",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) }));
            // The public verification page: enough for a desk checking a pile, too few to guess keys.
            o.AddPolicy(VerifyLimit, c => RateLimitPartition.GetFixedWindowLimiter(c.Connection.RemoteIpAddress?.ToString() ?? "?",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 60, Window = TimeSpan.FromMinutes(1) }));
        });
    }

    private static Task Deny(RedirectContext<CookieAuthenticationOptions> c, int status, string detail)
    {
        if (!c.Request.Path.StartsWithSegments("/api"))
        {
            c.Response.Redirect(c.RedirectUri);
            return Task.CompletedTask;
        }
        c.Response.StatusCode = status;
        return c.Response.WriteAsJsonAsync(new ProblemDetails { Status = status, Title = detail }, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    public sealed record Credentials(string UserId, string Password);

    public static void Map(WebApplication app)
    {
        app.MapGet("/login", (HttpContext http, string? returnUrl, string? failed) =>
            PageResults.Page<LoginPage>(new { ReturnUrl = returnUrl ?? "/", Failed = failed is not null })).AllowAnonymous();

        app.MapPost("/login", async (HttpContext http, [FromForm] string userId, [FromForm] string password, [FromForm] string? returnUrl, AccessService access) =>
        {
            if (await CheckAsync(access, userId, password) is not { } user)
                return Results.Redirect($"/login?failed=1&returnUrl={Uri.EscapeDataString(returnUrl ?? "/")}");
            await SignInAsync(http, user);
            return Results.LocalRedirect(returnUrl is { Length: > 0 } r && r.StartsWith('/') && !r.StartsWith("//") ? r : "/");
        }).AllowAnonymous().RequireRateLimiting(LoginLimit);

        app.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync();
            return Results.Redirect("/login");
        });

        app.MapPost("/api/login", async (HttpContext http, Credentials body, AccessService access) =>
        {
            if (await CheckAsync(access, body.UserId, body.Password) is not { } user)
                return Results.Problem(statusCode: 401, title: "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง (wrong user or password).");
            await SignInAsync(http, user);
            return Results.Ok(Me(user, access));
        }).AllowAnonymous().RequireRateLimiting(LoginLimit);

        app.MapPost("/api/logout", async (HttpContext http) => { await http.SignOutAsync(); return Results.NoContent(); });
        app.MapGet("/api/me", (HttpContext http, AccessService access) => Results.Ok(Me(CurrentUser.Get(http, access), access)));
    }

    private static object Me(UserAccount user, AccessService access) => new
    {
        userId = user.Id, fullName = user.FullName, position = user.Position, organizationId = user.OrganizationId,
        roles = user.Roles.Select(r => r.ToString().ToLowerInvariant()).Order(),
    };

    private static async Task<UserAccount?> CheckAsync(AccessService access, string? userId, string? password)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(password)) return null;
        await access.RefreshAsync();
        return access.Authenticate(userId.Trim(), password);
    }

    private static Task SignInAsync(HttpContext http, UserAccount user) =>
        http.SignInAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id)], CookieAuthenticationDefaults.AuthenticationScheme)));
}

/// <summary>The signed-in user as the access log knows them now.</summary>
internal static class CurrentUser
{
    public static UserAccount Get(HttpContext http, AccessService access) =>
        http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && access.Current.FindUser(id) is { } user
            ? user
            : throw new AccessDeniedException("ไม่พบผู้ใช้นี้แล้ว เข้าสู่ระบบใหม่ (this account no longer exists).");
}
