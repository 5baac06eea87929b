using Saraban.Web.Serving;
using Saraban.Workflow.Files;

namespace Saraban.Web.Files;

/// <summary>
/// Clears abandoned drafts' files every six hours (<c>./saraban files clean</c> does it at once).
/// Several nodes may run it side by side: a draft is discarded at the version read, and deleting a
/// file twice deletes it once.
/// </summary>
internal sealed class FileSweepService(ReadyGate gate, FileSweep sweep, ILogger<FileSweepService> log)
    : Polling(gate, TimeSpan.FromHours(6), log)
{
    private bool _started;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        // Not in the node's first minutes: reading the whole log then would compete with its start.
        if (!_started)
        {
            _started = true;
            return;
        }
        var result = await sweep.RunAsync(ct);
        if (result.DraftsDiscarded + result.FilesDeleted > 0)
            log.LogInformation("File sweep: {Drafts} abandoned drafts discarded, {Deleted} files deleted, {Kept} kept", result.DraftsDiscarded, result.FilesDeleted, result.FilesKept);
    }
}
