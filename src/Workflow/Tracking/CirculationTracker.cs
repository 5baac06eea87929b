using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Projections;
using Saraban.Workflow.Letters;

namespace Saraban.Workflow.Tracking;

/// <summary>Where an office stands with one circular: delivered, registered (received), acted (forwarded, acknowledged or did what was asked).</summary>
public sealed record OfficeProgress(string OrganizationId, string IncomingStreamId, DateTimeOffset DeliveredAt, DateTimeOffset? RegisteredAt,
    int? ReceiveNumber, DateTimeOffset? ActedAt, string? ActedHow)
{
    public bool Registered => RegisteredAt is not null;
    public bool Acted => ActedAt is not null;
}

public enum Stage { Delivered, Registered, Acted }

/// <summary>
/// For every origin letter (the PM Office's circular), where each office of its distribution tree
/// stands. Kept in memory, fed from the global log, so the tracker's questions ("which LAOs of
/// province P have not registered circular X?") answer from dictionaries, not the database.
/// Rebuilding it from position 0 gives the same state (tested).
/// </summary>
public sealed class CirculationTracker(EventTypes types) : InMemoryProjection
{
    private readonly Dictionary<string, Dictionary<string, OfficeProgress>> _byOrigin = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Origin, string Office)> _streams = new(StringComparer.Ordinal);
    protected override void Apply(RecordedEvent e)
    {
        switch (e.Type)
        {
            case "letter-arrived":
                var arrived = (LetterArrived)types.Deserialize(e);
                if (arrived.OriginLetterId is not { } origin) return;
                _streams[e.StreamId] = (origin, arrived.OrganizationId);
                if (!_byOrigin.TryGetValue(origin, out var offices)) _byOrigin[origin] = offices = new(StringComparer.Ordinal);
                offices[arrived.OrganizationId] = new OfficeProgress(arrived.OrganizationId, e.StreamId, e.RecordedAt, null, null, null, null);
                break;
            case "letter-registered":
                var registered = (LetterRegistered)types.Deserialize(e);
                Update(e, p => p with { RegisteredAt = registered.ReceivedAt, ReceiveNumber = registered.ReceiveNumber });
                break;
            case "letter-forwarded":
                Update(e, p => p.ActedAt is null ? p with { ActedAt = e.RecordedAt, ActedHow = "forwarded" } : p);
                break;
            case "letter-acknowledged":
                Update(e, p => p.ActedAt is null ? p with { ActedAt = e.RecordedAt, ActedHow = "acknowledged" } : p);
                break;
            case "requested-action-done":
                Update(e, p => p with { ActedAt = e.RecordedAt, ActedHow = "done" });
                break;
        }
    }

    private void Update(RecordedEvent e, Func<OfficeProgress, OfficeProgress> change)
    {
        if (!_streams.TryGetValue(e.StreamId, out var at)) return;
        var offices = _byOrigin[at.Origin];
        offices[at.Office] = change(offices[at.Office]);
    }

    public OfficeProgress? Progress(string originLetterId, string organizationId)
    {
        lock (Gate)
            return _byOrigin.TryGetValue(originLetterId, out var o) ? o.GetValueOrDefault(organizationId) : null;
    }

    /// <summary>Every office the letter reached, with where it stands.</summary>
    public IReadOnlyList<OfficeProgress> Reached(string originLetterId)
    {
        lock (Gate)
            return _byOrigin.TryGetValue(originLetterId, out var o) ? o.Values.OrderBy(p => p.OrganizationId, StringComparer.Ordinal).ToList() : [];
    }

    /// <summary>
    /// The offices among <paramref name="expected"/> that have not reached <paramref name="stage"/>:
    /// "which LAOs of province P have not registered circular X?".
    /// </summary>
    public IReadOnlyList<Organization> NotYet(string originLetterId, Stage stage, IEnumerable<Organization> expected)
    {
        lock (Gate)
        {
            _byOrigin.TryGetValue(originLetterId, out var offices);
            return expected.Where(o => offices?.GetValueOrDefault(o.Id) is not { } p || stage switch
            {
                Stage.Delivered => false,
                Stage.Registered => !p.Registered,
                _ => !p.Acted,
            }).ToList();
        }
    }

    /// <summary>The local offices of a province: its own (อบจ., cities, Pattaya) and its districts'.</summary>
    public static IReadOnlyList<Organization> LocalOfficesOf(DirectoryView directory, string provinceId) =>
        AddresseeGroup.ProvinceLocalsOf(provinceId).Resolve(directory)
            .Concat(AddresseeGroup.DistrictsOf(provinceId).Resolve(directory).SelectMany(d => AddresseeGroup.LocalsOf(d.Id).Resolve(directory)))
            .ToList();

    /// <summary>Counts per kind of office, for the summary: reached, registered, acted.</summary>
    public IReadOnlyDictionary<string, (int Reached, int Registered, int Acted)> Summary(string originLetterId, DirectoryView directory)
    {
        lock (Gate)
        {
            var result = new SortedDictionary<string, (int, int, int)>(StringComparer.Ordinal);
            if (!_byOrigin.TryGetValue(originLetterId, out var offices)) return result;
            foreach (var p in offices.Values)
            {
                var level = directory.Find(p.OrganizationId)?.Type switch
                {
                    OrganizationType.Province => "provinces",
                    OrganizationType.District => "districts",
                    { } t when t.IsLocal() => "local offices",
                    _ => "others",
                };
                var (r, g, a) = result.GetValueOrDefault(level);
                result[level] = (r + 1, g + (p.Registered ? 1 : 0), a + (p.Acted ? 1 : 0));
            }
            return result;
        }
    }

    /// <summary>A canonical dump of the whole state, to compare a live tracker with one rebuilt from zero.</summary>
    public string Snapshot()
    {
        lock (Gate)
            return string.Join('\n', _byOrigin.OrderBy(o => o.Key, StringComparer.Ordinal).SelectMany(o =>
                o.Value.Values.OrderBy(p => p.OrganizationId, StringComparer.Ordinal).Select(p => $"{o.Key} {p}")));
    }
}
