using System.Data.Common;

namespace Saraban.Workflow.Views;

/// <summary>
/// One generation of a view's tables (ใช้งานอยู่ live, กำลังสร้าง building, เลิกใช้ retired): a rebuild
/// fills a new generation beside the live one, and the switch is one committed row change.
/// </summary>
public sealed record ViewGeneration(string Name, int Generation, int SchemaVersion, string Status, long Position, long Applied,
    string? Owner, DateTimeOffset? LeaseUntil, DateTimeOffset UpdatedAt)
{
    public const string Live = "live", Building = "building", Retired = "retired";

    internal const string Columns = "name, generation, schema_version, status, position, applied, owner, lease_until, updated_at";

    internal static ViewGeneration Read(DbDataReader r) => new(r.GetString(0), Convert.ToInt32(r.GetValue(1)), Convert.ToInt32(r.GetValue(2)),
        r.GetString(3), r.GetInt64(4), r.GetInt64(5), r.Text(6), r.Time(7), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8)));
}

/// <summary>An event a view could not apply (a dead letter): the view went on past it, and status shows it.</summary>
public sealed record ViewError(string Name, int Generation, long Position, string StreamId, string EventType, string Error, DateTimeOffset At)
{
    internal static ViewError Read(DbDataReader r) => new(r.GetString(0), Convert.ToInt32(r.GetValue(1)), r.GetInt64(2), r.GetString(3), r.GetString(4),
        r.GetString(5), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)));
}

/// <summary>What <c>views status</c> shows of one view.</summary>
public sealed record ViewStatus(string Name, int SchemaVersion, long Head, IReadOnlyList<ViewGeneration> Generations, int ErrorCount, IReadOnlyList<ViewError> LatestErrors)
{
    public ViewGeneration? Serving => Generations.FirstOrDefault(g => g.Status == ViewGeneration.Live && g.SchemaVersion == SchemaVersion)
        ?? Generations.Where(g => g.SchemaVersion == SchemaVersion && g.Status == ViewGeneration.Building).MaxBy(g => g.Generation);

    public long Lag => Head - (Serving?.Position ?? 0);
}
