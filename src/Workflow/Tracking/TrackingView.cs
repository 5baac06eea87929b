using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Views;

namespace Saraban.Workflow.Tracking;

/// <summary>
/// For every origin letter, where each office of its distribution tree stands (delivered,
/// registered, acted) as one row, and counters rolled up by level, province, district and LAO type,
/// kept as each event is applied: "how many LAOs of province P registered circular X" reads one
/// row, "which have not" reads the province's rows only.
/// </summary>
/// <remarks>
/// An office that receives the same circular twice (from its district and straight from its
/// province) has one row: its first delivery; registering or acting on either copy counts once.
/// Where an office sits (province, district) is taken from the directory when its copy arrives.
/// </remarks>
public sealed class TrackingView(EventTypes types, DirectoryService directory) : IView
{
    public const string Provinces = "provinces", Districts = "districts", Locals = "local offices", Others = "others";
    public const string Nation = "";

    /// <summary>The level of the national counters of local offices by type: "type:SubdistrictAdministrativeOrganization".</summary>
    public const string TypePrefix = "type:";

    public string Name => "tracking";
    // 4: an office whose copy was recalled or returned no longer counts as reached (nor as registered).
    public int SchemaVersion => 4;
    public IReadOnlyList<string> Tables { get; } = ["offices", "streams", "counts", "daily"];

    public IReadOnlyList<string> Schema(SqlDialect dialect) =>
    [
        """
        CREATE TABLE {tracking.offices} (
            origin TEXT NOT NULL, office_id TEXT NOT NULL, stream_id TEXT NOT NULL, level TEXT NOT NULL, office_type TEXT NOT NULL,
            province_id TEXT, area_id TEXT, delivered_at BIGINT NOT NULL, registered_at BIGINT, receive_number INTEGER,
            acted_at BIGINT, acted_how TEXT, PRIMARY KEY (origin, office_id))
        """,
        // The origin comes second, so that no index but the primary key starts with (origin, office_id): with it
        // first, PostgreSQL's planner, guessing one row for an origin newer than its statistics, took
        // (origin, level, office_id) as often as the key for "WHERE origin = $1 AND office_id = $2" and read
        // every office of the circular for each update (0.3–5 ms each; catch-up fell to 2,700 events/s).
        "CREATE INDEX {tracking.offices}_province ON {tracking.offices} (province_id, origin, level, office_id)",
        "CREATE INDEX {tracking.offices}_area ON {tracking.offices} (area_id, origin, level, office_id)",
        "CREATE INDEX {tracking.offices}_level ON {tracking.offices} (level, origin, office_id)",
        "CREATE TABLE {tracking.streams} (stream_id TEXT PRIMARY KEY, origin TEXT NOT NULL, office_id TEXT NOT NULL)",
        """
        CREATE TABLE {tracking.counts} (
            origin TEXT NOT NULL, area_id TEXT NOT NULL, level TEXT NOT NULL,
            reached INTEGER NOT NULL, registered INTEGER NOT NULL, acted INTEGER NOT NULL, PRIMARY KEY (origin, area_id, level))
        """,
        // Local offices reaching each stage per Bangkok day, by area (the country, a province, a district or a province's
        // direct area): the tracker's chart of progress over time reads one row a day, never the offices.
        """
        CREATE TABLE {tracking.daily} (
            origin TEXT NOT NULL, area_id TEXT NOT NULL, day INTEGER NOT NULL,
            reached INTEGER NOT NULL, registered INTEGER NOT NULL, acted INTEGER NOT NULL, PRIMARY KEY (origin, area_id, day))
        """,
    ];

    public bool Handles(string eventType) => eventType is "letter-arrived" or "letter-registered" or "letter-forwarded" or "letter-acknowledged" or "requested-action-done"
        or "letter-withdrawn" or "letter-returned";

