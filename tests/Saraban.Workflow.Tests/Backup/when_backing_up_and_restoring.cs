using System.IO.Compression;
using Microsoft.Data.Sqlite;
using Saraban.Workflow.Backup;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Files;
using Saraban.Workflow.Tests.EventStore;
using Saraban.Workflow.Tests.Letters;
using Saraban.Workflow.Views;

namespace Saraban.Workflow.Tests.Backup;

public abstract class when_backing_up_and_restoring(Backend source)
{
    private static string NewSqlitePath() => Path.Combine(global::Saraban.Tests.Shared.Scratch.Folder, Guid.NewGuid().ToString("N") + ".db");

    private static async Task<StoreOptions> NewTarget(bool postgres) =>
        postgres ? new StoreOptions(null, await PostgresBackend.NewSchemaAsync()) : new StoreOptions(NewSqlitePath(), null);

    /// <summary>A circular sent to two provinces and forwarded by one, a file stored, and a backup of it all.</summary>
    private static async Task<(Offices Offices, string Backup, string FileSha)> BackedUp(Backend source)
    {
        var offices = await Offices.OpenAsync(source);
        var sent = await offices.SendAsync("pmo.clerk", "pmo.head", "pmo-ops", ["prov-53", "prov-20"]);
        var incoming = (await offices.ViewsAsync()).Registers;
        var received = (await incoming.IncomingAsync("prov-53")).Single();
        await offices.ForwardAsync(received.StreamId, "uttaradit.clerk", "uttaradit.governor", "uttaradit.governor", ["dist-5301"]);
        var bytes = "%PDF-1.4 สิ่งที่ส่งมาด้วย"u8.ToArray();
        var sha = FileStores.Hex(System.Security.Cryptography.SHA256.HashData(bytes));
        var scratch = Path.Combine(global::Saraban.Tests.Shared.Scratch.Folder, Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(scratch)!);
        await File.WriteAllBytesAsync(scratch, bytes);
        await FileStores.For(offices.Store).PutAsync(sha, scratch);
        var backup = NewSqlitePath() + ".zip";
        await using (var file = File.Create(backup)) await BackupWriter.WriteAsync(offices.Store, file);
        Assert.NotNull(sent);
        return (offices, backup, sha);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task the_restored_log_files_and_views_equal_the_original_and_it_takes_new_appends(bool intoPostgres)
    {
        var (offices, backup, sha) = await BackedUp(source);
        await using var _ = offices;
        var target = await NewTarget(intoPostgres);

        var manifest = await BackupRestore.RestoreAsync(backup, target);

        await using var restored = target.CreateEventStore();
        await restored.InitializeAsync();
        var original = await offices.Store.ReadAll();
        Assert.Equal(original.Count, manifest.Events);
        Assert.Equal(original, await restored.ReadAll());
        Assert.True((await restored.VerifyAsync()).Holds);
        await using (var content = await FileStores.For(restored).OpenAsync(sha))
        {
            Assert.NotNull(content);
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy);
            Assert.Equal(sha, FileStores.Hex(System.Security.Cryptography.SHA256.HashData(copy.ToArray())));
        }
        var storage = StoreOptions.ProjectionStorageFor(restored);
        Assert.Equal(await StoreOptions.ProjectionStorageFor(offices.Store).CheckpointAsync(Saraban.Workflow.Letters.Delivery.Name, default), await storage.CheckpointAsync(Saraban.Workflow.Letters.Delivery.Name, default));

        // The views, rebuilt from the restored log, read as the original's.
        var directory = new DirectoryService(restored, offices.Types);
        await directory.RefreshAsync();
        await using var views = await SarabanViews.OpenAsync(restored, offices.Types, directory, Offices.Routings);
        await views.CatchUpAsync();
        var before = (await offices.ViewsAsync()).Registers;
        foreach (var office in new[] { "prov-53", "prov-20", "dist-5301" })
            Assert.Equal(await before.IncomingAsync(office), await views.Registers.IncomingAsync(office));
        Assert.Equal(await before.OutgoingAsync("pmo-ops"), await views.Registers.OutgoingAsync("pmo-ops"));

        // The restored log goes on: a new append follows it in the chain.
        await restored.AppendAsync("restore-test-1", ExpectedVersion.NoStream, [Events.New()]);
        Assert.Equal(original.Count + 1, await restored.HeadPositionAsync());
        Assert.True((await restored.VerifyAsync()).Holds);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task a_truncated_altered_or_foreign_backup_is_refused_and_nothing_is_written(bool intoPostgres)
    {
        var (offices, backup, _) = await BackedUp(source);
        await using var _ = offices;

        var truncated = backup + ".cut";
        var whole = await File.ReadAllBytesAsync(backup);
        await File.WriteAllBytesAsync(truncated, whole[..(whole.Length / 2)]);
        await Refused(truncated, "truncated");

        var foreign = backup + ".foreign.zip";
        using (var zip = ZipFile.Open(foreign, ZipArchiveMode.Create)) zip.CreateEntry("readme.txt");
        await Refused(foreign, "not a Saraban backup");

        var altered = backup + ".altered.zip";
        File.Copy(backup, altered);
        using (var zip = ZipFile.Open(altered, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry(BackupWriter.EventsEntry)!;
            string text;
            using (var reader = new StreamReader(entry.Open())) text = await reader.ReadToEndAsync();
            entry.Delete();
            // One letter's subject changed, as someone editing the backup would.
            var at = text.IndexOf("การประชุมเชิงปฏิบัติการ", StringComparison.Ordinal);
            Assert.True(at > 0);
            await using var writer = new StreamWriter(zip.CreateEntry(BackupWriter.EventsEntry).Open());
            await writer.WriteAsync(text[..at] + "การประชุมลับ" + text[(at + "การประชุมเชิงปฏิบัติการ".Length)..]);
        }
        await Refused(altered, "the chain breaks at position");

        var newer = backup + ".newer.zip";
        File.Copy(backup, newer);
        using (var zip = ZipFile.Open(newer, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry(BackupManifest.EntryName)!;
            string text;
            using (var reader = new StreamReader(entry.Open())) text = await reader.ReadToEndAsync();
            entry.Delete();
            await using var writer = new StreamWriter(zip.CreateEntry(BackupManifest.EntryName).Open());
            await writer.WriteAsync(text.Replace("\"version\":1", "\"version\":7"));
        }
        await Refused(newer, "newer Saraban");

        async Task Refused(string file, string why)
        {
            var target = await NewTarget(intoPostgres);
            var ex = await Assert.ThrowsAsync<BackupException>(() => BackupRestore.RestoreAsync(file, target));
            Assert.Contains(why, ex.Message);
            if (target.SqlitePath is { } path)
            {
                Assert.False(File.Exists(path), $"{path} was written");
                Assert.Empty(System.IO.Directory.EnumerateFiles(Path.GetDirectoryName(path)!, $".{Path.GetFileNameWithoutExtension(path)}.restoring*"));
            }
            else
            {
                await using var store = target.CreateEventStore();
                await store.InitializeAsync();
                Assert.Equal(0, await store.HeadPositionAsync());
            }
        }
    }

    [Fact]
    public async Task a_database_that_is_not_empty_or_has_a_newer_schema_is_refused_and_left_as_it_was()
    {
        var (offices, backup, _) = await BackedUp(source);
        await using var _ = offices;

        var used = await NewTarget(postgres: source is PostgresBackend);
        await using (var store = used.CreateEventStore())
        {
            await store.InitializeAsync();
            await store.AppendAsync("already-here", ExpectedVersion.NoStream, [Events.New()]);
        }
        var ex = await Assert.ThrowsAsync<BackupException>(() => BackupRestore.RestoreAsync(backup, used));
        Assert.Contains("not empty", ex.Message);
        await using (var store = used.CreateEventStore())
        {
            await store.InitializeAsync();
            Assert.Equal(1, await store.HeadPositionAsync());
        }

        var newer = NewSqlitePath();
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(newer)!);
        using (var c = new SqliteConnection($"Data Source={newer};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA user_version = 99";
            cmd.ExecuteNonQuery();
        }
        var refused = await Assert.ThrowsAsync<EventStoreException>(() => BackupRestore.RestoreAsync(backup, new StoreOptions(newer, null)));
        Assert.Contains("newer than this program", refused.Message);
    }
}

public sealed class when_backing_up_and_restoring_from_sqlite() : when_backing_up_and_restoring(new SqliteBackend());
public sealed class when_backing_up_and_restoring_from_postgres() : when_backing_up_and_restoring(new PostgresBackend());
