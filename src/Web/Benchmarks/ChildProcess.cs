using System.Diagnostics;
using System.Globalization;

namespace Saraban.Web.Benchmarks;

/// <summary>
/// A verb of this same build (<c>dotnet saraban.dll VERB …</c>) run as a child process, with HOME in
/// a folder of the benchmark's own, its output kept (the last lines) to explain a failure.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private const int TailLines = 8;
    private readonly Process _process;
    private readonly Queue<string> _tail = new();

    /// <summary>When the process was started (a <see cref="Stopwatch"/> timestamp taken just before).</summary>
    public long StartedAt { get; }

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    private ChildProcess(Process process, long startedAt) => (_process, StartedAt) = (process, startedAt);

    /// <param name="onLine">Called with each line it prints (stdout and stderr), as it prints it.</param>
    public static ChildProcess Start(IEnumerable<string> args, string home, Action<string>? onLine = null)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Environment.CurrentDirectory,
        };
        psi.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["HOME"] = home;
        var process = new Process { StartInfo = psi };
        var startedAt = Stopwatch.GetTimestamp();
        process.Start();
        var child = new ChildProcess(process, startedAt);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data, onLine);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data, onLine);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    private void Keep(string? line, Action<string>? onLine)
    {
        if (string.IsNullOrWhiteSpace(line)) return;
        onLine?.Invoke(line);
        lock (_tail)
        {
            _tail.Enqueue(line.Trim());
            while (_tail.Count > TailLines) _tail.Dequeue();
        }
    }

    /// <summary>The last lines it printed, for a one-line error message.</summary>
    public string Tail(int lines = 2)
    {
        lock (_tail) return string.Join(" | ", _tail.TakeLast(lines));
    }

    public Task WaitForExitAsync(CancellationToken ct) => _process.WaitForExitAsync(ct);

    /// <summary>The resident set (VmRSS of /proc/PID/status) in MB; null when gone or not on Linux.</summary>
    public double? ResidentMb()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return Math.Round(long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0, 1);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException) { }
        return null;
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException) { } // never started or already reaped
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}

/// <summary>The serve process's working set, read every second from its start: the latest and the peak.</summary>
internal sealed class ResidentSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private double _latest, _peak;

    public ResidentSampler(ChildProcess process) => _loop = Task.Run(async () =>
    {
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do SampleNow(process);
            while (await tick.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException) { }
    });

    public double Latest { get { lock (_stop) return _latest; } }
    public double Peak { get { lock (_stop) return _peak; } }

    /// <summary>Takes one more sample now, so a figure read at a boundary is not a second old.</summary>
    public double SampleNow(ChildProcess process)
    {
        var mb = process.ResidentMb();
        lock (_stop)
        {
            if (mb is { } m) { _latest = m; _peak = Math.Max(_peak, m); }
            return _latest;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}

/// <summary>
/// Another process writing to the same database: <c>saraban cascade</c> run again and again until
/// stopped. Stopping lets the run in progress finish its writes (bounded), so the log keeps the
/// cascade's shape. A run is ended once it reports its last wave: what it would do after that is its
/// summary, a read of the whole log from position 0 that takes minutes on a big log and writes nothing
/// (see <see cref="CascadeLog.LastWaveLine"/>); the writer is to write, so the next run starts instead.
/// </summary>
internal sealed class CascadeWriter : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _runs, _failed;
    private string? _lastFailure;

    public int Runs => Volatile.Read(ref _runs);
    public int Failed => Volatile.Read(ref _failed);
    public string? LastFailure => Volatile.Read(ref _lastFailure);

    private ChildProcess? _current;

    public CascadeWriter(IReadOnlyList<string> storeArgs, string home) => _loop = Task.Run(async () =>
    {
        while (!_stop.IsCancellationRequested)
        {
            var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var run = ChildProcess.Start(["cascade", .. storeArgs], home,
                line => { if (line.EndsWith("] " + CascadeLog.LastWaveLine, StringComparison.Ordinal)) written.TrySetResult(); });
            Volatile.Write(ref _current, run);
            var exited = run.WaitForExitAsync(CancellationToken.None);
            if (await Task.WhenAny(exited, written.Task) == written.Task)
            {
                run.Kill();
                Interlocked.Increment(ref _runs);
            }
            else if (run.ExitCode == 0) Interlocked.Increment(ref _runs);
            else if (!_stop.IsCancellationRequested) // a run killed on the way out did not fail
            {
                Interlocked.Increment(ref _failed);
                Volatile.Write(ref _lastFailure, $"exit {run.ExitCode}: {run.Tail()}");
                await Task.Delay(1000, CancellationToken.None);
            }
        }
    });

    /// <summary>Starts no further run and waits for the one in progress; kills it after <paramref name="patience"/>.</summary>
    public async Task<bool> FinishAsync(TimeSpan patience)
    {
        await _stop.CancelAsync();
        if (await Task.WhenAny(_loop, Task.Delay(patience)) == _loop) return true;
        Volatile.Read(ref _current)?.Kill();
        await _loop;
        return false;
    }

    /// <summary>On the way out (an error, Ctrl+C): stops at once.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Volatile.Read(ref _current)?.Kill();
        await _loop;
        _stop.Dispose();
    }
}
