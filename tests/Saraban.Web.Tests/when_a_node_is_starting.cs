using Saraban.Web.Serving;

namespace Saraban.Web.Tests;

/// <summary>serve listens while it reads the directory, the users and the views; what arrives meanwhile waits at the gate.</summary>
public sealed class when_a_node_is_starting
{
    [Fact]
    public async Task work_waits_at_the_gate_until_the_node_is_ready()
    {
        var gate = new ReadyGate();
        var waiting = gate.WaitAsync(CancellationToken.None);
        await Task.Delay(50);

        Assert.False(waiting.IsCompleted);
        Assert.False(gate.IsOpen);
        Assert.Throws<InvalidOperationException>(() => gate.Current);

        gate.Open(null!);

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(gate.IsOpen);
        Assert.True(await gate.WaitAsync(CancellationToken.None));
    }

    [Fact]
    public async Task when_reading_fails_the_work_that_waited_is_told_so_and_does_not_run()
    {
        var gate = new ReadyGate();
        var waiting = gate.WaitAsync(CancellationToken.None);

        gate.Fail(new InvalidOperationException("the database is gone"));

        Assert.False(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.False(gate.IsOpen);
        await Assert.ThrowsAsync<InvalidOperationException>(() => gate.Services);
    }

    [Fact]
    public async Task a_node_started_on_a_database_it_has_read_before_starts_from_the_snapshots()
    {
        var db = Saraban.TempDb();
        await using (var first = await Server.StartAsync("--db", db))
        {
            // The snapshots are stored a few seconds after the node is ready.
            await Http.EventuallyAsync(() => Task.FromResult(first.Output.Count(l => l.Contains("Snapshot of the"))), n => n >= 2);
        }
        await using var server = await Server.StartAsync("--db", db);
        using var clerk = await server.SignInAsync("uttaradit.clerk");
        var me = await (await clerk.GetAsync("/api/me")).JsonAsync();

        Assert.Contains(server.Output, l => l.Contains("Ready") && l.Contains("8806 offices") && !l.Contains("snapshots at 0 "));
        Assert.Equal("prov-53", me.GetProperty("organizationId").GetString());
    }
}
