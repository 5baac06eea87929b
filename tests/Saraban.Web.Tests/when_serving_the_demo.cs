using System.Net;
using System.Text.Json;

namespace Saraban.Web.Tests;

public sealed class when_serving_the_demo
{
    [Fact]
    public async Task serve_loads_the_directory_prints_demo_accounts_and_answers()
    {
        await using var server = await Server.StartAsync();
        using var anonymous = server.Anonymous();
        var health = await anonymous.GetStringAsync("/api/health");
        var status = await anonymous.GetStringAsync("/status");
        var missing = await anonymous.GetAsync("/api/no-such-thing");
        var openApi = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");

        Assert.True(JsonDocument.Parse(health).RootElement.GetProperty("headPosition").GetInt64() > 8806);
        Assert.Contains("ระบบสารบรรณอิเล็กทรอนิกส์", status);
        Assert.True(openApi.TryGetProperty("/api/letters/outgoing/{id}/dispatch", out _));
        Assert.True(openApi.TryGetProperty("/api/tracking/{origin}", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Contains(server.Output, l => l.Contains("uttaradit.governor") && l.Contains("head"));
        Assert.Contains(server.Output, l => l.Contains("password for all: saraban-demo"));
    }

    [Fact]
    public async Task the_demo_circular_waits_in_every_province_once_however_often_serve_starts()
    {
        var db = Saraban.TempDb();
        await using (var first = await Server.StartAsync("--db", db)) { }
        await using var server = await Server.StartAsync("--db", db);
        using var clerk = await server.SignInAsync("uttaradit.clerk");
        // The inbox and the registers are two views, each at its own position: wait for both (the step and its letter).
        var inbox = await Http.EventuallyAsync(async () => await (await clerk.GetAsync("/api/inbox")).JsonAsync(),
            j => j.GetArrayLength() > 0 && j[0].GetProperty("letter").ValueKind == System.Text.Json.JsonValueKind.Object);
        var item = Assert.Single(inbox.EnumerateArray());
        Assert.Equal("ที่ นร ๐๑๐๗/ว ๑", item.GetProperty("letter").GetProperty("documentNumber").GetString());
        using var tracker = await server.SignInAsync("odloc.tracker");
        var reached = await Http.EventuallyAsync(async () => await (await tracker.GetAsync("/api/tracking")).JsonAsync(), j => j.GetArrayLength() > 0);
        Assert.Single(reached.EnumerateArray());
    }

    [Fact]
    public async Task intake_reads_a_pasted_letter_for_a_signed_in_clerk_only()
    {
        await using var server = await Server.StartAsync();
        var letter = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "02-province-forward.txt"));
        using var anonymous = server.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/intake", new StringContent(letter, System.Text.Encoding.UTF8, "text/plain"))).StatusCode);

        using var clerk = await server.SignInAsync("uttaradit.clerk");
        var read = await clerk.PostAsync("/api/intake", new StringContent(letter, System.Text.Encoding.UTF8, "text/plain"));
        var fields = (await read.JsonAsync())[0];
        Assert.Equal("ที่ ชม ๐๐๒๓.๓/ว ๘๘๗", fields.GetProperty("documentNumber").GetProperty("text").GetString());
        var notALetter = await clerk.PostAsync("/api/intake", new StringContent("สวัสดีครับ", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notALetter.StatusCode);
        Assert.Equal("application/problem+json", notALetter.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not an official letter", await notALetter.Content.ReadAsStringAsync());
    }
}
