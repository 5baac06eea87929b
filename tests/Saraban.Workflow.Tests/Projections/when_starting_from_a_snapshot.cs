using Saraban.Workflow.Access;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Projections;
using Saraban.Workflow.Tests.EventStore;

namespace Saraban.Workflow.Tests.Projections;

/// <summary>The directory and the users as a node reads them on start: from their snapshot and the events after it, as from the whole stream.</summary>
public abstract class when_starting_from_a_snapshot(Backend backend)
{
    private static readonly EventTypes Types = AccessEvents.Register(OrganizationDirectory.Register(new EventTypes()));
    private static readonly EventMetadata Admin = new("admin", "prov-53", Guid.NewGuid(), null);
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private sealed record Node(DirectoryService Directory, AccessService Access);

    private static Node NewNode(IEventStore store, bool snapshots = true)
    {
        var documents = snapshots ? StoreOptions.ProjectionStorageFor(store) : null;
        var directory = new DirectoryService(store, Types, documents);
        return new Node(directory, new AccessService(store, Types, directory, new Passwords(iterations: 1000), documents));
    }

    private static async Task<Node> ReadAsync(Node node)
    {
        await node.Directory.RefreshAsync();
        await node.Access.RefreshAsync();
        return node;
    }

    /// <summary>The national directory, a renamed office and a changed prefix; three users, a delegation granted and one revoked, a password changed.</summary>
    private static async Task<Node> HistoryAsync(IEventStore store)
    {
        var node = NewNode(store);
        await node.Directory.ImportShippedAsync(Admin);
        await node.Directory.RenameAsync("dist-5301", "ที่ว่าการอำเภอเมืองอุตรดิตถ์ (ใหม่)", "นายอำเภอเมืองอุตรดิตถ์", Admin);
        await node.Directory.SetLetterPrefixAsync("prov-53", "อต 0023.9", Admin);
        await node.Access.RegisterUserAsync("somsri", "prov-53", "นางสมศรี ใจดี", "เจ้าพนักงานธุรการ", [Role.Clerk, Role.Tracker], "clerk-pass-1", Admin);
        await node.Access.RegisterUserAsync("governor", "prov-53", "นายชูชาติ กีฬาแปง", "ผู้ว่าราชการจังหวัดอุตรดิตถ์", [Role.Head], "head-pass-1", Admin);
        await node.Access.RegisterUserAsync("vice", "prov-53", "นายวิชัย ศรีสุข", "รองผู้ว่าราชการจังหวัด", [Role.Deputy], "deputy-pass", Admin);
        await node.Access.GrantDelegationAsync("vice", "prov-53", DelegationKind.ActingFor, Now.AddDays(-1), Now.AddDays(30), Admin);
        var revoked = await node.Access.GrantDelegationAsync("vice", "prov-53", DelegationKind.ActingIn, Now.AddDays(-2), Now.AddDays(3), Admin);
        await node.Access.RevokeDelegationAsync(revoked, Admin);
        await node.Access.ChangePasswordAsync("somsri", "clerk-pass-2", Admin);
        return node;
    }

    private static void SameAsTheLog(Node fromSnapshot, Node fromLog)
    {
        Assert.Equal(fromLog.Directory.Current.Version, fromSnapshot.Directory.Current.Version);
        Assert.Equal(fromLog.Directory.Current.SnapshotRows(), fromSnapshot.Directory.Current.SnapshotRows());
        Assert.Equal(fromLog.Access.Current.Version, fromSnapshot.Access.Current.Version);
        Assert.Equal(fromLog.Access.Current.SnapshotRows(), fromSnapshot.Access.Current.SnapshotRows());
        Assert.Equal(fromLog.Directory.Current.ChildrenOf("prov-53").Select(o => o.Id), fromSnapshot.Directory.Current.ChildrenOf("prov-53").Select(o => o.Id));
    }

    [Fact]
    public async Task a_node_reads_the_snapshot_and_gets_what_the_whole_stream_gives()
    {
        await using var store = await backend.NewStoreAsync();
        var writer = await HistoryAsync(store);
        Assert.True(await writer.Directory.SaveSnapshotAsync());
        Assert.True(await writer.Access.SaveSnapshotAsync());

        var node = await ReadAsync(NewNode(store));
        var fromLog = await ReadAsync(NewNode(store, snapshots: false));

        Assert.Equal(node.Directory.Current.Version, node.Directory.SnapshotVersion);
        Assert.Equal(node.Access.Current.Version, node.Access.SnapshotVersion);
        SameAsTheLog(node, fromLog);
        // An office's earlier name still shows on what it sent before, and the users act as before.
        Assert.NotEqual(node.Directory.Current.Get("dist-5301").Name, node.Directory.Current.FindAsOf("dist-5301", Now.AddMinutes(-10))?.Name ?? "");
        Assert.Equal("อต ๐๐๒๓.๙", node.Directory.Current.Get("prov-53").LetterPrefix);
        Assert.Equal(DelegationKind.ActingFor, node.Access.Authorize("vice", Permission.Approve, "prov-53", Now).Delegation?.Kind);
        Assert.NotNull(node.Access.Authenticate("somsri", "clerk-pass-2"));
        Assert.Null(node.Access.Authenticate("somsri", "clerk-pass-1"));
    }

