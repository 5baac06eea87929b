using Saraban.Workflow.Access;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Tests.EventStore;

namespace Saraban.Workflow.Tests.Access;

public abstract class when_checking_who_may_act(Backend backend)
{
    private static readonly EventMetadata Admin = new("admin", "prov-53", Guid.NewGuid(), null);
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private async Task<(IEventStore Store, AccessService Access)> Uttaradit()
    {
        var store = await backend.NewStoreAsync();
        var types = AccessEvents.Register(OrganizationDirectory.Register(new EventTypes()));
        var directory = new DirectoryService(store, types);
        await directory.ImportShippedAsync(Admin);
        var access = new AccessService(store, types, directory, new Passwords(iterations: 1000));
        await access.RegisterUserAsync("somsri", "prov-53", "นางสมศรี ใจดี", "เจ้าพนักงานธุรการ", [Role.Clerk], "clerk-pass-1", Admin);
        await access.RegisterUserAsync("governor", "prov-53", "นายชูชาติ กีฬาแปง", "ผู้ว่าราชการจังหวัดอุตรดิตถ์", [Role.Head], "head-pass-1", Admin);
        await access.RegisterUserAsync("vice", "prov-53", "นายวิชัย ศรีสุข", "รองผู้ว่าราชการจังหวัด", [Role.Deputy], "deputy-pass", Admin);
        await access.RegisterUserAsync("tracker", "prov-53", "นางสาวมาลี ดีงาม", "นักวิเคราะห์นโยบายและแผน", [Role.Tracker], "track-pass", Admin);
        return (store, access);
    }

    [Fact]
    public async Task a_clerk_registers_for_her_own_office_only()
    {
        var (store, access) = await Uttaradit();
        await using var _ = store;

        var actor = access.Authorize("somsri", Permission.RegisterIncoming, "prov-53", Now);
        var elsewhere = Assert.Throws<AccessDeniedException>(() => access.Authorize("somsri", Permission.RegisterIncoming, "prov-54", Now));

        Assert.Equal("somsri", actor.User.Id);
        Assert.Contains("does not belong to 'prov-54'", elsewhere.Message);
    }

    [Fact]
    public async Task the_head_signs_in_person_and_a_tracker_cannot_sign()
    {
        var (store, access) = await Uttaradit();
        await using var _ = store;

        var head = access.Authorize("governor", Permission.Approve, "prov-53", Now);
        var tracker = Assert.Throws<AccessDeniedException>(() => access.Authorize("tracker", Permission.Approve, "prov-53", Now));

        Assert.Equal(["ผู้ว่าราชการจังหวัดอุตรดิตถ์"], head.PositionLines);
        Assert.Contains("ไม่มีสิทธิ์สั่งการหรือลงนาม", tracker.Message);
    }

    [Fact]
    public async Task a_deputy_signs_for_the_governor_while_the_delegation_holds()
    {
        var (store, access) = await Uttaradit();
        await using var _ = store;
        var none = Assert.Throws<AccessDeniedException>(() => access.Authorize("vice", Permission.Approve, "prov-53", Now));

        await access.GrantDelegationAsync("vice", "prov-53", DelegationKind.ActingFor, Now.AddDays(-1), Now.AddDays(30), Admin);
        var deputy = access.Authorize("vice", Permission.Approve, "prov-53", Now);

        Assert.Contains("no delegation", none.Message);
        Assert.Equal(["รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน", "ผู้ว่าราชการจังหวัดอุตรดิตถ์"], deputy.PositionLines);
        Assert.Contains("has expired", Assert.Throws<AccessDeniedException>(() => access.Authorize("vice", Permission.Approve, "prov-53", Now.AddDays(31))).Message);
        Assert.Contains("not yet valid", Assert.Throws<AccessDeniedException>(() => access.Authorize("vice", Permission.Approve, "prov-53", Now.AddDays(-2))).Message);
    }