    public async ValueTask ApplyAsync(RecordedEvent e, ViewWriter w, CancellationToken ct)
    {
        var state = w.Batch<BatchState>();
        if (e.Type == "letter-arrived")
        {
            var a = (LetterArrived)w.Decode(e, types);
            if (a.OriginLetterId is not { } origin) return;
            var key = (origin, a.OrganizationId);
            w.Execute("INSERT INTO {tracking.streams} (stream_id, origin, office_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", e.StreamId, origin, a.OrganizationId);
            state.Streams[e.StreamId] = key;
            if (state.Offices.ContainsKey(key)) return;
            var place = await PlaceAsync(a.OrganizationId, ct);
            state.Offices[key] = new OfficeState(place, false, false);
            w.Batch<RowChanges>()[key] = new RowChange(new NewRow(e.StreamId, place, e.RecordedAt.ToUnixTimeMilliseconds()));
            Count(w, origin, place, "reached", e.RecordedAt);
            return;
        }
        if (!state.Streams.TryGetValue(e.StreamId, out var at) || !state.Offices.TryGetValue(at, out var office)) return;
        var rows = w.Batch<RowChanges>();
        var row = rows.GetValueOrDefault(at) ?? new RowChange(null);
        var time = e.RecordedAt.ToUnixTimeMilliseconds();
        switch (w.Decode(e, types))
        {
            case LetterRegistered r when !office.Registered:
                rows[at] = row with { RegisteredAt = r.ReceivedAt.ToUnixTimeMilliseconds(), ReceiveNumber = r.ReceiveNumber };
                state.Offices[at] = office with { Registered = true };
                Count(w, at.Origin, office.Place, "registered", r.ReceivedAt);
                break;
            case LetterForwarded or LetterAcknowledged when !office.Acted:
                rows[at] = row with { ActedAt = time, ActedHow = e.Type == "letter-forwarded" ? "forwarded" : "acknowledged" };
                state.Offices[at] = office with { Acted = true };
                Count(w, at.Origin, office.Place, "acted", e.RecordedAt);
                break;
            case RequestedActionDone:
                rows[at] = row with { ActedAt = time, ActedHow = "done" };
                if (!office.Acted) Count(w, at.Origin, office.Place, "acted", e.RecordedAt);
                state.Offices[at] = office with { Acted = true };
                break;
            case LetterWithdrawn or LetterReturned when !office.Acted:
                // The office no longer holds the letter: its row says so, it never counts as acted, and the
                // counters no longer count it as reached (or registered), from the day it gave the letter up.
                rows[at] = row with { ActedHow = e.Type == "letter-withdrawn" ? "recalled" : "returned" };
                Count(w, at.Origin, office.Place, "reached", e.RecordedAt, -1);
                if (office.Registered) Count(w, at.Origin, office.Place, "registered", e.RecordedAt, -1);
                break;
        }
    }

    /// <summary>An office's row as it first arrives.</summary>
    private sealed record NewRow(string StreamId, Place Place, long DeliveredAt);

    /// <summary>
    /// An office's row over the batch: inserted (when it arrived in it) and what changed, written
    /// once at its end. An office often arrives, registers and acts within one batch as the daemon
    /// catches up, and one statement then does what three did.
    /// </summary>
    private sealed record RowChange(NewRow? Inserted, long? RegisteredAt = null, int? ReceiveNumber = null, long? ActedAt = null, string? ActedHow = null);

    private sealed class RowChanges : Dictionary<(string Origin, string Office), RowChange>;

    private static void WriteRows(ViewWriter w)
    {
        foreach (var ((origin, office), c) in w.Batch<RowChanges>())
        {
            if (c.Inserted is { } n)
                w.Execute("""
                    INSERT INTO {tracking.offices} (origin, office_id, stream_id, level, office_type, province_id, area_id, delivered_at, registered_at, receive_number, acted_at, acted_how)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                    """, origin, office, n.StreamId, n.Place.Level, n.Place.Type, n.Place.Province, n.Place.Area, n.DeliveredAt, c.RegisteredAt, c.ReceiveNumber, c.ActedAt, c.ActedHow);
            else if (c.RegisteredAt is not null && c.ActedAt is not null)
                w.Execute("UPDATE {tracking.offices} SET registered_at = $1, receive_number = $2, acted_at = $3, acted_how = $4 WHERE origin = $5 AND office_id = $6",
                    c.RegisteredAt, c.ReceiveNumber, c.ActedAt, c.ActedHow, origin, office);
            else if (c.RegisteredAt is not null)
                w.Execute("UPDATE {tracking.offices} SET registered_at = $1, receive_number = $2 WHERE origin = $3 AND office_id = $4", c.RegisteredAt, c.ReceiveNumber, origin, office);
            else if (c.ActedAt is not null)
                w.Execute("UPDATE {tracking.offices} SET acted_at = $1, acted_how = $2 WHERE origin = $3 AND office_id = $4", c.ActedAt, c.ActedHow, origin, office);
            if (c.Inserted is null && c.ActedAt is null && c.ActedHow is not null)
                w.Execute("UPDATE {tracking.offices} SET acted_how = $1 WHERE origin = $2 AND office_id = $3", c.ActedHow, origin, office);
        }
    }

