using System.IO.Compression;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.EventStore.Sqlite;
using Saraban.Workflow.Tests.EventStore;
using Saraban.Workflow.Tests.Letters;
using Saraban.Workflow.Views;

namespace Saraban.Workflow.Tests.Upgrades;

/// <summary>
/// Databases made by earlier releases, kept as test data (<c>Upgrades/data</c>), open with this one:
/// the schema is migrated, every stored event reads as today's types (upcast where its shape changed),
/// the chain still holds, and the views are built from it. When an event's shape or the schema changes,
/// this is the test that says whether old data still opens; add a database of each release here.
/// </summary>
public sealed class when_opening_a_database_of_an_earlier_release
{
    /// <summary>`serve --demo story` of 2026-12-01 (main at 971a5d6): the demo chain part-way, with routing, minutes, actions and delegations.</summary>
    private const string Demo20261201 = "demo-2026-12-01.db.gz";

    private static async Task<string> Unpacked(string name)
    {
        var path = Path.Combine(global::Saraban.Tests.Shared.Scratch.Folder, Guid.NewGuid().ToString("N") + ".db");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var packed = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Upgrades", "data", name));
        await using var gz = new GZipStream(packed, CompressionMode.Decompress);
        await using var file = File.Create(path);
        await gz.CopyToAsync(file);
        return path;
    }

    [Fact]
    public async Task the_demo_database_of_2026_12_01_migrates_reads_verifies_and_builds_its_views()
    {
        var path = await Unpacked(Demo20261201);
        await using var store = new SqliteEventStore(path);
        await store.InitializeAsync();

        var report = await store.VerifyAsync();
        Assert.True(report.Holds, report.Problem);
        Assert.Equal(9_162, report.EventsChecked);

        var types = SarabanEvents.All();
        var events = await store.ReadAll();
        var unreadable = events.Select(e =>
        {
            try { types.Deserialize(e); return null; }
            catch (Exception ex) { return $"{e.Position} {e.Type}: {ex.Message}"; }
        }).Where(x => x is not null).ToList();
        Assert.Empty(unreadable);
        Assert.Contains(events, e => e.Type == "letter-dispatched");

        var directory = new DirectoryService(store, types);
        await directory.RefreshAsync();
        Assert.True(directory.Current.Count > 7_000);
        await using var views = await SarabanViews.OpenAsync(store, types, directory, Offices.Routings);
        await views.CatchUpAsync();
        var status = await views.Stored.StatusAsync();
        Assert.All(status, s => Assert.Equal(0, s.Lag));
        Assert.All(status, s => Assert.Equal(0, s.ErrorCount));
        var origins = await views.Registers.OriginsAsync(null, 10);
        Assert.Contains(origins, o => o.DocumentNumber?.StartsWith("ที่ นร ๐๑๐๗/ว", StringComparison.Ordinal) == true);
    }
}
