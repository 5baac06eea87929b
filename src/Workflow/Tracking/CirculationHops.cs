using Saraban.Workflow.Views;

namespace Saraban.Workflow.Tracking;

/// <summary>How long one relay office held a circular: from receiving it (or its delivery, if never registered) to forwarding it, or until now.</summary>
public sealed record Hop(string OfficeId, string Level, string? ProvinceId, DateTimeOffset DeliveredAt, DateTimeOffset? ReceivedAt, DateTimeOffset? ForwardedAt)
{
    public DateTimeOffset HeldFrom => ReceivedAt ?? DeliveredAt;
    public TimeSpan HeldFor(DateTimeOffset now) => (ForwardedAt ?? now) - HeldFrom;
}

/// <summary>The hops of a circular's tree, from <see cref="TrackingView"/>'s rows: who forwarded to whom and when, and who held it longest.</summary>
public sealed class CirculationHops(IViewReader views)
{
    private const string HopColumns = "office_id, level, province_id, delivered_at, registered_at, acted_at";

    /// <summary>The provinces and districts that held the circular longest (still holding it counts up to <paramref name="now"/>).</summary>
    public Task<List<Hop>> SlowestAsync(string origin, DateTimeOffset now, int limit = 20, CancellationToken ct = default) =>
        views.QueryAsync($$"""
            SELECT {{HopColumns}} FROM {tracking.offices}
            WHERE origin = $1 AND level IN ('{{TrackingView.Provinces}}', '{{TrackingView.Districts}}') AND (acted_how = 'forwarded' OR acted_at IS NULL)
            ORDER BY COALESCE(acted_at, $2) - COALESCE(registered_at, delivered_at) DESC, office_id LIMIT $3
            """, Read, ct, origin, now.ToUnixTimeMilliseconds(), limit);

    /// <summary>The given offices' rows for the circular (an LAO, its district, its province): its chain, top down.</summary>
    public async Task<IReadOnlyList<Hop>> ChainAsync(string origin, IReadOnlyList<string> officeIds, CancellationToken ct = default)
    {
        if (officeIds.Count == 0) return [];
        var found = await views.QueryAsync(
            $"SELECT {HopColumns} FROM {{tracking.offices}} WHERE origin = $1 AND office_id IN ({string.Join(", ", officeIds.Select((_, i) => "$" + (i + 2)))})",
            Read, ct, [origin, .. officeIds]);
        return officeIds.Select(id => found.FirstOrDefault(h => h.OfficeId == id)).OfType<Hop>().ToList();
    }

    private static Hop Read(System.Data.Common.DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.Text(2), r.Time(3)!.Value, r.Time(4), r.Time(5));
}
