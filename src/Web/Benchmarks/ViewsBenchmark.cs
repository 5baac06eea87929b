using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using Saraban.Web.Cli;
using Saraban.Workflow.EventStore;

namespace Saraban.Web.Benchmarks;

/// <summary>
/// What a user of serve meets on a big log, over HTTP, so it measures any implementation of the
/// views alike: the node's start (to /api/health, to the first page) and its pages at a fixed rate
/// while another process writes, with serve's working set.
/// </summary>
public static class ViewsBenchmark
{
    private const string Help =
        """
        Usage: ./saraban bench views --backend sqlite|postgres --events N [--db PATH | --postgres "CONN"] [options]

          --backend sqlite|postgres   which store (default sqlite)
          --events N                  the log's size (default 2000000). A log holding fewer events is
                                      filled first, in this process, by the national cascade run again
                                      and again (about 71,000 events a run); one holding more is used as it is
          --db PATH                   SQLite file (default data/bench-views-sqlite-N.db), kept for next time
          --postgres "CONN"           PostgreSQL database (or SARABAN_POSTGRES): give it a database of its own
          --rate R                    requests per second, open loop: a constant arrival rate (default 200)
          --seconds S                 measured load (default 30), after --warm-up W seconds at the rate (default 5)
          --timeout S                 a request not answered in S seconds is an error (default 10)
          --no-writer                 no cascade writing beside the load

        Starts `serve` on a free port as a child process and times its start until /api/health answers
        and until the first page does (uttaradit.clerk signs in, GET /). Then starts `cascade` on the
        same database, again and again until the load is over, and sends R requests a second, in turn:
        the inbox (/ and /api/inbox) and registers (/api/registers/incoming, …/outgoing) as
        uttaradit.clerk and muang.clerk, their letters (/api/letters/incoming/{stream} and
        /letters/in/{stream}), tracking (/api/tracking and /api/tracking/{origin}?office=prov-53) as
        uttaradit.tracker and odloc.tracker. Latency counts from when a request was due. serve's
        working set (VmRSS) is sampled every second. Each cascade run adds about 71,000 events to the log.
        The last line is JSON: backend, events, startToHealthMs, startToFirstPageMs, pages (count, errors,
        p50Ms, p99Ms, maxMs each), rssStartMb, rssPeakMb, rssEndMb, sentPerSecond, answeredPerSecond, writer.
        """;

