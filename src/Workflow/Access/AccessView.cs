namespace Saraban.Workflow.Access;

/// <summary>Users and delegations as a read model; replaced whole on change, like the directory's view.</summary>
public sealed class AccessView : Projections.IStreamView<AccessView>
{
    private readonly Dictionary<string, UserAccount> _users;
    private readonly Dictionary<Guid, Delegation> _delegations;

    public static AccessView Empty => new(new(StringComparer.Ordinal), new(), 0);

    private AccessView(Dictionary<string, UserAccount> users, Dictionary<Guid, Delegation> delegations, long version) =>
        (_users, _delegations, Version) = (users, delegations, version);

    public long Version { get; private set; }
    public IEnumerable<UserAccount> Users => _users.Values;
    public UserAccount? FindUser(string id) => _users.GetValueOrDefault(id);
    public Delegation? FindDelegation(Guid id) => _delegations.GetValueOrDefault(id);

    public IEnumerable<Delegation> DelegationsOf(string deputyUserId) => _delegations.Values.Where(d => d.DeputyUserId == deputyUserId);

    public AccessView Copy() => new(new(_users, StringComparer.Ordinal), new(_delegations), Version);

    public void Apply(object e, DateTimeOffset recordedAt)
    {
        Version++;
        switch (e)
        {
            case UserRegistered u:
                _users[u.UserId] = new UserAccount(u.UserId, u.OrganizationId, u.FullName, u.Position, u.Roles.ToHashSet(), u.PasswordHash);
                break;
            case PasswordChanged p:
                _users[p.UserId] = _users[p.UserId] with { PasswordHash = p.PasswordHash };
                break;
            case RolesChanged r:
                _users[r.UserId] = _users[r.UserId] with { Roles = r.Roles.ToHashSet() };
                break;
            case DelegationGranted g:
                _delegations[g.DelegationId] = new Delegation(g.DelegationId, g.DeputyUserId, g.OrganizationId, g.Kind, g.ValidFrom, g.ValidUntil, false);
                break;
            case DelegationRevoked r:
                _delegations[r.DelegationId] = _delegations[r.DelegationId] with { Revoked = true };
                break;
        }
    }
}
