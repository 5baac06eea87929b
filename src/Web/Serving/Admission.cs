using System.Threading.RateLimiting;

namespace Saraban.Web.Serving;

/// <summary>
/// How many requests a node works on at once. Past that, a request waits its turn a short while,
/// newest first, and is then answered 503 with Retry-After at once, before it has cost the database
/// anything. Without the bound, a node offered more than it could answer (200 requests a second,
/// a cascade writing beside, on two cores) took every request in: they shared the CPU and the
/// connection pool until nearly all waited out their clients, and 11 of 200 a second were answered.
/// </summary>
internal sealed class Admission(int concurrent, TimeSpan wait) : IAsyncDisposable
{
    public const int DefaultConcurrent = 32;
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(2);

    // Newest first: under a burst the requests that just came are answered while their users
    // still wait, and the queue's oldest are the ones turned away when it is full.
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = concurrent, QueueLimit = concurrent * 8, QueueProcessingOrder = QueueProcessingOrder.NewestFirst,
    });

    public void Use(WebApplication app) => app.Use(async (http, next) =>
    {
        // Health and metrics answer however busy the node is: they say how busy it is.
        if (Operations.Health.AnswersWhileStarting(http.Request.Path)) { await next(http); return; }
        using var lease = await AcquireAsync(http.RequestAborted);
        if (!lease.IsAcquired) throw new NodeBusyException();
        await next(http);
    });

    private async ValueTask<RateLimitLease> AcquireAsync(CancellationToken aborted)
    {
        var now = _limiter.AttemptAcquire();
        if (now.IsAcquired) return now;
        now.Dispose();
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        patience.CancelAfter(wait);
        try { return await _limiter.AcquireAsync(1, patience.Token); }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested) { return Refused.Instance; }
    }

    public ValueTask DisposeAsync() => _limiter.DisposeAsync();

    private sealed class Refused : RateLimitLease
    {
        public static readonly Refused Instance = new();
        public override bool IsAcquired => false;
        public override IEnumerable<string> MetadataNames => [];
        public override bool TryGetMetadata(string metadataName, out object? metadata) { metadata = null; return false; }
    }
}

/// <summary>The node has as many requests in hand as it may: this one was not begun, nothing of it is stored.</summary>
internal sealed class NodeBusyException() : Exception("the node is busy: try again shortly");
