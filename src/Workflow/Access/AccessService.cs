using System.Text.RegularExpressions;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Projections;

namespace Saraban.Workflow.Access;

/// <summary>Users, roles and delegations: decisions on the current views, recorded in the <c>access</c> stream.</summary>
/// <param name="snapshots">Where to keep the users' snapshot (a node starts from it instead of every event); none when null.</param>
public sealed partial class AccessService(IEventStore store, EventTypes types, DirectoryService directory, Passwords passwords, IProjectionStorage? snapshots = null)
{
    public const string SnapshotShape = "access.v1";

    private readonly StreamModel<AccessView> _model = new(store, types, AccessEvents.StreamId, AccessView.Empty,
        snapshots is null ? null : new StreamSnapshots<AccessView>(snapshots, SnapshotShape, v => v.SnapshotRows(), AccessView.FromSnapshot));

    public AccessView Current => _model.Current;

    /// <summary>Stores the users' snapshot when they have moved at least <paramref name="minNewEvents"/> events past the last one.</summary>
    public Task<bool> SaveSnapshotAsync(int minNewEvents = 1, CancellationToken ct = default) => _model.SaveSnapshotAsync(minNewEvents, ct);

    /// <summary>The stream version of the snapshot the view started from or last stored (0: none).</summary>
    public long SnapshotVersion => _model.SnapshotVersion;

    public Task<AccessView> RefreshAsync(CancellationToken ct = default) => _model.RefreshAsync(ct);

    public Task RegisterUserAsync(string userId, string organizationId, string fullName, string position, IReadOnlyCollection<Role> roles, string password,
        EventMetadata metadata, CancellationToken ct = default) =>
        RegisterUsersAsync([new NewUser(userId, organizationId, fullName, position, roles)], password, metadata, ct);

    /// <summary>Registers several users in one step (an office's staff, a simulation's); all or none. They start with the same password.</summary>
    public Task RegisterUsersAsync(IReadOnlyList<NewUser> users, string password, EventMetadata metadata, CancellationToken ct = default)
    {
        var hash = passwords.Hash(password); // before the gate, and once: hashing is slow on purpose
        return _model.ChangeAsync(view =>
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            return users.Select(u => (object)DecideRegister(view, u, hash, seen)).ToList();
        }, metadata, ct);
    }

    public sealed record NewUser(string UserId, string OrganizationId, string FullName, string Position, IReadOnlyCollection<Role> Roles);

    private UserRegistered DecideRegister(AccessView view, NewUser u, string hash, HashSet<string> seen)
    {
        if (!UserIdShape().IsMatch(u.UserId))
            throw new DomainException($"ชื่อผู้ใช้ '{u.UserId}' ไม่ถูกรูปแบบ ใช้ a-z 0-9 . _ - ยาว ๓–๖๔ ตัว (a user id is 3 to 64 of a-z 0-9 . _ -).");
        if (view.FindUser(u.UserId) is not null || !seen.Add(u.UserId)) throw new DomainException($"มีผู้ใช้ '{u.UserId}' อยู่แล้ว (user '{u.UserId}' exists already).");
        directory.Current.Get(u.OrganizationId);
        if (u.Roles.Count == 0) throw new DomainException("ผู้ใช้ต้องมีบทบาทอย่างน้อยหนึ่งบทบาท (a user needs at least one role).");
        if (string.IsNullOrWhiteSpace(u.FullName) || string.IsNullOrWhiteSpace(u.Position))
            throw new DomainException("ต้องระบุชื่อและตำแหน่ง (full name and position are required).");
        return new UserRegistered(u.UserId, u.OrganizationId, u.FullName.Trim(), u.Position.Trim(), u.Roles.Distinct().Order().ToArray(), hash);
    }

    public Task ChangePasswordAsync(string userId, string password, EventMetadata metadata, CancellationToken ct = default)
    {
        var hash = passwords.Hash(password);
        return _model.ChangeAsync(view => [new PasswordChanged(ExistingUser(view, userId).Id, hash)], metadata, ct);
    }

    /// <summary>Lets a deputy decide and sign for the head of the deputy's own office, from one instant to another.</summary>
    public async Task<Guid> GrantDelegationAsync(string deputyUserId, string organizationId, DelegationKind kind, DateTimeOffset validFrom, DateTimeOffset validUntil,
        EventMetadata metadata, CancellationToken ct = default) =>
        (await GrantDelegationsAsync([new NewDelegation(deputyUserId, organizationId, kind, validFrom, validUntil)], metadata, ct))[0];

    public sealed record NewDelegation(string DeputyUserId, string OrganizationId, DelegationKind Kind, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil);

    public async Task<IReadOnlyList<Guid>> GrantDelegationsAsync(IReadOnlyList<NewDelegation> delegations, EventMetadata metadata, CancellationToken ct = default)
    {
        var ids = delegations.Select(_ => Guid.CreateVersion7()).ToList();
        await _model.ChangeAsync(view => delegations.Select((d, i) =>
        {
            var deputy = ExistingUser(view, d.DeputyUserId);
            if (deputy.OrganizationId != d.OrganizationId || !deputy.Has(Role.Deputy))
                throw new DomainException($"{deputy.FullName} ต้องเป็นรองหัวหน้าของหน่วยงานนี้จึงรับมอบอำนาจได้ (a delegation goes to a deputy of the same office).");
            if (d.ValidUntil <= d.ValidFrom)
                throw new DomainException("วันสิ้นสุดการมอบอำนาจต้องอยู่หลังวันเริ่ม (a delegation must end after it starts).");
            return (object)new DelegationGranted(ids[i], d.DeputyUserId, d.OrganizationId, d.Kind, d.ValidFrom, d.ValidUntil);
        }).ToList(), metadata, ct);
        return ids;
    }

    public Task RevokeDelegationAsync(Guid delegationId, EventMetadata metadata, CancellationToken ct = default) =>
        _model.ChangeAsync(view => view.FindDelegation(delegationId) is { Revoked: false }
            ? [new DelegationRevoked(delegationId)]
            : throw new DomainException($"ไม่พบการมอบอำนาจ {delegationId} ที่ยังมีผล (no such delegation in force)."), metadata, ct);

    /// <summary>The user when the password is right; null otherwise (no hint which part was wrong).</summary>
    public UserAccount? Authenticate(string userId, string password) =>
        Current.FindUser(userId) is { } user && passwords.Verify(user, password) ? user : null;

    public Actor Authorize(string userId, Permission permission, string organizationId, DateTimeOffset at) =>
        Authorization.Authorize(Current, directory.Current, userId, permission, organizationId, at);

    private static UserAccount ExistingUser(AccessView view, string userId) =>
        view.FindUser(userId) ?? throw new DomainException($"ไม่รู้จักผู้ใช้ '{userId}' (unknown user).");

    [GeneratedRegex("^[a-z0-9._-]{3,64}$")]
    private static partial Regex UserIdShape();
}
