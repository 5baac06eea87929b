using System.Diagnostics;
using System.Text.Json;
using Saraban.Web.Cli;
using Saraban.Workflow.EventStore;
using static Saraban.Web.Benchmarks.ViewsBenchmark;

namespace Saraban.Web.Benchmarks;

/// <summary>
/// A soak: two serve nodes on one PostgreSQL database, open-loop mixed reads and writes at a fixed
/// rate for minutes, half to each node. Counts every failed answer (a 5xx is a failure of ours) and
/// samples each node's working set along the way, so memory growth shows as a curve, not a peak.
/// </summary>
public static class SoakBenchmark
{
    private const string Help =
        """
        Usage: ./saraban bench soak [--postgres "CONN"] [--rate N] [--minutes N] [--writes PERCENT] [--keep]

        Starts two `serve` nodes on a new schema of the PostgreSQL database (SARABAN_POSTGRES when
        --postgres is not given) with the demo story, then sends N requests a second (default 200)
        for the given minutes (default 10), alternating between the nodes: the inbox page, the
        incoming register, the tracking of the demo circular, /api/me, and drafts of new letters
        (PERCENT of all requests, default 10). Prints the failures (by status), p50/p99 per kind,
        and each node's working set every 30 s.
          --keep     keep the schema afterwards (its name is printed)
        """;

    public static async Task<int> RunAsync(string[] argv)
    {
        var args = new Arguments(argv, "keep");
        if (args.Has("help")) return Verbs.Print(Help, 0);
        var cs = args.Get("postgres") ?? Environment.GetEnvironmentVariable("SARABAN_POSTGRES")
            ?? throw new UsageException("a soak runs two nodes on PostgreSQL: give --postgres CONN or set SARABAN_POSTGRES");
        var rate = args.GetInt("rate", 200, max: 5000);
        var minutes = args.GetInt("minutes", 10, max: 24 * 60);
        var writes = args.GetInt("writes", 10, min: 0, max: 100);
        var keep = args.Has("keep");
        args.RejectUnknown();

        await using var fresh = await FreshDatabase.CreateAsync(new StoreOptions(null, cs), keep);
        var home = System.IO.Directory.CreateTempSubdirectory("saraban-soak-").FullName;
        string[] store = ["--postgres", fresh.Options.PostgresConnectionString!];
        using var ct = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; ct.Cancel(); };

        var nodes = new List<(ChildProcess Process, HttpClient Http, ServeClient Client, string Url)>();
        try
        {
            foreach (var name in new[] { "a", "b" }) // one after the other: the first makes the demo data
            {
                var url = $"http://127.0.0.1:{FreePort()}";
                int errors = 0;
                // A node's failures say why requests failed: its first errors are shown as they come.
                var process = ChildProcess.Start(["serve", "--urls", url, "--demo", "story", .. store], home, line =>
                {
                    if ((line.Contains(" ERR ") || line.Contains(" FTL ") || line.Contains("Exception: ")) && Interlocked.Increment(ref errors) <= 12)
                        Console.Error.WriteLine($"node {name}: {line}");
                });
                var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = new Uri(url), Timeout = Timeout.InfiniteTimeSpan };
                var client = new ServeClient(http, process);
                await client.UntilHealthyAsync(TimeSpan.FromMinutes(5), ct.Token);
                nodes.Add((process, http, client, url));
                Console.Error.WriteLine($"node {name}: {url}, pid {process.Id}");
            }

