using OpenTelemetry.Metrics;

namespace Saraban.Web.Operations;

/// <summary>
/// OpenTelemetry's metrics, exported for Prometheus at <c>/metrics</c>: ASP.NET Core's own request
/// instruments (rates and durations by route and status), Kestrel's connections, and <see cref="NodeMetrics"/>.
/// The figures are counts and durations only: no office, user or subject is named in them.
/// </summary>
internal static class Telemetry
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddSingleton<NodeMetrics>();
        services.AddHostedService<MetricsSampler>();
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", NodeMetrics.MeterName)
            .AddPrometheusExporter());
    }

    public static void Map(WebApplication app)
    {
        app.Services.GetRequiredService<NodeMetrics>(); // its instruments exist from the first scrape
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
    }
}
