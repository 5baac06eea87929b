using System.Globalization;

namespace Saraban.Workflow.Directory;

/// <summary>
/// The directory as a read model, with each office's history: a letter shows the names as they
/// were when it was sent (<see cref="FindAsOf"/>). Not changed once published: the service applies
/// new events to a copy and swaps it in, so readers never see a half-applied change.
/// </summary>
public sealed class DirectoryView : Projections.IStreamView<DirectoryView>
{
    private readonly Dictionary<string, List<(DateTimeOffset From, Organization Organization)>> _history;
    private readonly Dictionary<string, List<string>> _children;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Kind, string Key), object> _memo = new();

    public static DirectoryView Empty => new(new(StringComparer.Ordinal), new(StringComparer.Ordinal), 0);

    private DirectoryView(Dictionary<string, List<(DateTimeOffset, Organization)>> history, Dictionary<string, List<string>> children, long version)
    {
        _history = history;
        _children = children;
        Version = version;
    }

    /// <summary>The directory stream's version this view has applied.</summary>
    public long Version { get; private set; }

    public int Count => _history.Count;

    public IEnumerable<Organization> All => _history.Values.Select(h => h[^1].Organization);

    public Organization? Find(string id) => _history.TryGetValue(id, out var h) ? h[^1].Organization : null;

    /// <summary>The office as it was at <paramref name="at"/> (its name when a letter was sent); null if it did not exist yet.</summary>
    public Organization? FindAsOf(string id, DateTimeOffset at)
    {
        if (!_history.TryGetValue(id, out var h)) return null;
        for (int i = h.Count - 1; i >= 0; i--)
            if (h[i].From <= at) return h[i].Organization;
        return null;
    }

    public Organization Get(string id) => Find(id) ?? throw new DirectoryException($"ไม่พบหน่วยงานรหัส '{id}' (unknown organization).");

    public IReadOnlyList<Organization> ChildrenOf(string id) =>
        _children.TryGetValue(id, out var c) ? c.Select(Get).ToList() : [];

    /// <summary>The province an office lies in (itself for a province), or null above provinces and for Bangkok.</summary>
    public Organization? ProvinceOf(string id)
    {
        for (var o = Find(id); o is not null; o = o.ParentId is { } p ? Find(p) : null)
            if (o.Type == OrganizationType.Province) return o;
        return null;
    }

    /// <summary>The view as a snapshot's rows: each office's states in order, from when each held ("o", from, the office's fields).</summary>
    public IEnumerable<string?[]> SnapshotRows()
    {
        foreach (var h in _history.Values)
            foreach (var (from, o) in h)
                yield return ["o", from.ToString("O", CultureInfo.InvariantCulture), o.Id, ((int)o.Type).ToString(CultureInfo.InvariantCulture),
                    o.Name, o.ParentId, o.ProvinceCode, o.LetterPrefix, o.Address, o.HeadTitle];
    }

    /// <summary>The view a snapshot's rows (<see cref="SnapshotRows"/>) describe, at stream version <paramref name="version"/>.</summary>
    public static DirectoryView FromSnapshot(IReadOnlyList<string?[]> rows, long version)
    {
        var view = new DirectoryView(new(StringComparer.Ordinal), new(StringComparer.Ordinal), version);
        foreach (var r in rows)
        {
            if (r[0] != "o") throw new FormatException($"a snapshot row of kind '{r[0]}'");
            var at = DateTimeOffset.Parse(r[1]!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            var o = new Organization(r[2]!, (OrganizationType)int.Parse(r[3]!, CultureInfo.InvariantCulture), r[4]!, r[5], r[6], r[7]!, r[8]!, r[9]!);
            if (view._history.TryGetValue(o.Id, out var h))
            {
                h.Add((at, o));
                continue;
            }
            // An office's parent never changes, and offices are kept in the order they were registered: as Apply builds it.
            view._history[o.Id] = [(at, o)];
            if (o.ParentId is { } parent)
            {
                if (!view._children.TryGetValue(parent, out var list)) view._children[parent] = list = [];
                list.Add(o.Id);
            }
        }
        return view;
    }

    public DirectoryView Copy() => new(
        _history.ToDictionary(kv => kv.Key, kv => kv.Value.ToList(), StringComparer.Ordinal),
        _children.ToDictionary(kv => kv.Key, kv => kv.Value.ToList(), StringComparer.Ordinal),
        Version);

    /// <summary>
    /// What readers derive from the directory again and again (the local offices of each province,
    /// for every tracking page), worked out once per published view: a view is not changed once
    /// published, and one being built forgets what it worked out at each change.
    /// </summary>
    public T Derived<T>(string kind, string key, Func<DirectoryView, string, T> make) where T : class =>
        (T)_memo.GetOrAdd((kind, key), k => make(this, k.Key));

    public void Apply(object e, DateTimeOffset at)
    {
        _memo.Clear();
        Version++;
        switch (e)
        {
            case OrganizationRegistered r:
                _history[r.Organization.Id] = [(at, r.Organization)];
                if (r.Organization.ParentId is { } parent)
                {
                    if (!_children.TryGetValue(parent, out var list)) _children[parent] = list = [];
                    list.Add(r.Organization.Id);
                }
                break;
            case OrganizationRenamed n:
                Change(n.Id, at, o => o with { Name = n.Name, HeadTitle = n.HeadTitle });
                break;
            case OrganizationTypeChanged t:
                Change(t.Id, at, o => o with { Type = t.Type, Name = t.Name, HeadTitle = t.HeadTitle });
                break;
            case LetterPrefixSet p:
                Change(p.Id, at, o => o with { LetterPrefix = p.LetterPrefix });
                break;
        }
    }

    private void Change(string id, DateTimeOffset at, Func<Organization, Organization> change)
    {
        var h = _history[id];
        h.Add((at, change(h[^1].Organization)));
    }
}
