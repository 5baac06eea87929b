using Saraban.Workflow.Directory;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Actions;

/// <summary>
/// A schedule of sessions as an officer uploads it (the table of ../shared/samples/workshop-2567-sessions.csv:
/// <c>session,date,reply_by,lao_types,provinces[,count_in_letter]</c>), read and checked against the
/// directory: every LAO asked must fall in exactly one session.
/// </summary>
public static class WorkshopSchedule
{
    public static readonly IReadOnlyList<string> Columns = ["session", "date", "reply_by", "lao_types", "provinces"];

    /// <summary>The province's name as session tables write it: without "จังหวัด".</summary>
    public static string ProvinceName(Organization province) =>
        province.Name.StartsWith("จังหวัด", StringComparison.Ordinal) ? province.Name["จังหวัด".Length..] : province.Name;

    /// <summary>Reads the table's rows (the header first); every bad cell is named by its row and column.</summary>
    public static IReadOnlyList<ScheduledSession> Parse(IReadOnlyList<IReadOnlyList<string>> rows, DirectoryView directory)
    {
        if (rows.Count == 0) throw new DomainException("ตารางรอบว่าง (the schedule is empty).");
        var header = rows[0].Select(h => h.Trim().ToLowerInvariant()).ToList();
        var missing = Columns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
            throw new DomainException($"ตารางรอบขาดคอลัมน์ {string.Join(", ", missing)} (the schedule needs columns {string.Join(",", Columns)}[,count_in_letter]).");
        int Col(string name) => header.IndexOf(name);
        var provinces = directory.All.Where(o => o.Type == OrganizationType.Province).Select(ProvinceName).ToHashSet(StringComparer.Ordinal);
        var errors = new List<string>();
        var sessions = new List<ScheduledSession>();
        for (int i = 1; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.All(string.IsNullOrWhiteSpace)) continue;
            string Cell(string name) => Col(name) < row.Count ? row[Col(name)].Trim() : "";
            var line = $"แถวที่ {ThaiDigits.Format(i + 1)}";
            int before = errors.Count;
            if (!int.TryParse(ThaiDigits.ToWestern(Cell("session")), out var number) || number < 1) errors.Add($"{line}: หมายเลขรอบ '{Cell("session")}' ไม่ถูกต้อง (bad session number)");
            DateOnly date = default, replyBy = default;
            if (!ActionDates.TryParse(Cell("date"), out var d, out var e1)) errors.Add($"{line} วันประชุม: {e1}"); else date = BangkokTime.DateOf(d);
            if (!ActionDates.TryParse(Cell("reply_by"), out var r, out var e2)) errors.Add($"{line} ตอบรับภายใน: {e2}"); else replyBy = BangkokTime.DateOf(r);
            var types = Split(Cell("lao_types"));
            foreach (var t in types)
                if (!IsLocalType(t)) errors.Add($"{line}: ประเภท อปท. '{t}' ไม่รู้จัก (unknown LAO type)");
            if (types.Count == 0) errors.Add($"{line}: ไม่ระบุประเภท อปท. (no LAO types)");
            var named = Split(Cell("provinces"));
            foreach (var p in named.Where(p => !provinces.Contains(p))) errors.Add($"{line}: ไม่พบจังหวัด '{p}' (unknown province)");
            int? count = Col("count_in_letter") >= 0 && int.TryParse(ThaiDigits.ToWestern(Cell("count_in_letter")).Replace(",", ""), out var c) ? c : null;
            if (errors.Count == before) sessions.Add(new ScheduledSession(number, date, replyBy, types, named, count));
        }
        foreach (var n in sessions.GroupBy(s => s.Number).Where(g => g.Count() > 1))
            errors.Add($"รอบที่ {ThaiDigits.Format(n.Key)} มีมากกว่าหนึ่งแถว (session {n.Key} appears twice)");
        if (errors.Count > 0) throw new ScheduleException(errors);
        if (sessions.Count == 0) throw new DomainException("ตารางรอบไม่มีรอบใด (the schedule has no sessions).");
        return sessions.OrderBy(s => s.Number).ToList();
    }

    /// <summary>
    /// Which of the LAOs asked fall in no session, and which in more than one (by name, as the
    /// officer must fix them), and where a session's count in the letter differs from the directory.
    /// </summary>
    public static ScheduleCheck Check(IReadOnlyList<ScheduledSession> sessions, IEnumerable<Organization> asked, DirectoryView directory)
    {
        var unmatched = new List<Organization>();
        var overlapping = new List<(Organization, IReadOnlyList<int>)>();
        var counts = sessions.ToDictionary(s => s.Number, _ => 0);
        foreach (var office in asked)
        {
            var hits = sessions.Where(s => s.Takes(office, directory)).Select(s => s.Number).ToList();
            if (hits.Count == 0) unmatched.Add(office);
            else if (hits.Count > 1) overlapping.Add((office, hits));
            foreach (var h in hits) counts[h]++;
        }
        var differ = sessions.Where(s => s.CountInLetter is { } c && c != counts[s.Number])
            .Select(s => (s.Number, s.CountInLetter!.Value, counts[s.Number])).ToList();
        return new ScheduleCheck(unmatched, overlapping, counts, differ);
    }

    private static bool IsLocalType(string code)
    {
        try { return OrganizationTypes.Parse(code).IsLocal(); }
        catch (DirectoryException) { return false; }
    }

    private static List<string> Split(string cell) =>
        cell.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}

/// <param name="CountsDiffer">Sessions whose count in the letter (จำนวน แห่ง) differs from the LAOs the directory puts in them: shown, not refused.</param>
public sealed record ScheduleCheck(IReadOnlyList<Organization> Unmatched, IReadOnlyList<(Organization Office, IReadOnlyList<int> Sessions)> Overlapping,
    IReadOnlyDictionary<int, int> PerSession, IReadOnlyList<(int Session, int InLetter, int InDirectory)> CountsDiffer)
{
    public bool Ok => Unmatched.Count == 0 && Overlapping.Count == 0;

    /// <summary>The problems, one line each, names first: what the officer reads before the letter can be signed.</summary>
    public IReadOnlyList<string> Problems(int max = 50) =>
    [
        .. Unmatched.Take(max).Select(o => $"{o.Name} ({o.Id}): ไม่อยู่ในรอบใด (in no session)"),
        .. Overlapping.Take(max).Select(x => $"{x.Office.Name} ({x.Office.Id}): อยู่ในหลายรอบ {string.Join(", ", x.Sessions.Select(n => ThaiDigits.Format(n)))} (in sessions {string.Join(",", x.Sessions)})"),
    ];
}

/// <summary>A table that cannot be read: every bad cell, one line each.</summary>
public sealed class ScheduleException(IReadOnlyList<string> errors)
    : DomainException($"ตารางรอบมีข้อผิดพลาด {errors.Count} รายการ: {string.Join("; ", errors.Take(20))}")
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
