using System.Text.RegularExpressions;
using Serilog;
using Serilog.Context;
using Serilog.Events;

namespace Saraban.Web.Operations;

/// <summary>
/// Each request carries a correlation id: the caller's <c>X-Correlation-Id</c> when it sends a sane one
/// (a front proxy's, say), else a new one. It is answered back in the same header, and every log line
/// the request writes carries it. One line per request is logged at the end: failures and slow
/// requests always; the rest only with <c>--log-requests</c> (at 200 requests a second a line each
/// is work for the console the pages do not need).
/// </summary>
internal static partial class RequestLogging
{
    public const string Header = "X-Correlation-Id";
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(1);

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex SaneId();

    public static void Use(WebApplication app, bool everyRequest)
    {
        app.Use(async (http, next) =>
        {
            var id = http.Request.Headers[Header].ToString() is { } given && SaneId().IsMatch(given) ? given : Guid.CreateVersion7().ToString("N");
            http.TraceIdentifier = id;
            http.Response.Headers[Header] = id;
            using (LogContext.PushProperty("CorrelationId", id))
                await next(http);
        });
        app.UseSerilogRequestLogging(o =>
        {
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} answered {StatusCode} in {Elapsed:0.0} ms";
            o.GetLevel = (http, ms, ex) =>
                ex is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : ms >= Slow.TotalMilliseconds ? LogEventLevel.Warning
                : everyRequest && !Health.AnswersWhileStarting(http.Request.Path) ? LogEventLevel.Information
                : LogEventLevel.Debug;
        });
    }
}
