using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Saraban.Web.Tests;

/// <summary>
/// Debian's headless Chromium, driven over the DevTools protocol: open a page, run script in it,
/// wait for what a user would wait for. No browser is downloaded; without Chromium the test fails.
/// </summary>
internal sealed partial class Browser : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ClientWebSocket _socket = new();
    private readonly string _profile;
    private int _id;

    private Browser(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    public static async Task<Browser> StartAsync()
    {
        var profile = Directory.CreateTempSubdirectory("saraban-chromium-").FullName;
        var psi = new ProcessStartInfo("chromium") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "--headless=new", "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu",
                     "--no-first-run", "--remote-debugging-port=0", $"--user-data-dir={profile}", "about:blank" })
            psi.ArgumentList.Add(a);
        var browser = new Browser(Process.Start(psi) ?? throw new InvalidOperationException("chromium did not start (apt-get install chromium)"), profile);
        string? line;
        while ((line = await browser._process.StandardError.ReadLineAsync()) is not null && !line.Contains("DevTools listening on")) { }
        var port = DevToolsPort().Match(line ?? throw new InvalidOperationException("chromium exited before it listened")).Groups[1].Value;
        _ = browser._process.StandardError.ReadToEndAsync();
        using var http = new HttpClient();
        var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"))!.AsArray();
        var page = targets.First(t => (string?)t!["type"] == "page")!;
        await browser._socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), CancellationToken.None);
        return browser;
    }

    public async Task GoAsync(string url)
    {
        // Page.navigate answers once the new document is committed; a redirect may take it elsewhere.
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url });
        await WaitAsync("location.href !== 'about:blank' && document.readyState === 'complete'");
    }

    /// <summary>Runs script in the page and returns its value as JSON.</summary>
    public async Task<JsonNode?> EvalAsync(string script)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = script, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result["exceptionDetails"] is { } error) throw new InvalidOperationException($"script failed: {error.ToJsonString()}");
        return result["result"]?["value"];
    }

    public async Task<string> TextAsync() => (string)(await EvalAsync("document.body.innerText"))!;

    /// <summary>Waits until <paramref name="condition"/> (script) is true in the page, as a user waits for a page to load.</summary>
    public async Task WaitAsync(string condition, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            try
            {
                if ((await EvalAsync($"!!({condition})"))?.GetValue<bool>() == true) return;
            }
            catch (InvalidOperationException) when (DateTime.UtcNow < deadline) { } // mid-navigation
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"waited {seconds} s for `{condition}`; the page says: {await TextAsync()}");
            await Task.Delay(100);
        }
    }

    private async Task<JsonNode> SendAsync(string method, JsonObject parameters)
    {
        var id = ++_id;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters }.ToJsonString();
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[1 << 16];
        while (true)
        {
            using var received = new MemoryStream();
            WebSocketReceiveResult r;
            do
            {
                r = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                received.Write(buffer, 0, r.Count);
            } while (!r.EndOfMessage);
            var reply = JsonNode.Parse(received.ToArray())!;
            if ((int?)reply["id"] != id) continue; // an event, or a late answer
            if (reply["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
            return reply["result"]!;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { }
    }

    [GeneratedRegex(@"ws://[^:]+:(\d+)/")]
    private static partial Regex DevToolsPort();
}
