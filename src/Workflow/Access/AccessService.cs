using System.Text.RegularExpressions;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Projections;

namespace Saraban.Workflow.Access;

/// <summary>Users, roles and delegations: decisions on the current views, recorded in the <c>access</c> stream.</summary>
public sealed partial class AccessService(IEventStore store, EventTypes types, DirectoryService directory, Passwords passwords)
{
    private readonly StreamModel<AccessView> _model = new(store, types, AccessEvents.StreamId, AccessView.Empty);

    public AccessView Current => _model.Current;

    public Task<AccessView> RefreshAsync(CancellationToken ct = default) => _model.RefreshAsync(ct);

    public Task RegisterUserAsync(string userId, string organizationId, string fullName, string position, IReadOnlyCollection<Role> roles, string password,
        EventMetadata metadata, CancellationToken ct = default)
    {
        var hash = passwords.Hash(password); // before the gate: hashing is slow on purpose
        return _model.ChangeAsync(view =>
        {
            if (!UserIdShape().IsMatch(userId))
                throw new DomainException($"ชื่อผู้ใช้ '{userId}' ไม่ถูกรูปแบบ ใช้ a-z 0-9 . _ - ยาว ๓–๖๔ ตัว (a user id is 3 to 64 of a-z 0-9 . _ -).");
            if (view.FindUser(userId) is not null) throw new DomainException($"มีผู้ใช้ '{userId}' อยู่แล้ว (user '{userId}' exists already).");
            directory.Current.Get(organizationId);
            if (roles.Count == 0) throw new DomainException("ผู้ใช้ต้องมีบทบาทอย่างน้อยหนึ่งบทบาท (a user needs at least one role).");
            if (string.IsNullOrWhiteSpace(fullName) || string.IsNullOrWhiteSpace(position))
                throw new DomainException("ต้องระบุชื่อและตำแหน่ง (full name and position are required).");
            return [new UserRegistered(userId, organizationId, fullName.Trim(), position.Trim(), roles.Distinct().Order().ToArray(), hash)];
        }, metadata, ct);
    }

    public Task ChangePasswordAsync(string userId, string password, EventMetadata metadata, CancellationToken ct = default)
    {
        var hash = passwords.Hash(password);
        return _model.ChangeAsync(view => [new PasswordChanged(ExistingUser(view, userId).Id, hash)], metadata, ct);
    }

    /// <summary>Lets a deputy decide and sign for the head of the deputy's own office, from one instant to another.</summary>
    public async Task<Guid> GrantDelegationAsync(string deputyUserId, string organizationId, DelegationKind kind, DateTimeOffset validFrom, DateTimeOffset validUntil,
        EventMetadata metadata, CancellationToken ct = default)
    {
        var id = Guid.CreateVersion7();
        await _model.ChangeAsync(view =>
        {
            var deputy = ExistingUser(view, deputyUserId);
            if (deputy.OrganizationId != organizationId || !deputy.Has(Role.Deputy))
                throw new DomainException($"{deputy.FullName} ต้องเป็นรองหัวหน้าของหน่วยงานนี้จึงรับมอบอำนาจได้ (a delegation goes to a deputy of the same office).");
            if (validUntil <= validFrom)
                throw new DomainException("วันสิ้นสุดการมอบอำนาจต้องอยู่หลังวันเริ่ม (a delegation must end after it starts).");
            return [new DelegationGranted(id, deputyUserId, organizationId, kind, validFrom, validUntil)];
        }, metadata, ct);
        return id;
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
