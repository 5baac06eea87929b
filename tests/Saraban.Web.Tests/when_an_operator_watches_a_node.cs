using System.Net;
using System.Text.RegularExpressions;

namespace Saraban.Web.Tests;

/// <summary>What an administrator's monitoring reads of a node: its probes, its metrics, the request log.</summary>
public sealed class when_an_operator_watches_a_node
{
    [Fact]
    public async Task the_probes_say_live_and_ready_and_the_metrics_give_the_log_the_views_and_the_requests()
    {
        await using var server = await Server.StartAsync();
        using var client = server.Anonymous();

        Assert.Equal("live", (await (await client.GetAsync("/health/live")).JsonAsync()).GetProperty("status").GetString());
        var ready = await Http.EventuallyAsync(() => client.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK);
        var body = await ready.JsonAsync();
        Assert.Equal("ready", body.GetProperty("status").GetString());
        var head = body.GetProperty("head").GetInt64();
        Assert.True(head > 0);
        Assert.Contains(body.GetProperty("views").EnumerateArray(), v => v.GetProperty("name").GetString() == "registers" && v.GetProperty("lag").GetInt64() <= 10_000);

        // The node's own figures are sampled every few seconds: a sample taken while the node was
        // still starting (writing the demo) may stand below the head for a few seconds after.
        static long LogEvents(string m) => Regex.Match(m, @"^saraban_log_events_total\{[^}]*\} (\d+)", RegexOptions.Multiline) is { Success: true } found ? long.Parse(found.Groups[1].Value) : -1;
        var metrics = await Http.EventuallyAsync(() => client.GetStringAsync("/metrics"), m => LogEvents(m) >= head, seconds: 30);
        Assert.InRange(LogEvents(metrics), head, head + 10_000);
        Assert.Matches(new Regex(@"^saraban_view_lag\{[^}]*view=""tracking""[^}]*\} \d+", RegexOptions.Multiline), metrics);
        Assert.Matches(new Regex(@"^saraban_delivery_lag\{[^}]*\} \d+", RegexOptions.Multiline), metrics);
        Assert.Matches(new Regex(@"^http_server_request_duration_seconds_count\{[^}]*http_response_status_code=""200""[^}]*http_route=""/health/ready""", RegexOptions.Multiline), metrics);
        Assert.DoesNotContain("ประชุม", metrics); // counts and durations only, no subject
    }

    [Fact]
    public async Task each_request_carries_a_correlation_id_into_its_answer_and_the_log()
    {
        await using var server = await Server.StartAsync("--db", Saraban.TempDb(), "--log-requests");
        using var client = server.Anonymous();

        var given = new HttpRequestMessage(HttpMethod.Get, "/api/me") { Headers = { { "X-Correlation-Id", "case-42.a" } } };
        var answered = await client.SendAsync(given);
        Assert.Equal(HttpStatusCode.Unauthorized, answered.StatusCode);
        Assert.Equal("case-42.a", Assert.Single(answered.Headers.GetValues("X-Correlation-Id")));

        var insane = new HttpRequestMessage(HttpMethod.Get, "/api/me") { Headers = { { "X-Correlation-Id", "<script>alert(1)</script>" } } };
        var fresh = Assert.Single((await client.SendAsync(insane)).Headers.GetValues("X-Correlation-Id"));
        Assert.Matches("^[0-9a-f]{32}$", fresh);
        var unasked = Assert.Single((await client.GetAsync("/api/me")).Headers.GetValues("X-Correlation-Id"));
        Assert.NotEqual(fresh, unasked);

        var line = await Http.EventuallyAsync(() => Task.FromResult(server.Output.FirstOrDefault(l => l.Contains("case-42.a"))), l => l is not null);
        Assert.NotNull(line);
        Assert.Contains("GET /api/me answered 401", line);
        Assert.Contains(server.Output, l => l.Contains(fresh) && l.Contains("answered 401"));
        Assert.DoesNotContain(server.Output, l => l.Contains("<script>"));
    }
}
