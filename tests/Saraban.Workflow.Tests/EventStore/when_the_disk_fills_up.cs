using System.Diagnostics;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.EventStore.Sqlite;

namespace Saraban.Workflow.Tests.EventStore;

/// <summary>
/// The embedded store on a disk that fills up (a small tmpfs, mounted for the test; it needs root,
/// as `./saraban test` on CI has): a clear error, nothing half-written, and once space returns the
/// log goes on intact.
/// </summary>
public sealed class when_the_disk_fills_up
{
    [Fact]
    public async Task the_append_is_refused_clearly_and_the_log_is_intact_once_space_returns()
    {
        var mount = System.IO.Directory.CreateTempSubdirectory("saraban-full-").FullName;
        Run("mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", mount);
        try
        {
            var path = Path.Combine(mount, "saraban.db");
            await using var store = new SqliteEventStore(path);
            await store.InitializeAsync();
            var filler = Path.Combine(mount, "filler");
            await File.WriteAllBytesAsync(filler, new byte[4 * 1024 * 1024]);

            int stored = 0;
            EventStoreException? refused = null;
            var body = "\"" + new string('ก', 20_000) + "\""; // 60 KB of Thai
            for (int i = 0; i < 200 && refused is null; i++)
            {
                try
                {
                    await store.AppendAsync($"letter-{i}", ExpectedVersion.NoStream, [Events.New(data: body)]);
                    stored++;
                }
                catch (EventStoreException ex) { refused = ex; }
            }

            Assert.NotNull(refused);
            Assert.Contains("is full: nothing of this write was stored", refused.Message);
            Assert.InRange(stored, 1, 199);

            File.Delete(filler); // space returns
            await store.AppendAsync("after", ExpectedVersion.NoStream, [Events.New()]);
            var all = await store.ReadAll();
            Assert.Equal(stored + 1, all.Count);
            Assert.Equal(Enumerable.Range(0, stored).Select(i => $"letter-{i}").Append("after"), all.Select(e => e.StreamId));
            var report = await store.VerifyAsync();
            Assert.True(report.Holds, report.Problem);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Run("umount", "-l", mount);
        }
    }

    private static void Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{file} {string.Join(' ', args)}: {err} (the test mounts a small tmpfs and needs root)");
    }
}