    /// <summary>Where the batch's offices stand, read before it in two queries rather than once per event (a round trip each on PostgreSQL).</summary>
    private sealed class BatchState
    {
        public Dictionary<string, (string Origin, string Office)> Streams { get; } = new(StringComparer.Ordinal);
        public Dictionary<(string Origin, string Office), OfficeState> Offices { get; } = new();
    }

    private sealed record OfficeState(Place Place, bool Registered, bool Acted);

    private const string StateColumns = "o.origin, o.office_id, o.level, o.office_type, o.province_id, o.area_id, o.registered_at, o.acted_at";

    private static OfficeState ReadState(System.Data.Common.DbDataReader r) => ReadStateAt(r, 0);

    public async ValueTask PrepareAsync(IReadOnlyList<RecordedEvent> events, ViewWriter w, CancellationToken ct)
    {
        var state = w.Batch<BatchState>();
        var streams = events.Where(e => Handles(e.Type) && e.Type != "letter-arrived").Select(e => e.StreamId).Distinct().ToList();
        foreach (var chunk in streams.Chunk(512).Select(Padded))
            foreach (var (stream, key, office) in await w.QueryAsync($$"""
                SELECT s.stream_id, {{StateColumns}} FROM {tracking.streams} s JOIN {tracking.offices} o ON o.origin = s.origin AND o.office_id = s.office_id
                WHERE s.stream_id IN ({{Parameters(chunk.Length, 1)}})
                """, r => (r.GetString(0), (r.GetString(1), r.GetString(2)), ReadStateAt(r, 1)), ct, [.. chunk]))
            {
                state.Streams[stream] = key;
                state.Offices[key] = office;
            }
        var arrivals = events.Where(e => e.Type == "letter-arrived").Select(e => (LetterArrived)w.Decode(e, types))
            .Where(a => a.OriginLetterId is not null).GroupBy(a => a.OriginLetterId!);
        foreach (var origin in arrivals)
            foreach (var chunk in origin.Select(a => a.OrganizationId).Distinct().Chunk(512).Select(Padded))
                foreach (var (key, office) in await w.QueryAsync($$"""
                    SELECT {{StateColumns}} FROM {tracking.offices} o WHERE o.origin = $1 AND o.office_id IN ({{Parameters(chunk.Length, 2)}})
                    """, r => ((r.GetString(0), r.GetString(1)), ReadState(r)), ct, [origin.Key, .. chunk]))
                    state.Offices[key] = office;
    }

    private static OfficeState ReadStateAt(System.Data.Common.DbDataReader r, int offset) =>
        new(new Place(r.GetString(offset + 2), r.GetString(offset + 3), r.Text(offset + 4), r.Text(offset + 5)), !r.IsDBNull(offset + 6), !r.IsDBNull(offset + 7));

