using System.Net;
using System.Net.Http.Json;
using Npgsql;

namespace Saraban.Web.Tests;

/// <summary>
/// PostgreSQL unreachable under a serving node (a relay between them cut, then restored on the same
/// port): requests meanwhile get a clean 503 and nothing half-written; afterwards the node recovers by
/// itself, with nothing lost.
/// </summary>
public sealed class when_the_database_goes_away_under_a_node
{
    [Fact]
    public async Task requests_get_a_clean_503_meanwhile_and_the_node_recovers_by_itself()
    {
        var schema = await Saraban.NewPostgresSchemaAsync();
        var direct = new NpgsqlConnectionStringBuilder(schema);
        await using var proxy = new TcpProxy(new IPEndPoint(IPAddress.Loopback, direct.Port), TcpProxy.FreePort());
        proxy.Start();
        var viaProxy = new NpgsqlConnectionStringBuilder(schema) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 3 }.ConnectionString;
        await using var server = await Server.StartAsync("--postgres", viaProxy);
        using var clerk = await server.SignInAsync("uttaradit.clerk");
        var before = await (await clerk.GetAsync("/api/registers/incoming")).JsonAsync();

        proxy.Cut();
        var during = await Http.EventuallyAsync(() => clerk.GetAsync("/api/registers/incoming"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable, seconds: 20);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal("application/problem+json", during.Content.Headers.ContentType?.MediaType);
        Assert.Contains("ฐานข้อมูลไม่พร้อมให้บริการชั่วคราว", await during.Content.ReadAsStringAsync());
        Assert.NotNull(during.Headers.RetryAfter);
        var ready = await server.Anonymous().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("unavailable", (await ready.JsonAsync(HttpStatusCode.ServiceUnavailable)).GetProperty("status").GetString());

        proxy.Start();
        var after = await Http.EventuallyAsync(() => clerk.GetAsync("/api/registers/incoming"), r => r.StatusCode == HttpStatusCode.OK, seconds: 30);
        Assert.Equal(before.ToString(), (await after.JsonAsync()).ToString()); // nothing lost
        Assert.Equal(HttpStatusCode.OK, (await Http.EventuallyAsync(() => server.Anonymous().GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK)).StatusCode);
        Assert.DoesNotContain(server.Output, l => l.Contains("Application is shutting down"));
    }
}
