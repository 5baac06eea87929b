using Saraban.Workflow.EventStore;
using Saraban.Workflow.EventStore.Sqlite;

namespace Saraban.Workflow.Tests.EventStore;

/// <summary>
/// The SQLite store copies its WAL into the database file from a thread of its own while appends go
/// on. Whenever that copy runs, and however far it got when the store closed, every event stays.
/// </summary>
public sealed class when_sqlite_copies_its_wal_in_the_background
{
    [Fact]
    public async Task appends_and_reads_go_on_and_everything_is_there_after_reopening()
    {
        var path = Path.Combine(global::Saraban.Tests.Shared.Scratch.Folder, Guid.NewGuid().ToString("N") + ".db");
        await using (var store = new SqliteEventStore(path))
        {
            await store.InitializeAsync();
            // Each append is past the checkpointer's threshold, so it is woken after every one.
            for (int i = 0; i < 6; i++)
            {
                await store.AppendAsync($"s{i % 3}", ExpectedVersion.Any, Events.Many(SqliteCheckpointer.EventsPerCheckpoint + 10));
                Assert.Equal((i + 1) * (SqliteCheckpointer.EventsPerCheckpoint + 10), (await store.ReadAll()).Count);
            }
        }

        await using var reopened = new SqliteEventStore(path);
        await reopened.InitializeAsync();
        var report = await reopened.VerifyAsync();
        Assert.True(report.Holds, report.Problem);
        Assert.Equal(6 * (SqliteCheckpointer.EventsPerCheckpoint + 10), report.EventsChecked);
        Assert.Equal(2 * (SqliteCheckpointer.EventsPerCheckpoint + 10), (await reopened.ReadStreamAsync("s1")).Count);
    }
}
