using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace Saraban.Web.Cli;

public static class Logging
{
    /// <summary>Logs go to standard error, so standard output stays the verb's result (its last line JSON).</summary>
    public static Serilog.ILogger Create(bool json)
    {
        var config = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            // A start that fails (a port in use) is reported once, as one line, by the verb itself.
            .MinimumLevel.Override("Microsoft.Extensions.Hosting", LogEventLevel.Fatal)
            .Enrich.FromLogContext();
        return (json
            ? config.WriteTo.Console(new JsonFormatter(renderMessage: true), standardErrorFromLevel: LogEventLevel.Verbose)
            : config.WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj} {CorrelationId}{NewLine}{Exception}", standardErrorFromLevel: LogEventLevel.Verbose))
            .CreateLogger();
    }
}
