using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Saraban.Web.Tests;

/// <summary>A real `saraban serve` process on a free port, and clients signed in to it as demo users.</summary>
internal sealed class Server : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private Server(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }
    public IReadOnlyCollection<string> Output => _output;

    /// <param name="store">Where the data is: <c>--db PATH</c> or <c>--postgres CONN</c>; a fresh SQLite file when empty.</param>
    /// <remarks>Tests start from the PM Office's circular alone (<c>--demo circular</c>), unless they ask for the story.</remarks>
    public static Task<Server> StartAsync(params string[] store) => StartAsync(story: false, store);

    public static async Task<Server> StartAsync(bool story, params string[] store)
    {
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "saraban.dll"), "serve", "--urls", $"http://127.0.0.1:{port}", "--demo", story ? "story" : "circular" }
                     .Concat(store.Length > 0 ? store : ["--db", Saraban.TempDb()]))
            psi.ArgumentList.Add(a);
        psi.Environment.Remove("SARABAN_POSTGRES");
        // A home of its own, as a node on another machine would have: nothing is shared through ~/.aspnet.
        psi.Environment["HOME"] = Directory.CreateTempSubdirectory("saraban-node-").FullName;
        var server = new Server(Process.Start(psi)!, new Uri($"http://127.0.0.1:{port}"));
        server._process.OutputDataReceived += (_, e) => { if (e.Data is not null) server._output.Enqueue(e.Data); };
        server._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) server._output.Enqueue(e.Data); };
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        using var probe = server.Anonymous();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                await probe.GetStringAsync("/api/health");
                return server;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !server._process.HasExited)
            {
                await Task.Delay(200);
            }
            catch (HttpRequestException)
            {
                throw new InvalidOperationException("the server did not start:\n" + string.Join('\n', server._output));
            }
        }
    }

    public HttpClient Anonymous(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = Address };

    /// <summary>A client signed in through the API as <paramref name="userId"/> (demo password).</summary>
    public async Task<HttpClient> SignInAsync(string userId, CookieContainer? cookies = null)
    {
        var client = Anonymous(cookies);
        var response = await client.PostAsJsonAsync("/api/login", new { userId, password = "saraban-demo" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    private bool _stopped;

    /// <summary>SIGKILL, as a crash; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped) return;
        _stopped = true;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

internal static class Http
{
    /// <summary>Polls until <paramref name="ready"/> holds: delivery runs in the background, a moment after dispatch.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> ready, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (ready(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(100);
        }
    }

    public static async Task<System.Text.Json.JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement;
    }
}
