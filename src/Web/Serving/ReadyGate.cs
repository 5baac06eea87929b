namespace Saraban.Web.Serving;

/// <summary>
/// What a node reads before it may answer: the directory, the users and delegations, the demo
/// data, the stored views. serve listens at once and reads these meanwhile (beside the web host's
/// own start), and every request waits here until they are whole, so none ever sees a half-read
/// directory or a user missing. Background work (delivery, the views' daemon, reminders) waits too.
/// </summary>
internal sealed class ReadyGate
{
    private readonly TaskCompletionSource<Services> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the node's services once everything is read; faults when reading failed (the node then stops).</summary>
    public Task<Services> Services => _ready.Task;

    public bool IsOpen => _ready.Task.IsCompletedSuccessfully;

    public void Open(Services services) => _ready.TrySetResult(services);

    public void Fail(Exception error) => _ready.TrySetException(error);

    /// <summary>Waits until the node is ready: true then, false when starting failed (the node is stopping).</summary>
    public async Task<bool> WaitAsync(CancellationToken ct)
    {
        await Task.Yield(); // a hosted service's start returns here, not after its first round
        try
        {
            await _ready.Task.WaitAsync(ct);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException) { return false; }
    }

    /// <summary>The node's services, for code that runs only behind the gate (requests, and work started after it).</summary>
    public Services Current => IsOpen ? _ready.Task.Result : throw new InvalidOperationException("the node has not finished starting");

    /// <summary>Holds each request until the node is ready; first in the pipeline, after error handling.</summary>
    public static void Use(WebApplication app)
    {
        var gate = app.Services.GetRequiredService<ReadyGate>();
        app.Use(async (http, next) =>
        {
            if (!gate.IsOpen && !Operations.Health.AnswersWhileStarting(http.Request.Path)) await gate.Services.WaitAsync(http.RequestAborted);
            await next(http);
        });
    }
}
