using System.Net;

namespace Saraban.Web.Tests;

/// <summary>
/// A node works on a bounded number of requests at once; the rest are turned away at once with
/// 503 and Retry-After (problem+json on the API, a Thai page on the pages), and health still answers.
/// </summary>
public sealed class when_a_node_has_more_requests_than_it_may_take
{
    [Fact]
    public async Task the_excess_is_refused_at_once_and_what_it_took_is_answered()
    {
        await using var server = await Server.StartAsync("--db", Saraban.TempDb(), "--max-concurrent", "1");
        using var clerk = await server.SignInAsync("uttaradit.clerk");

        var paths = Enumerable.Range(0, 120).Select(i => i % 2 == 0 ? "/api/registers/incoming" : "/").ToList();
        var answers = await Task.WhenAll(paths.Select(async p => (Path: p, Response: await clerk.GetAsync(p))));
        try
        {
            var refused = answers.Where(a => a.Response.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
            Assert.NotEmpty(refused);
            Assert.Contains(answers, a => a.Response.StatusCode == HttpStatusCode.OK);
            Assert.All(answers, a => Assert.True(a.Response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{a.Path}: {a.Response.StatusCode}"));
            foreach (var (path, response) in refused)
            {
                Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
                var body = await response.Content.ReadAsStringAsync();
                Assert.Contains("มีผู้ใช้งานระบบพร้อมกันมาก", body);
                Assert.Equal(path.StartsWith("/api") ? "application/problem+json" : "text/html", response.Content.Headers.ContentType?.MediaType);
            }
        }
        finally { foreach (var a in answers) a.Response.Dispose(); }

        // Once the burst is over, the node takes requests again, and health never waited.
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/")).StatusCode);
        using var anonymous = server.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
    }
}
