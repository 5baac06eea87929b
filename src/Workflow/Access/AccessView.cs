using System.Globalization;

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

    /// <summary>The view as a snapshot's rows: a user ("u", id, office, name, position, roles, password hash), a delegation ("d", …).</summary>
    public IEnumerable<string?[]> SnapshotRows()
    {
        foreach (var u in _users.Values)
            yield return ["u", u.Id, u.OrganizationId, u.FullName, u.Position, string.Join(',', u.Roles.Order().Select(r => (int)r)), u.PasswordHash];
        foreach (var d in _delegations.Values)
            yield return ["d", d.Id.ToString("N"), d.DeputyUserId, d.OrganizationId, ((int)d.Kind).ToString(CultureInfo.InvariantCulture),
                d.ValidFrom.ToString("O", CultureInfo.InvariantCulture), d.ValidUntil.ToString("O", CultureInfo.InvariantCulture), d.Revoked ? "1" : "0"];
    }

    /// <summary>The view a snapshot's rows (<see cref="SnapshotRows"/>) describe, at stream version <paramref name="version"/>.</summary>
    public static AccessView FromSnapshot(IReadOnlyList<string?[]> rows, long version)
    {
        var view = new AccessView(new(rows.Count, StringComparer.Ordinal), new(), version);
        foreach (var r in rows)
            switch (r[0])
            {
                case "u":
                    var roles = r[5]!.Length == 0 ? new HashSet<Role>() : r[5]!.Split(',').Select(x => (Role)int.Parse(x, CultureInfo.InvariantCulture)).ToHashSet();
                    view._users.Add(r[1]!, new UserAccount(r[1]!, r[2]!, r[3]!, r[4]!, roles, r[6]!));
                    break;
                case "d":
                    var id = Guid.ParseExact(r[1]!, "N");
                    view._delegations.Add(id, new Delegation(id, r[2]!, r[3]!, (DelegationKind)int.Parse(r[4]!, CultureInfo.InvariantCulture),
                        DateTimeOffset.Parse(r[5]!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                        DateTimeOffset.Parse(r[6]!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind), r[7] == "1"));
                    break;
                default:
                    throw new FormatException($"a snapshot row of kind '{r[0]}'");
            }
        return view;
    }

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