    [Fact]
    public async Task a_revoked_delegation_no_longer_lets_the_deputy_sign()
    {
        var (store, access) = await Uttaradit();
        await using var _ = store;
        var id = await access.GrantDelegationAsync("vice", "prov-53", DelegationKind.ActingIn, Now.AddDays(-1), Now.AddDays(30), Admin);
        Assert.Equal(["รองผู้ว่าราชการจังหวัด รักษาราชการแทน", "ผู้ว่าราชการจังหวัดอุตรดิตถ์"], access.Authorize("vice", Permission.Approve, "prov-53", Now).PositionLines);

        await access.RevokeDelegationAsync(id, Admin);

        Assert.Contains("revoked", Assert.Throws<AccessDeniedException>(() => access.Authorize("vice", Permission.Approve, "prov-53", Now)).Message);
        await Assert.ThrowsAsync<DomainException>(() => access.RevokeDelegationAsync(id, Admin));
    }

    [Fact]
    public async Task passwords_are_checked_and_never_stored_in_the_clear()
    {
        var (store, access) = await Uttaradit();
        await using var _ = store;

        Assert.NotNull(access.Authenticate("somsri", "clerk-pass-1"));
        Assert.Null(access.Authenticate("somsri", "clerk-pass-2"));
        Assert.Null(access.Authenticate("nobody", "clerk-pass-1"));
        Assert.DoesNotContain(await store.ReadStreamAsync(AccessEvents.StreamId), e => e.Data.Contains("clerk-pass-1"));

        await access.ChangePasswordAsync("somsri", "new-password-9", Admin);
        Assert.Null(access.Authenticate("somsri", "clerk-pass-1"));
        Assert.NotNull(access.Authenticate("somsri", "new-password-9"));
    }

    [Fact]
    public async Task bad_account_changes_are_refused_and_nothing_is_stored()
    {
        var (store, access) = await Uttaradit();
        await using var _ = store;
        var before = (await store.ReadStreamAsync(AccessEvents.StreamId)).Count;

        await Assert.ThrowsAsync<DomainException>(() => access.RegisterUserAsync("somsri", "prov-53", "ซ้ำ", "ซ้ำ", [Role.Clerk], "password-1", Admin));
        await Assert.ThrowsAsync<DirectoryException>(() => access.RegisterUserAsync("ghost", "prov-99", "ผี", "ผี", [Role.Clerk], "password-1", Admin));
        await Assert.ThrowsAsync<DomainException>(() => access.RegisterUserAsync("Bad Name", "prov-53", "x", "y", [Role.Clerk], "password-1", Admin));
        await Assert.ThrowsAsync<DomainException>(() => access.RegisterUserAsync("short", "prov-53", "x", "y", [Role.Clerk], "1234", Admin));
        await Assert.ThrowsAsync<DomainException>(() => access.RegisterUserAsync("noroles", "prov-53", "x", "y", [], "password-1", Admin));
        await Assert.ThrowsAsync<DomainException>(() => access.GrantDelegationAsync("somsri", "prov-53", DelegationKind.ActingFor, Now, Now.AddDays(1), Admin));
        await Assert.ThrowsAsync<DomainException>(() => access.GrantDelegationAsync("vice", "prov-53", DelegationKind.ActingFor, Now, Now.AddDays(-1), Admin));
        await Assert.ThrowsAsync<DomainException>(() => access.GrantDelegationAsync("vice", "prov-54", DelegationKind.ActingFor, Now, Now.AddDays(1), Admin));
        var unknown = Assert.Throws<AccessDeniedException>(() => access.Authorize("mallory", Permission.Track, "prov-53", Now));

        Assert.Contains("unknown user", unknown.Message);
        Assert.Equal(before, (await store.ReadStreamAsync(AccessEvents.StreamId)).Count);
    }

    [Fact]
    public async Task another_node_sees_a_new_user_after_refresh()
    {
        var (store, access) = await Uttaradit();
        await using var _ = store;
        var types = AccessEvents.Register(OrganizationDirectory.Register(new EventTypes()));
        var directoryB = new DirectoryService(store, types);
        await directoryB.RefreshAsync();
        var nodeB = new AccessService(store, types, directoryB, new Passwords(iterations: 1000));

        await nodeB.RefreshAsync();

        Assert.Equal(4, nodeB.Current.Users.Count());
        Assert.NotNull(nodeB.Authenticate("governor", "head-pass-1"));
    }
}

public sealed class when_checking_who_may_act_on_sqlite() : when_checking_who_may_act(new SqliteBackend());
public sealed class when_checking_who_may_act_on_postgres() : when_checking_who_may_act(new PostgresBackend());