            var kinds = new List<PageKind>();
            var reader = new List<(string, string)>();
            var writer = new List<(string, string)>();
            var tracker = new List<(string, string)>();
            var origin = "";
            foreach (var n in nodes)
            {
                var clerk = await n.Client.SignInAsync("uttaradit.clerk", ct.Token);
                var pmo = await n.Client.SignInAsync("pmo.clerk", ct.Token);
                var national = await n.Client.SignInAsync("odloc.tracker", ct.Token);
                using var origins = await n.Client.GetJsonAsync("/api/tracking", national, ct.Token);
                origin = origins.RootElement.EnumerateArray().First().GetProperty("letterId").GetString()!;
                reader.Add((n.Url, clerk));
                writer.Add((n.Url, pmo));
                tracker.Add((n.Url, national));
            }
            PageKind Reads(string name, string path, List<(string Url, string Cookie)> who) => new(name, path, who.Select(w => (w.Url + path, w.Cookie)).ToList());
            kinds.Add(Reads("inbox", "/", reader));
            kinds.Add(Reads("register", "/api/registers/incoming", reader));
            kinds.Add(Reads("tracking", $"/api/tracking/{origin}", tracker));
            kinds.Add(Reads("me", "/api/me", reader));
            // Drafts are writes: appended, applied to the views; one kind in (100 / writes) of the requests.
            var draft = JsonSerializer.Serialize(new
            {
                kind = "Circular", urgency = "None", subject = "ทดสอบระบบต่อเนื่อง (soak)", addresseeLine = "ผู้ว่าราชการจังหวัดอุตรดิตถ์",
                body = new[] { "ด้วย …", "จึงเรียนมาเพื่อโปรดทราบ" }, to = new[] { "prov-53" },
            });
            var mix = new List<PageKind>();
            int slots = writes == 0 ? kinds.Count : Math.Max(kinds.Count + 1, 100 / Math.Max(writes, 1));
            for (int i = 0; i < slots; i++)
                mix.Add(writes > 0 && i == 0 ? new PageKind("draft", "POST /api/letters/outgoing", writer.Select(w => (w.Item1 + "/api/letters/outgoing", w.Item2)).ToList(), draft) : kinds[i % kinds.Count]);

            var curve = new List<string>();
            var clock = Stopwatch.StartNew();
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    curve.Add($"{clock.Elapsed.TotalMinutes,5:0.0} min  " + string.Join("  ", nodes.Select((n, i) => $"node {(char)('a' + i)} {n.Process.ResidentMb() ?? 0,6:0} MB")));
                    try { await Task.Delay(TimeSpan.FromSeconds(30), sampling.Token); } catch (OperationCanceledException) { }
                }
            });
            Console.Error.WriteLine($"soak: {rate} requests/s for {minutes} min, {writes}% drafts, over 2 nodes…");
            var load = await new OpenLoopLoad(nodes[0].Http, mix, rate, TimeSpan.FromSeconds(10)).RunAsync(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(minutes), ct.Token);
            sampling.Cancel();
            await sampler;
            curve.Add($"{clock.Elapsed.TotalMinutes,5:0.0} min  " + string.Join("  ", nodes.Select((n, i) => $"node {(char)('a' + i)} {n.Process.ResidentMb() ?? 0,6:0} MB")));

            Console.WriteLine($"PostgreSQL, 2 nodes: {load.All.Count:N0} requests in {load.Seconds:0} s ({load.AnsweredPerSecond:0.0}/s answered), failed {load.All.Errors}, timed out {load.All.Timeouts}");
            // A kind that appears in several slots of the mix is summed; its percentiles are the worst slot's.
            var pages = load.Pages.GroupBy(p => p.Name).Select(g => new PageStats(g.Key, g.Sum(p => p.Count), g.Sum(p => p.Errors), g.Sum(p => p.Timeouts),
                g.Max(p => p.P50Ms), g.Max(p => p.P99Ms), g.Max(p => p.MaxMs), g.Select(p => p.FirstError).FirstOrDefault(e => e is not null))).ToList();
            foreach (var p in pages)
                Console.WriteLine($"  {p.Name,-10} p50 {p.P50Ms,7:0.0} ms  p99 {p.P99Ms,7:0.0} ms  max {p.MaxMs,8:0.0} ms  failed {p.Errors}{(p.FirstError is { } e ? "  first: " + e : "")}");
            Console.WriteLine("working set:");
            foreach (var line in curve) Console.WriteLine("  " + line);
            foreach (var (n, i) in nodes.Select((n, i) => (n, i)))
                if (n.Process.HasExited) Console.WriteLine($"node {(char)('a' + i)} exited ({n.Process.ExitCode}): {n.Process.Tail()}");
            Console.WriteLine(JsonSerializer.Serialize(new { rate, minutes, writes, requests = load.All.Count, failed = load.All.Errors, timedOut = load.All.Timeouts, p99 = load.All.P99Ms, pages, curve }));
            return load.All.Errors == 0 && nodes.All(n => !n.Process.HasExited) ? 0 : 1;
        }
        catch (BenchmarkFailed ex)
        {
            Console.Error.WriteLine($"saraban bench soak: {ex.Message}");
            return 1;
        }
        finally
        {
            foreach (var n in nodes) { n.Process.Kill(); n.Process.Dispose(); n.Http.Dispose(); }
        }
    }
}
