using System.Collections.Concurrent;
using System.Diagnostics;

namespace Saraban.Web.Benchmarks;

/// <summary>
/// One kind of page (<paramref name="Shows"/> its path's pattern), and the requests (path and the signed-in user's cookie) that stand for it;
/// with <paramref name="PostJson"/>, each is a POST of that JSON body (a write through the API).
/// </summary>
internal sealed record PageKind(string Name, string Shows, IReadOnlyList<(string Path, string Cookie)> Requests, string? PostJson = null);

internal sealed record PageStats(string Name, int Count, int Errors, int Timeouts, double P50Ms, double P99Ms, double MaxMs, string? FirstError);

internal sealed record LoadResult(IReadOnlyList<PageStats> Pages, PageStats All, double Seconds, double SentPerSecond, double AnsweredPerSecond, double MaxClientLagMs);

/// <summary>
/// Open-loop load: request i is due at i / rate seconds whatever became of the earlier ones (a slow
/// answer does not hold the next request back), and its latency counts from when it was due, so a
/// client that falls behind shows in the figures instead of hiding the server's queue. Requests go
/// round the kinds in turn, and round each kind's requests (users, letters) in turn.
/// </summary>
internal sealed class OpenLoopLoad(HttpClient http, IReadOnlyList<PageKind> kinds, int rate, TimeSpan timeout)
{
    private sealed record Sample(int Kind, double Ms, bool Ok, bool TimedOut, string? Error);

    public async Task<LoadResult> RunAsync(TimeSpan warmUp, TimeSpan measured, CancellationToken ct)
    {
        // The warm-up runs at the same rate; only what is due after it counts.
        long warm = (long)(warmUp.TotalSeconds * rate), total = warm + (long)(measured.TotalSeconds * rate);
        var samples = new ConcurrentQueue<Sample>();
        var inFlight = new List<Task>((int)Math.Min(total, 1_000_000));
        double maxLag = 0;
        var clock = Stopwatch.StartNew();
        for (long i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, ct);
            bool counts = i >= warm;
            if (counts) maxLag = Math.Max(maxLag, (clock.Elapsed - due).TotalMilliseconds);
            int k = (int)(i % kinds.Count);
            var requests = kinds[k].Requests;
            var (path, cookie) = requests[(int)(i / kinds.Count % requests.Count)];
            inFlight.Add(Task.Run(() => SendAsync(k, path, cookie, clock, due, counts ? samples : null, ct), CancellationToken.None));
        }
        await Task.WhenAll(inFlight);
        var seconds = clock.Elapsed.TotalSeconds - warmUp.TotalSeconds;

        var all = samples.ToList();
        var pages = kinds.Select((kind, k) => Stats(kind.Name, all.Where(s => s.Kind == k).ToList())).ToList();
        var overall = Stats("all", all);
        return new LoadResult(pages, overall, Math.Round(seconds, 2), Math.Round(all.Count / measured.TotalSeconds, 1),
            Math.Round(all.Count(s => s.Ok) / seconds, 1), Math.Round(maxLag, 1));
    }

    private async Task SendAsync(int kind, string path, string cookie, Stopwatch clock, TimeSpan due, ConcurrentQueue<Sample>? samples, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        bool ok = false, timedOut = false;
        string? error = null;
        try
        {
            var post = kinds[kind].PostJson;
            using var request = new HttpRequestMessage(post is null ? HttpMethod.Get : HttpMethod.Post, path);
            request.Headers.Add("Cookie", cookie);
            if (post is not null) request.Content = new StringContent(post, System.Text.Encoding.UTF8, "application/json");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, limit.Token);
            ok = response.IsSuccessStatusCode;
            if (!ok) error = $"HTTP {(int)response.StatusCode} on {path}";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            timedOut = true;
            error = $"no answer within {timeout.TotalSeconds:0} s on {path}";
        }
        catch (HttpRequestException ex)
        {
            error = $"{ex.Message} on {path}";
        }
        samples?.Enqueue(new Sample(kind, (clock.Elapsed - due).TotalMilliseconds, ok, timedOut, error));
    }

    private static PageStats Stats(string name, List<Sample> samples)
    {
        // Every request counts in the latencies, failed ones too: a timeout is a latency of at least the timeout.
        var ms = samples.Select(s => s.Ms).Order().ToArray();
        double At(double q) => ms.Length == 0 ? 0 : Math.Round(ms[(int)Math.Min(ms.Length - 1, q * ms.Length)], 1);
        return new PageStats(name, samples.Count, samples.Count(s => !s.Ok), samples.Count(s => s.TimedOut), At(0.50), At(0.99),
            ms.Length == 0 ? 0 : Math.Round(ms[^1], 1), samples.FirstOrDefault(s => s.Error is not null)?.Error);
    }
}