    public static async Task<int> RunAsync(string[] argv)
    {
        var args = new Arguments(argv, "no-writer");
        if (args.Has("help")) return Verbs.Print(Help, 0);
        var backend = args.Get("backend") ?? "sqlite";
        var events = args.GetInt("events", 2_000_000, max: 1_000_000_000);
        var settings = new Settings(args.GetInt("rate", 200, max: 100_000), args.GetInt("seconds", 30, max: 86_400),
            args.GetInt("warm-up", 5, min: 0, max: 3_600), args.GetInt("timeout", 10, max: 3_600), !args.Has("no-writer"));
        var requested = StoreArguments.Read(args, backend);
        args.RejectUnknown();
        var options = requested.PostgresConnectionString is null
            ? new StoreOptions(Path.GetFullPath(requested.SqlitePath ?? Path.Combine("data", $"bench-views-sqlite-{events}.db")), null)
            : requested;
        if (options.SqlitePath is { } file) Directory.CreateDirectory(Path.GetDirectoryName(file)!);

        using var cancel = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; cancel.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; cancel.Cancel(); });
        await CascadeLog.EnsureAsync(options, events, Console.Error, cancel.Token);
        var home = Directory.CreateTempSubdirectory("saraban-bench-views-");
        try
        {
            return await MeasureAsync(options, backend, events, settings, home.FullName, cancel.Token);
        }
        catch (BenchmarkFailed ex)
        {
            Console.Error.WriteLine($"saraban bench views: {ex.Message}");
            return 1;
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    private sealed record Settings(int Rate, int Seconds, int WarmUp, int Timeout, bool Writer);

    internal sealed class BenchmarkFailed(string message) : Exception(message);

    private static async Task<int> MeasureAsync(StoreOptions options, string backend, long eventsAsked, Settings settings, string home, CancellationToken ct)
    {
        string[] storeArgs = options.SqlitePath is { } path ? ["--db", path] : ["--postgres", options.PostgresConnectionString!];
        var url = $"http://127.0.0.1:{FreePort()}";
        using var handler = new SocketsHttpHandler
        {
            UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = int.MaxValue, ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = Timeout.InfiniteTimeSpan };
        var loadBefore = LoadAverage();

        using var serve = ChildProcess.Start(["serve", "--urls", url, .. storeArgs], home);
        await using var rss = new ResidentSampler(serve);
        var client = new ServeClient(http, serve);
        var healthMs = await client.UntilHealthyAsync(TimeSpan.FromMinutes(10), ct);
        var clerk = await client.SignInAsync("uttaradit.clerk", ct);
        await client.GetAsync("/", clerk, TimeSpan.FromMinutes(30), ct);
        var firstPageMs = Stopwatch.GetElapsedTime(serve.StartedAt).TotalMilliseconds;
        var rssStart = rss.SampleNow(serve);
        Console.Error.WriteLine($"serve: /api/health after {healthMs:N0} ms, first page after {firstPageMs:N0} ms, working set {rssStart:N0} MB");
        var kinds = await PagesAsync(client, clerk, ct);
        var head = await client.HeadAsync(ct);

        await using var writer = settings.Writer ? new CascadeWriter(storeArgs, home) : null;
        if (writer is not null)
        {
            var waited = Stopwatch.StartNew();
            while (await client.HeadAsync(ct) <= head)
            {
                if (writer.Failed > 0) throw new BenchmarkFailed($"the cascade writing beside the load failed: {writer.LastFailure}");
                if (waited.Elapsed > TimeSpan.FromMinutes(3)) throw new BenchmarkFailed("the cascade started beside the load wrote nothing in 3 minutes");
                await Task.Delay(200, ct);
            }
            Console.Error.WriteLine($"writer: a cascade is writing to the same database (first event after {waited.Elapsed.TotalSeconds:0.0} s)");
        }
        Console.Error.WriteLine($"load: {settings.Rate} requests/s over {kinds.Count} kinds of page, {settings.WarmUp} s warm-up, then {settings.Seconds} s measured…");
        var headBefore = await client.HeadAsync(ct);
        var load = await new OpenLoopLoad(http, kinds, settings.Rate, TimeSpan.FromSeconds(settings.Timeout))
            .RunAsync(TimeSpan.FromSeconds(settings.WarmUp), TimeSpan.FromSeconds(settings.Seconds), ct);
        var rssEnd = rss.SampleNow(serve);
        var serveDied = serve.HasExited ? $"serve exited ({serve.ExitCode}) during the load: {serve.Tail()}" : null;
        var headAfter = serveDied is null ? await client.HeadAsync(ct) : headBefore;
        var loadAfter = LoadAverage();
        var writerDone = writer is null || await writer.FinishAsync(TimeSpan.FromMinutes(3));

        var written = headAfter - headBefore;
        var result = new
        {
            backend, events = head, eventsAsked, db = options.SqlitePath ?? "(postgres)", rate = settings.Rate, seconds = settings.Seconds,
            startToHealthMs = Math.Round(healthMs), startToFirstPageMs = Math.Round(firstPageMs),
            pages = load.Pages.ToDictionary(p => p.Name, Figures), all = Figures(load.All),
            sentPerSecond = load.SentPerSecond, answeredPerSecond = load.AnsweredPerSecond, maxClientLagMs = load.MaxClientLagMs,
            rssStartMb = rssStart, rssPeakMb = rss.Peak, rssEndMb = rssEnd,
            writer = writer is null ? null : new
            {
                cascadesFinished = writer.Runs, failed = writer.Failed, eventsWritten = written,
                eventsPerSecond = Math.Round(written / (load.Seconds + settings.WarmUp)), lastRunStopped = !writerDone,
            },
            loadAverage = new[] { loadBefore, loadAfter },
        };

        Console.WriteLine($"{backend}, {head:N0} events ({options.SqlitePath ?? "PostgreSQL"})");
        Console.WriteLine($"  serve start → /api/health   {healthMs,10:N0} ms");
        Console.WriteLine($"  serve start → first page    {firstPageMs,10:N0} ms   (uttaradit.clerk signs in, GET /)");
        Console.WriteLine($"  {settings.Rate} requests/s for {settings.Seconds} s{(writer is null ? "" : ", a cascade writing beside")}:");
        Console.WriteLine($"  {"page",-17}{"path",-40}{"count",7}{"errors",8}{"p50 ms",10}{"p99 ms",10}{"max ms",10}");
        foreach (var p in load.Pages.Append(load.All))
            Console.WriteLine($"  {p.Name,-17}{kinds.FirstOrDefault(k => k.Name == p.Name)?.Shows ?? "",-40}{p.Count,7:N0}{p.Errors,8:N0}{p.P50Ms,10:N1}{p.P99Ms,10:N1}{p.MaxMs,10:N1}");
        foreach (var p in load.Pages.Where(p => p.FirstError is not null))
            Console.WriteLine($"  {p.Name}: {p.Errors:N0} errors ({p.Timeouts:N0} timeouts), e.g. {p.FirstError}");
        Console.WriteLine($"  sent {load.SentPerSecond:N1}/s, answered 2xx {load.AnsweredPerSecond:N1}/s; the client fell behind its schedule by at most {load.MaxClientLagMs:N1} ms");
        Console.WriteLine($"  serve's working set: {rssStart:N0} MB after the first page, peak {rss.Peak:N0} MB, {rssEnd:N0} MB at the end");
        if (writer is not null)
            Console.WriteLine($"  writer: {written:N0} events during the load ({result.writer!.eventsPerSecond:N0}/s), {writer.Runs} cascades finished, {writer.Failed} failed" +
                              (writer.LastFailure is { } f ? $" (last: {f})" : "") + (writerDone ? "" : "; the last run was stopped"));
        Console.WriteLine($"  load average {loadBefore} before, {loadAfter} after ({Environment.ProcessorCount} cores)");
        if (serveDied is not null) Console.WriteLine($"  {serveDied}");
        Console.WriteLine(JsonSerializer.Serialize(result));
        return serveDied is null ? 0 : 1;
    }

    private static object Figures(PageStats p) => new { count = p.Count, errors = p.Errors, timeouts = p.Timeouts, p50Ms = p.P50Ms, p99Ms = p.P99Ms, maxMs = p.MaxMs };

    /// <summary>The pages of the mix, each with the users and letters it is asked for; the letters and circulars are found through the API.</summary>
    private static async Task<IReadOnlyList<PageKind>> PagesAsync(ServeClient client, string clerk, CancellationToken ct)
    {
        var muang = await client.SignInAsync("muang.clerk", ct);
        var tracker = await client.SignInAsync("uttaradit.tracker", ct);
        var national = await client.SignInAsync("odloc.tracker", ct);
        var letters = new List<(string Stream, string Cookie)>();
        foreach (var (who, cookie) in new[] { ("uttaradit.clerk", clerk), ("muang.clerk", muang) })
        {
            using var register = await client.GetJsonAsync("/api/registers/incoming", cookie, ct);
            var streams = register.RootElement.EnumerateArray().Select(e => e.GetProperty("streamId").GetString()!).Take(2).ToList();
            if (streams.Count == 0) throw new BenchmarkFailed($"{who}'s incoming register is empty: no letter to ask for");
            letters.AddRange(streams.Select(s => (s, cookie)));
        }
        var origins = new List<(string Origin, string Cookie)>();
        foreach (var (who, cookie) in new[] { ("uttaradit.tracker", tracker), ("odloc.tracker", national) })
        {
            using var list = await client.GetJsonAsync("/api/tracking", cookie, ct);
            var origin = list.RootElement.EnumerateArray().Select(e => e.GetProperty("letterId").GetString()).FirstOrDefault()
                         ?? throw new BenchmarkFailed($"{who} has no circular to track");
            origins.Add((origin, cookie));
        }
        string[] clerks = [clerk, muang], trackers = [tracker, national];
        return
        [
            new("inbox", "/", clerks.Select(c => ("/", c)).ToList()),
            new("inboxApi", "/api/inbox", clerks.Select(c => ("/api/inbox", c)).ToList()),
            new("registerIncoming", "/api/registers/incoming", clerks.Select(c => ("/api/registers/incoming", c)).ToList()),
            new("registerOutgoing", "/api/registers/outgoing", clerks.Select(c => ("/api/registers/outgoing", c)).ToList()),
            new("letterApi", "/api/letters/incoming/{stream}", letters.Select(l => ($"/api/letters/incoming/{Uri.EscapeDataString(l.Stream)}", l.Cookie)).ToList()),
            new("letterPage", "/letters/in/{stream}", letters.Select(l => ($"/letters/in/{Uri.EscapeDataString(l.Stream)}", l.Cookie)).ToList()),
            new("trackingList", "/api/tracking", trackers.Select(c => ("/api/tracking", c)).ToList()),
            new("trackingReport", "/api/tracking/{origin}?office=prov-53", origins.Select(o => ($"/api/tracking/{Uri.EscapeDataString(o.Origin)}?office=prov-53", o.Cookie)).ToList()),
        ];
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The one-minute load average, since this machine's other work moves every figure.</summary>
    private static double? LoadAverage() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var l) ? l : null;

    /// <summary>The requests the benchmark makes outside the load: health, sign-in, the first page, what to ask for.</summary>
    internal sealed class ServeClient(HttpClient http, ChildProcess serve)
    {
        public async Task<double> UntilHealthyAsync(TimeSpan patience, CancellationToken ct)
        {
            while (true)
            {
                Alive();
                try
                {
                    using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    attempt.CancelAfter(TimeSpan.FromSeconds(2));
                    using var response = await http.GetAsync("/api/health", attempt.Token);
                    if (response.IsSuccessStatusCode) return Stopwatch.GetElapsedTime(serve.StartedAt).TotalMilliseconds;
                }
                catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested)) { }
                if (Stopwatch.GetElapsedTime(serve.StartedAt) > patience) throw new BenchmarkFailed($"serve did not answer /api/health in {patience.TotalMinutes:0} minutes: {serve.Tail()}");
                await Task.Delay(20, ct);
            }
        }

        public async Task<long> HeadAsync(CancellationToken ct)
        {
            using var health = await GetJsonAsync("/api/health", null, ct);
            return health.RootElement.GetProperty("headPosition").GetInt64();
        }

        /// <summary>Signs in through the API; returns the cookie header to send.</summary>
        public async Task<string> SignInAsync(string user, CancellationToken ct)
        {
            Alive();
            using var response = await http.PostAsJsonAsync("/api/login", new { userId = user, password = Saraban.Workflow.Demo.DemoData.Password }, ct);
            if (!response.IsSuccessStatusCode)
                throw new BenchmarkFailed($"{user} could not sign in: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]).ToList() : [];
            return cookies.Count > 0 ? string.Join("; ", cookies) : throw new BenchmarkFailed($"signing {user} in set no cookie");
        }

        public async Task GetAsync(string path, string cookie, TimeSpan patience, CancellationToken ct)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(patience);
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", cookie);
            using var response = await WhileAlive(http.SendAsync(request, limit.Token), ct);
            if (!response.IsSuccessStatusCode) throw new BenchmarkFailed($"GET {path}: HTTP {(int)response.StatusCode}");
        }

        public async Task<JsonDocument> GetJsonAsync(string path, string? cookie, CancellationToken ct)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (cookie is not null) request.Headers.Add("Cookie", cookie);
            using var response = await WhileAlive(http.SendAsync(request, ct), ct);
            if (!response.IsSuccessStatusCode) throw new BenchmarkFailed($"GET {path}: HTTP {(int)response.StatusCode}");
            return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        }

        /// <summary>Waits for <paramref name="call"/>, unless serve exits first: then the error says why.</summary>
        private async Task<T> WhileAlive<T>(Task<T> call, CancellationToken ct)
        {
            var exited = serve.WaitForExitAsync(ct);
            if (await Task.WhenAny(call, exited) == call) return await call;
            Alive();
            return await call;
        }

        private void Alive()
        {
            if (serve.HasExited) throw new BenchmarkFailed($"serve exited ({serve.ExitCode}): {serve.Tail()}");
        }
    }
}
