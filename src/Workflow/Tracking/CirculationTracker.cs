using Saraban.Workflow.Directory;
using Saraban.Workflow.Views;

namespace Saraban.Workflow.Tracking;

/// <summary>Where an office stands with one circular: delivered, registered (received), acted (forwarded, acknowledged or did what was asked).</summary>
public sealed record OfficeProgress(string OrganizationId, string IncomingStreamId, DateTimeOffset DeliveredAt, DateTimeOffset? RegisteredAt,
    int? ReceiveNumber, DateTimeOffset? ActedAt, string? ActedHow)
{
    public bool Registered => RegisteredAt is not null;
    public bool Acted => ActedAt is not null;
}

public enum Stage { Delivered, Registered, Acted }

/// <summary>How many local offices reached each stage on one day (Bangkok).</summary>
public sealed record DayCounts(DateOnly Day, StageCounts Counts);

/// <summary>Counts of offices that the circular reached, that registered it, that acted on it.</summary>
public readonly record struct StageCounts(int Reached, int Registered, int Acted)
{
    public int At(Stage stage) => stage switch { Stage.Delivered => Reached, Stage.Registered => Registered, _ => Acted };
}

/// <summary>
/// The tracker's questions, answered from <see cref="TrackingView"/>'s rows and counters: "how many
/// LAOs of province P registered circular X?" reads one counter, "which have not?" the province's
/// rows only. The offices expected come from the directory, so one the circular never reached
/// shows as not yet delivered rather than missing.
/// </summary>
public sealed class CirculationTracker(IViewReader views)
{
    private const string ProgressColumns = "office_id, stream_id, delivered_at, registered_at, receive_number, acted_at, acted_how";

    public Task<OfficeProgress?> ProgressAsync(string originLetterId, string organizationId, CancellationToken ct = default) =>
        views.FirstAsync($"SELECT {ProgressColumns} FROM {{tracking.offices}} WHERE origin = $1 AND office_id = $2", ReadProgress, ct, originLetterId, organizationId);

    /// <summary>Every office the letter reached, with where it stands.</summary>
    public Task<List<OfficeProgress>> ReachedAsync(string originLetterId, CancellationToken ct = default) =>
        views.QueryAsync($"SELECT {ProgressColumns} FROM {{tracking.offices}} WHERE origin = $1 ORDER BY office_id", ReadProgress, ct, originLetterId);

    /// <summary>Counts per level of the whole tree: provinces, districts, local offices, others.</summary>
    public async Task<IReadOnlyDictionary<string, StageCounts>> SummaryAsync(string originLetterId, CancellationToken ct = default) =>
        new SortedDictionary<string, StageCounts>((await NationalAsync(originLetterId, ct)).Where(x => !x.Level.StartsWith(TrackingView.TypePrefix, StringComparison.Ordinal))
            .ToDictionary(x => x.Level, x => x.Counts), StringComparer.Ordinal);

    /// <summary>The whole country's local offices counted by type (อบจ., เทศบาล…, อบต.).</summary>
    public async Task<IReadOnlyDictionary<string, StageCounts>> LocalsByTypeAsync(string originLetterId, CancellationToken ct = default) =>
        new SortedDictionary<string, StageCounts>((await NationalAsync(originLetterId, ct)).Where(x => x.Level.StartsWith(TrackingView.TypePrefix, StringComparison.Ordinal))
            .ToDictionary(x => x.Level[TrackingView.TypePrefix.Length..], x => x.Counts), StringComparer.Ordinal);

    private Task<List<(string Level, StageCounts Counts)>> NationalAsync(string originLetterId, CancellationToken ct) => views.QueryAsync(
        "SELECT level, reached, registered, acted FROM {tracking.counts} WHERE origin = $1 AND area_id = $2", r => (r.GetString(0), Counts(r, 1)),
        ct, originLetterId, TrackingView.Nation);

    /// <summary>The local offices' counts in each area: a province, a district, or a province's own (<see cref="TrackingView.DirectArea"/>).</summary>
    public async Task<IReadOnlyDictionary<string, StageCounts>> LocalCountsAsync(string originLetterId, IReadOnlyCollection<string> areas, CancellationToken ct = default)
    {
        var result = new Dictionary<string, StageCounts>(StringComparer.Ordinal);
        foreach (var chunk in areas.Chunk(500))
            foreach (var (area, counts) in await views.QueryAsync(
                $"SELECT area_id, reached, registered, acted FROM {{tracking.counts}} WHERE origin = $1 AND level = $2 AND area_id IN ({string.Join(", ", chunk.Select((_, i) => "$" + (i + 3)))})",
                r => (r.GetString(0), Counts(r, 1)), ct, [originLetterId, TrackingView.Locals, .. chunk]))
                result[area] = counts;
        return result;
    }

