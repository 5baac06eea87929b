using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Saraban.Workflow.Tests.Actions;

/// <summary>
/// A real SMTP server for the tests: Debian's python3-aiosmtpd, each message it receives written to
/// a Maildir. No server (the package missing) fails the test: `./saraban test` installs it.
/// </summary>
internal sealed class SmtpSink : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SmtpSink(Process process, int port, string folder)
    {
        _process = process;
        Port = port;
        Folder = folder;
    }

    public int Port { get; }
    public string Folder { get; }

    public static async Task<SmtpSink> StartAsync(int? port = null)
    {
        // Debian's interpreter, where python3-aiosmtpd installs; another python3 first on PATH (pyenv) would not have it.
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var at = port ?? FreePort();
        var folder = System.IO.Directory.CreateTempSubdirectory("saraban-smtp-").FullName;
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{at}", "-c", "aiosmtpd.handlers.Mailbox", Path.Combine(folder, "maildir") })
            psi.ArgumentList.Add(a);
        var sink = new SmtpSink(Process.Start(psi)!, at, folder);
        sink._process.OutputDataReceived += (_, e) => { if (e.Data is not null) sink._output.Enqueue(e.Data); };
        sink._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) sink._output.Enqueue(e.Data); };
        sink._process.BeginOutputReadLine();
        sink._process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, at);
                return sink;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !sink._process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException($"the SMTP server ({python} -m aiosmtpd, Debian's python3-aiosmtpd) did not start:\n" + string.Join('\n', sink._output));
            }
        }
    }

    /// <summary>Every message received so far.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(Folder, "maildir", "new");
        return !System.IO.Directory.Exists(folder) ? [] : System.IO.Directory.GetFiles(folder).Select(f => MimeMessage.Load(f)).ToList();
    }

    /// <summary>Waits until at least <paramref name="count"/> messages are there, then a moment longer for any extra one.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (Messages().Count < count && DateTime.UtcNow < deadline) await Task.Delay(100);
        await Task.Delay(500);
        return Messages();
    }

    public async ValueTask DisposeAsync()
    {
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