    /// <summary>The list repeated at its end up to a power of two: a few statement shapes, each prepared once, rather than one per length.</summary>
    private static string[] Padded(string[] values)
    {
        int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)values.Length);
        return size == values.Length ? values : [.. values, .. Enumerable.Repeat(values[^1], size - values.Length)];
    }

    private static string Parameters(int count, int first) => string.Join(", ", Enumerable.Range(first, count).Select(i => "$" + i));

    private sealed record Place(string Level, string Type, string? Province, string? Area);

    private async ValueTask<Place> PlaceAsync(string officeId, CancellationToken ct)
    {
        var view = directory.Current;
        if (view.Find(officeId) is null) view = await directory.RefreshAsync(ct);
        var office = view.Find(officeId);
        if (office is null) return new Place(Others, "unknown", null, null);
        var level = office.Type switch
        {
            OrganizationType.Province => Provinces,
            OrganizationType.District => Districts,
            { } t when t.IsLocal() => Locals,
            _ => Others,
        };
        var province = office.Type == OrganizationType.Province ? office.Id : view.ProvinceOf(office.Id)?.Id;
        return new Place(level, office.Type.ToString(), province, level != Locals ? null : AreaOf(view, office, province));
    }

    /// <summary>A local office's area: its district, or its province's own area when the province reaches it directly.</summary>
    internal static string? AreaOf(DirectoryView view, Organization office, string? province) =>
        office.ParentId is { } parent && view.Find(parent) is { Type: OrganizationType.District } district ? district.Id
            : province is null ? null : DirectArea(province);

    /// <summary>The area of a province's own local offices (อบจ., city municipalities), which get its letters straight from it.</summary>
    public static string DirectArea(string provinceId) => provinceId + "/direct";

    /// <summary>Counter changes gathered over a batch: a batch of 2,000 events touches a few counters many times, and writes each once.</summary>
    private sealed class CountChanges : Dictionary<(string Origin, string Area, string Level), (int Reached, int Registered, int Acted)>;

    /// <summary>Daily counter changes over a batch, as <see cref="CountChanges"/>.</summary>
    private sealed class DailyChanges : Dictionary<(string Origin, string Area, int Day), (int Reached, int Registered, int Acted)>;

    /// <summary>The day number of a moment in Bangkok (days since 1970-01-01 there).</summary>
    public static int DayOf(DateTimeOffset at) => (int)Math.Floor((at.ToUnixTimeMilliseconds() + 7 * 3_600_000L) / 86_400_000d);

    /// <summary>The whole tree by level, local offices by type too, and local offices by province and by district, in all and per day.</summary>
    private static void Count(ViewWriter w, string origin, Place p, string column, DateTimeOffset at, int by = 1)
    {
        var keys = new List<(string Area, string Level)> { (Nation, p.Level) };
        if (p.Level == Locals)
        {
            keys.Add((Nation, TypePrefix + p.Type));
            if (p.Province is { } province) keys.Add((province, Locals));
            if (p.Area is { } area) keys.Add((area, Locals));
        }
        var changes = w.Batch<CountChanges>();
        foreach (var (area, level) in keys)
            changes[(origin, area, level)] = Add(changes.GetValueOrDefault((origin, area, level)), column, by);
        if (p.Level != Locals) return;
        var daily = w.Batch<DailyChanges>();
        var day = DayOf(at);
        foreach (var (area, _) in keys.Where(k => k.Level == Locals))
            daily[(origin, area, day)] = Add(daily.GetValueOrDefault((origin, area, day)), column, by);
    }

    private static (int, int, int) Add((int Reached, int Registered, int Acted) c, string column, int by) => column switch
    {
        "reached" => (c.Reached + by, c.Registered, c.Acted),
        "registered" => (c.Reached, c.Registered + by, c.Acted),
        _ => (c.Reached, c.Registered, c.Acted + by),
    };

    public ValueTask CompleteAsync(ViewWriter w, CancellationToken ct)
    {
        WriteRows(w);
        foreach (var ((origin, area, level), (r, g, a)) in w.Batch<CountChanges>()) Add(w, "counts", "level", origin, area, level, r, g, a);
        foreach (var ((origin, area, day), (r, g, a)) in w.Batch<DailyChanges>()) Add(w, "daily", "day", origin, area, day, r, g, a);
        return ValueTask.CompletedTask;
    }

    /// <summary>Adds a batch's counts to a counter row (by level, or by day), creating it at zero first.</summary>
    private static void Add(ViewWriter w, string table, string key, string origin, string area, object at, int reached, int registered, int acted) =>
        w.Execute($$"""
            INSERT INTO {tracking.{{table}}} (origin, area_id, {{key}}, reached, registered, acted) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (origin, area_id, {{key}}) DO UPDATE SET reached = {tracking.{{table}}}.reached + excluded.reached,
                registered = {tracking.{{table}}}.registered + excluded.registered, acted = {tracking.{{table}}}.acted + excluded.acted
            """, origin, area, at, reached, registered, acted);
}