    /// <summary>
    /// The local offices of <paramref name="scope"/> (a province, a district, or the whole country)
    /// that have not reached <paramref name="stage"/>, in office order, at most <paramref name="max"/>;
    /// and how many there are in all.
    /// </summary>
    public async Task<(List<(Organization Office, OfficeProgress? Progress)> Listed, int Total)> NotYetAsync(
        string originLetterId, Stage stage, DirectoryView directory, Organization scope, int max, CancellationToken ct = default)
    {
        var expected = directory.Derived("locals-in-order", scope.Id, (d, _) => LocalOfficesIn(d, scope).OrderBy(o => o.Id, StringComparer.Ordinal).ToList());
        var (filter, area) = scope.Type switch
        {
            OrganizationType.Province => ("province_id = $3 AND ", scope.Id),
            OrganizationType.District => ("area_id = $3 AND ", scope.Id),
            _ => ("", TrackingView.Nation),
        };
        object?[] args = filter.Length == 0 ? [originLetterId, TrackingView.Locals] : [originLetterId, TrackingView.Locals, scope.Id];
        var counts = (await views.QueryAsync("SELECT reached, registered, acted FROM {tracking.counts} WHERE origin = $1 AND level = $2 AND area_id = $3",
            r => Counts(r, 0), ct, originLetterId, TrackingView.Locals, area)).FirstOrDefault();
        // Only the number (the national page lists nobody): every local office reached is one expected.
        if (max == 0) return ([], Math.Max(0, expected.Count - counts.At(stage)));
        if (counts.Reached >= expected.Count)
        {
            // Every expected office has its row: list only the rows short of the stage, by index.
            if (stage == Stage.Delivered) return ([], 0);
            var column = stage == Stage.Registered ? "registered_at" : "acted_at";
            var byId = expected.ToDictionary(o => o.Id, StringComparer.Ordinal);
            var rows = await views.QueryAsync($"SELECT {ProgressColumns} FROM {{tracking.offices}} WHERE origin = $1 AND {filter}level = $2 AND {column} IS NULL ORDER BY office_id LIMIT {max}",
                ReadProgress, ct, args);
            return (rows.Where(p => byId.ContainsKey(p.OrganizationId)).Select(p => (byId[p.OrganizationId], (OfficeProgress?)p)).ToList(), counts.Reached - counts.At(stage));
        }
        var reached = (await views.QueryAsync($"SELECT {ProgressColumns} FROM {{tracking.offices}} WHERE origin = $1 AND {filter}level = $2", ReadProgress, ct, args))
            .ToDictionary(p => p.OrganizationId, StringComparer.Ordinal);
        var missing = expected.Where(o => reached.GetValueOrDefault(o.Id) is not { } p || stage switch
        {
            Stage.Delivered => false,
            Stage.Registered => !p.Registered,
            _ => !p.Acted,
        }).ToList();
        return (missing.Take(max).Select(o => (o, reached.GetValueOrDefault(o.Id))).ToList(), missing.Count);
    }

    /// <summary>The local offices of a province: its own (อบจ., cities, Pattaya) and its districts'.</summary>
    public static IReadOnlyList<Organization> LocalOfficesOf(DirectoryView directory, string provinceId) =>
        directory.Derived("locals-of-province", provinceId, static (d, id) =>
            AddresseeGroup.ProvinceLocalsOf(id).Resolve(d)
                .Concat(AddresseeGroup.DistrictsOf(id).Resolve(d).SelectMany(x => AddresseeGroup.LocalsOf(x.Id).Resolve(d)))
                .ToList());

    /// <summary>The local offices within a province, a district, or (any other office) the whole country.</summary>
    public static IReadOnlyList<Organization> LocalOfficesIn(DirectoryView directory, Organization area) => area.Type switch
    {
        OrganizationType.Province => LocalOfficesOf(directory, area.Id),
        OrganizationType.District => directory.Derived("locals-of-district", area.Id, static (d, id) => AddresseeGroup.LocalsOf(id).Resolve(d)),
        _ => directory.Derived("locals-of-nation", "", static (d, _) =>
            AddresseeGroup.AllProvinces.Resolve(d).SelectMany(p => LocalOfficesOf(d, p.Id)).ToList()),
    };

    /// <summary>A canonical dump of the whole view, to compare a live one with one rebuilt from zero.</summary>
    public async Task<string> SnapshotAsync(CancellationToken ct = default)
    {
        var offices = await views.QueryAsync(
            "SELECT origin, office_id, stream_id, level, office_type, province_id, area_id, delivered_at, registered_at, receive_number, acted_at, acted_how FROM {tracking.offices} ORDER BY origin, office_id",
            r => string.Join(' ', Enumerable.Range(0, 12).Select(i => r.IsDBNull(i) ? "-" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))), ct);
        var counts = await views.QueryAsync("SELECT origin, area_id, level, reached, registered, acted FROM {tracking.counts} ORDER BY origin, area_id, level",
            r => $"{r.GetString(0)} [{r.GetString(1)}] {r.GetString(2)} {Counts(r, 3)}", ct);
        var daily = await views.QueryAsync("SELECT origin, area_id, day, reached, registered, acted FROM {tracking.daily} ORDER BY origin, area_id, day",
            r => $"{r.GetString(0)} [{r.GetString(1)}] day {Convert.ToInt32(r.GetValue(2))} {Counts(r, 3)}", ct);
        return string.Join('\n', offices.Concat(counts).Concat(daily));
    }

    /// <summary>
    /// The local offices of an area (<see cref="TrackingView.Nation"/>, a province, a district or a
    /// province's direct area) reaching each stage per Bangkok day, in day order: one row a day.
    /// </summary>
    public async Task<IReadOnlyList<DayCounts>> DailyAsync(string originLetterId, string areaId, CancellationToken ct = default) =>
        await views.QueryAsync("SELECT day, reached, registered, acted FROM {tracking.daily} WHERE origin = $1 AND area_id = $2 ORDER BY day",
            r => new DayCounts(DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + Convert.ToInt32(r.GetValue(0))), Counts(r, 1)),
            ct, originLetterId, areaId);

    private static StageCounts Counts(System.Data.Common.DbDataReader r, int at) =>
        new(Convert.ToInt32(r.GetValue(at)), Convert.ToInt32(r.GetValue(at + 1)), Convert.ToInt32(r.GetValue(at + 2)));

    private static OfficeProgress ReadProgress(System.Data.Common.DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.Time(2)!.Value, r.Time(3), r.Int(4), r.Time(5), r.Text(6));
}
