using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Saraban.Web.Tests;

public sealed class when_serving_the_demo
{
    [Fact]
    public async Task serve_loads_the_directory_prints_demo_accounts_and_answers()
    {
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "saraban.dll"), "serve", "--db", Saraban.TempDb(), "--urls", $"http://127.0.0.1:{port}" })
            psi.ArgumentList.Add(a);
        psi.Environment.Remove("SARABAN_POSTGRES");
        using var server = Process.Start(psi)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        server.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        server.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var health = await WaitForAsync(() => http.GetStringAsync("/api/health"));
            var home = await http.GetStringAsync("/");
            var missing = await http.GetAsync("/no-such-page");

            Assert.True(JsonDocument.Parse(health).RootElement.GetProperty("headPosition").GetInt64() > 8806);
            Assert.Contains("ระบบสารบรรณอิเล็กทรอนิกส์", home);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
            Assert.Contains(output, l => l.Contains("uttaradit.governor") && l.Contains("head"));
            Assert.Contains(output, l => l.Contains("password for all: saraban-demo"));

            var letter = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "02-province-forward.txt"));
            var read = await http.PostAsync("/api/intake", new StringContent(letter, System.Text.Encoding.UTF8, "text/plain"));
            var fields = JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement[0];
            Assert.Equal("ที่ ชม ๐๐๒๓.๓/ว ๘๘๗", fields.GetProperty("documentNumber").GetProperty("text").GetString());
            var notALetter = await http.PostAsync("/api/intake", new StringContent("สวัสดีครับ", System.Text.Encoding.UTF8, "text/plain"));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, notALetter.StatusCode);
            Assert.Equal("application/problem+json", notALetter.Content.Headers.ContentType?.MediaType);
            Assert.Contains("not an official letter", await notALetter.Content.ReadAsStringAsync());
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static async Task<string> WaitForAsync(Func<Task<string>> call)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try { return await call(); }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline) { await Task.Delay(200); }
        }
    }
}
