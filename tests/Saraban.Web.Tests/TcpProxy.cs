using System.Net;
using System.Net.Sockets;

namespace Saraban.Web.Tests;

/// <summary>
/// A TCP relay between a node and its PostgreSQL, which a test can cut (every connection dropped, new
/// ones refused) and restore on the same port: a database outage for that node alone, without
/// restarting a server other tests on the machine are using.
/// </summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private TcpListener? _listener;
    private CancellationTokenSource _cut = new();

    public TcpProxy(IPEndPoint target, int port)
    {
        _target = target;
        Port = port;
    }

    public int Port { get; }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public void Start()
    {
        _cut = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        var listener = _listener;
        var cut = _cut.Token;
        _ = Task.Run(async () =>
        {
            while (!cut.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await listener.AcceptTcpClientAsync(cut); }
                catch (Exception) { return; }
                _ = RelayAsync(client, cut);
            }
        });
    }

    /// <summary>Every open connection is dropped and the port refuses new ones, until <see cref="Start"/>.</summary>
    public void Cut()
    {
        _cut.Cancel();
        _listener?.Stop();
        _listener = null;
    }

    private async Task RelayAsync(TcpClient client, CancellationToken cut)
    {
        using var _ = client;
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(_target, cut);
            await using var a = client.GetStream();
            await using var b = server.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, cut), b.CopyToAsync(a, cut));
        }
        catch (Exception) { } // cut, or one side closed
        finally
        {
            client.Client.LingerState = new LingerOption(true, 0); // a reset, as a dead server's connection
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}
