using Saraban.Web.Pages;
using Saraban.Workflow;
using Saraban.Workflow.Access;
using Saraban.Workflow.EventStore;

namespace Saraban.Web.Serving;

/// <summary>
/// A refused act reaches the user as one clear message: problem+json on the API, a Thai page
/// with the way back on the pages. Nothing was stored: every command decides before it appends.
/// </summary>
internal static class Errors
{
    public static void Use(WebApplication app) => app.Use(async (http, next) =>
    {
        try
        {
            await next(http);
        }
        catch (Exception ex) when (StatusOf(ex) is { } status && !http.Response.HasStarted)
        {
            var message = ex switch
            {
                WrongExpectedVersionException => "มีผู้อื่นทำรายการกับหนังสือนี้ไปก่อนแล้ว โปรดเปิดหน้าใหม่แล้วลองอีกครั้ง (someone else acted on this letter first; reload and try again).",
                // A form without its antiforgery token, or with another's: forged, or its page outlived the key.
                BadHttpRequestException b when b.Message.Contains("antiforgery", StringComparison.OrdinalIgnoreCase) || b.InnerException is Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException =>
                    "แบบฟอร์มนี้ไม่ได้มาจากหน้าของระบบ หรือหมดอายุแล้ว ระบบไม่ได้บันทึกสิ่งใด โปรดเปิดหน้าเดิมใหม่แล้วลองอีกครั้ง (the form's antiforgery token is missing or invalid).",
                BadHttpRequestException { StatusCode: 413 } => "ไฟล์หรือคำขอใหญ่เกินที่ระบบรับ ไม่ได้บันทึกสิ่งใด (the request is too large).",
                BadHttpRequestException => "คำขอไม่ถูกต้อง ระบบไม่ได้บันทึกสิ่งใด (bad request).",
                NodeBusyException => "ขณะนี้มีผู้ใช้งานระบบพร้อมกันมาก รายการนี้ยังไม่ได้ทำและไม่ได้บันทึกสิ่งใด โปรดลองใหม่อีกครั้งในอีกสักครู่ (the node is busy; nothing was done; try again shortly).",
                _ when status == StatusCodes.Status503ServiceUnavailable =>
                    "ฐานข้อมูลไม่พร้อมให้บริการชั่วคราว รายการนี้ยังไม่ได้บันทึก โปรดลองใหม่อีกครั้งในอีกสักครู่ (the database is unavailable for now; nothing was stored; try again shortly).",
                _ => ex.Message,
            };
            http.Response.Clear();
            if (status == StatusCodes.Status503ServiceUnavailable) http.Response.Headers.RetryAfter = ex is NodeBusyException ? "1" : "5";
            if (http.Request.Path.StartsWithSegments("/api"))
            {
                // A schedule's problems, one per LAO missed or doubled, go as a list the client can show.
                var extensions = ex is Saraban.Workflow.Actions.ScheduleException schedule ? new Dictionary<string, object?> { ["errors"] = schedule.Errors } : null;
                await Results.Problem(statusCode: status, title: Title(status), detail: message, extensions: extensions).ExecuteAsync(http);
                return;
            }
            var back = http.Request.Headers.Referer.FirstOrDefault() is { Length: > 0 } r && Uri.TryCreate(r, UriKind.Absolute, out var u) && u.Host == http.Request.Host.Host
                ? u.PathAndQuery : "/";
            // The menu stays for a signed-in user, so the way on is not only "back".
            var user = http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } id
                ? http.RequestServices.GetRequiredService<AccessService>().Current.FindUser(id) : null;
            await PageResults.Page<ErrorPage>(new { Title = Title(status), Message = message, Back = back, User = user }, status).ExecuteAsync(http);
        }
    });

    private static int? StatusOf(Exception ex) => ex switch
    {
        BadHttpRequestException { StatusCode: 400 } => StatusCodes.Status400BadRequest,
        BadHttpRequestException { StatusCode: 413 } => StatusCodes.Status413PayloadTooLarge,
        Saraban.Workflow.Files.FileTooLargeException => StatusCodes.Status413PayloadTooLarge,
        Saraban.Workflow.Files.FileRefusedException => StatusCodes.Status422UnprocessableEntity,
        Saraban.Workflow.Files.FileNotFoundInLetterException => StatusCodes.Status404NotFound,
        AccessDeniedException => StatusCodes.Status403Forbidden,
        NotFoundException => StatusCodes.Status404NotFound,
        WrongExpectedVersionException => StatusCodes.Status409Conflict,
        DomainException => StatusCodes.Status400BadRequest,
        // The database is down or unreachable (restarting, the network): the node itself is fine and recovers by itself.
        NodeBusyException => StatusCodes.Status503ServiceUnavailable,
        EventStoreUnavailableException or System.Net.Sockets.SocketException or TimeoutException => StatusCodes.Status503ServiceUnavailable,
        Npgsql.NpgsqlException { IsTransient: true } => StatusCodes.Status503ServiceUnavailable,
        _ when ex.InnerException is { } inner && StatusOf(inner) == StatusCodes.Status503ServiceUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => null,
    };

    private static string Title(int status) => status switch
    {
        403 => "ไม่มีสิทธิ์ทำรายการนี้",
        404 => "ไม่พบหนังสือ",
        413 or 422 => "ไม่รับไฟล์นี้",
        503 => "ระบบไม่พร้อมให้บริการชั่วคราว",
        409 => "หนังสือถูกเปลี่ยนระหว่างทำรายการ",
        _ => "ทำรายการไม่ได้",
    };
}

/// <summary>A letter or office the request names does not exist (or is not the user's to know of).</summary>
internal sealed class NotFoundException(string message) : DomainException(message);