    [Fact]
    public async Task what_was_recorded_after_the_snapshot_is_read_from_the_log()
    {
        await using var store = await backend.NewStoreAsync();
        var writer = await HistoryAsync(store);
        await writer.Directory.SaveSnapshotAsync();
        await writer.Access.SaveSnapshotAsync();
        await writer.Directory.RenameAsync("prov-53", "จังหวัดอุตรดิตถ์ (ศาลากลาง)", "ผู้ว่าราชการจังหวัดอุตรดิตถ์", Admin);
        await writer.Access.RegisterUserAsync("malee", "prov-53", "นางสาวมาลี ดีงาม", "นักวิเคราะห์นโยบายและแผน", [Role.Tracker], "track-pass", Admin);

        var node = await ReadAsync(NewNode(store));

        Assert.Equal(node.Directory.Current.Version - 1, node.Directory.SnapshotVersion);
        Assert.Equal(node.Access.Current.Version - 1, node.Access.SnapshotVersion);
        Assert.Equal("จังหวัดอุตรดิตถ์ (ศาลากลาง)", node.Directory.Current.Get("prov-53").Name);
        Assert.NotNull(node.Access.Current.FindUser("malee"));
        SameAsTheLog(node, await ReadAsync(NewNode(store, snapshots: false)));
    }

    [Fact]
    public async Task a_snapshot_is_stored_again_only_once_enough_has_changed()
    {
        await using var store = await backend.NewStoreAsync();
        var writer = await HistoryAsync(store);
        Assert.True(await writer.Access.SaveSnapshotAsync(minNewEvents: 5));

        await writer.Access.RegisterUserAsync("malee", "prov-53", "นางสาวมาลี ดีงาม", "นักวิเคราะห์นโยบายและแผน", [Role.Tracker], "track-pass", Admin);

        Assert.False(await writer.Access.SaveSnapshotAsync(minNewEvents: 5));
        Assert.True(await writer.Access.SaveSnapshotAsync(minNewEvents: 1));
        Assert.Equal(writer.Access.Current.Version, writer.Access.SnapshotVersion);
    }

    [Fact]
    public async Task a_snapshot_of_another_log_or_one_that_cannot_be_read_is_ignored()
    {
        await using var store = await backend.NewStoreAsync();
        var writer = await HistoryAsync(store);
        await writer.Directory.SaveSnapshotAsync();
        await writer.Access.SaveSnapshotAsync();
        var documents = StoreOptions.ProjectionStorageFor(store);
        var fromLog = await ReadAsync(NewNode(store, snapshots: false));
        // The users' snapshot names another event at its version (a database restored under it); the directory's is not JSON.
        var body = (await documents.LoadAsync("snapshot:" + AccessEvents.StreamId, AccessService.SnapshotShape, default))!;
        var version = writer.Access.SnapshotVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var lastId = (await store.ReadStreamAsync(AccessEvents.StreamId, writer.Access.SnapshotVersion, 1))[0].EventId.ToString("N");
        Assert.Contains(lastId, body);
        await documents.CommitAsync("snapshot:" + AccessEvents.StreamId,
            new Dictionary<string, string?> { [AccessService.SnapshotShape] = body.Replace(lastId, Guid.NewGuid().ToString("N")) }, 1, default);
        await documents.CommitAsync("snapshot:" + OrganizationDirectory.StreamId,
            new Dictionary<string, string?> { [DirectoryService.SnapshotShape] = "[[\"directory.v1\", \"" + version + "\"" }, 1, default);

        var node = await ReadAsync(NewNode(store));

        Assert.Equal(0, node.Directory.SnapshotVersion);
        Assert.Equal(0, node.Access.SnapshotVersion);
        SameAsTheLog(node, fromLog);
    }
}

public sealed class when_starting_from_a_snapshot_on_sqlite() : when_starting_from_a_snapshot(new SqliteBackend());
public sealed class when_starting_from_a_snapshot_on_postgres() : when_starting_from_a_snapshot(new PostgresBackend());
