using Saraban.Web.Serving;
using Saraban.Workflow.Access;
using Saraban.Workflow.Directory;
using Saraban.Workflow.Tracking;

namespace Saraban.Web.Tracking;

/// <summary>One local office's standing with a circular, as the tracker lists it.</summary>
public sealed record LocalStanding(string OrganizationId, string Name, string? DistrictName, bool Delivered, bool Registered, bool Acted,
    DateTimeOffset? RegisteredAt, DateTimeOffset? ActedAt, string? ActedHow = null)
{
    /// <summary>The copy was recalled by its sender or returned to it: the office no longer holds the letter.</summary>
    public bool Withdrawn => ActedHow is "recalled" or "returned";
}

/// <summary>A province's or district's local offices, counted.</summary>
public sealed record AreaRow(string OrganizationId, string Name, int Locals, int Delivered, int Registered, int Acted);

/// <summary>
/// What the tracker answers for one circular within the user's reach: central offices (the PM
/// Office and its units) see the whole country, a province its own area, a district its own. The
/// local offices expected come from the directory, so one the circular never reached shows as
/// not yet delivered rather than missing.
/// </summary>
public sealed record TrackingReport(string OriginLetterId, string Subject, string? DocumentNumber, string ScopeId, string ScopeName,
    IReadOnlyDictionary<string, (int Reached, int Registered, int Acted)> Summary, IReadOnlyList<AreaRow> Areas,
    Stage Stage, IReadOnlyList<LocalStanding> NotYet, int NotYetTotal, IReadOnlyList<DayCounts> Daily)
{
    public const int MaxListed = 1000;

    /// <param name="listed">How many of the offices not yet at the stage to list (the page lists fewer, and none for the whole country).</param>
    internal static async Task<TrackingReport> BuildAsync(ReadModels views, UserAccount user, AccessService access, string origin, string? office, Stage stage, CancellationToken ct,
        int listed = MaxListed)
    {
        access.Authorize(user.Id, Permission.Track, user.OrganizationId, DateTimeOffset.UtcNow);
        var directory = views.Directory;
        var letter = await views.Registers.FindOutgoingAsync(origin, ct) ?? throw new NotFoundException("ไม่พบหนังสือเวียนนี้ (no such circular).");
        var reach = ReachOf(directory, user.OrganizationId);
        var scope = office is null ? reach : directory.Find(office) ?? throw new NotFoundException($"ไม่พบหน่วยงานรหัส '{office}' (unknown office).");
        if (!Within(directory, scope, reach))
            throw new AccessDeniedException($"{scope.Name} อยู่นอกพื้นที่ที่ท่านติดตามได้ (office '{scope.Id}' is outside your area).");

        var tracker = views.Tracker;
        // Counted is the tracking view's area; the row links to the office it names.
        var areas = AreasOf(directory, scope).Select(a => (Counted: a.Id, Office: a.Id, a.Name, Expected: CirculationTracker.LocalOfficesIn(directory, a).Count)).ToList();
        // A province's อบจ. and city municipalities get its letter straight from it, not through a district.
        if (scope.Type == OrganizationType.Province)
            areas.Insert(0, (TrackingView.DirectArea(scope.Id), scope.Id, "อบจ. และเทศบาลที่จังหวัดแจ้งโดยตรง", AddresseeGroup.ProvinceLocalsOf(scope.Id).Resolve(directory).Count));
        var counts = await tracker.LocalCountsAsync(origin, areas.Select(a => a.Counted).ToList(), ct);
        var rows = areas.Select(a =>
        {
            var c = counts.GetValueOrDefault(a.Counted);
            return new AreaRow(a.Office, a.Name, a.Expected, c.Reached, c.Registered, c.Acted);
        }).ToList();
        var (notYet, total) = await tracker.NotYetAsync(origin, stage, directory, scope, listed, ct);
        var standing = notYet.Select(x =>
        {
            var (o, p) = x;
            var district = o.ParentId is { } d && directory.Find(d) is { Type: OrganizationType.District } dist ? dist.Name : null;
            return new LocalStanding(o.Id, o.Name, district, p is not null, p?.Registered == true, p?.Acted == true, p?.RegisteredAt, p?.ActedAt, p?.ActedHow);
        }).ToList();
        // The counts by level cover the whole tree, so only those who reach the whole country get them.
        var summary = scope.ParentId is null
            ? (await tracker.SummaryAsync(origin, ct)).ToDictionary(kv => kv.Key, kv => (kv.Value.Reached, kv.Value.Registered, kv.Value.Acted))
            : new Dictionary<string, (int, int, int)>();
        // The country, a province or a district: the areas the daily counters keep.
        var daily = scope.ParentId is null ? await tracker.DailyAsync(origin, TrackingView.Nation, ct)
            : scope.Type is OrganizationType.Province or OrganizationType.District ? await tracker.DailyAsync(origin, scope.Id, ct) : [];
        return new TrackingReport(origin, letter.Subject, letter.DocumentNumber, scope.Id, scope.Name, summary, rows, stage, standing, total, daily);
    }

    /// <summary>Central offices reach the whole country (the directory's root); others their own area.</summary>
    public static Organization ReachOf(DirectoryView directory, string officeId)
    {
        var office = directory.Get(officeId);
        if (office.Type is not (OrganizationType.PmOffice or OrganizationType.Unit)) return office;
        while (office.ParentId is { } p) office = directory.Get(p);
        return office;
    }

    public static bool Within(DirectoryView directory, Organization office, Organization reach)
    {
        for (Organization? o = office; o is not null; o = o.ParentId is { } p ? directory.Find(p) : null)
            if (o.Id == reach.Id) return true;
        return false;
    }

    private static IReadOnlyList<Organization> AreasOf(DirectoryView directory, Organization scope) => scope.Type switch
    {
        OrganizationType.Province => AddresseeGroup.DistrictsOf(scope.Id).Resolve(directory),
        OrganizationType.District => [],
        _ => AddresseeGroup.AllProvinces.Resolve(directory),
    };
}
