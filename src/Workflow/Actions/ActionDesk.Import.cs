using Saraban.Workflow.Access;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Actions;

public enum ImportOutcome { Accepted, Rejected, Unchanged }

/// <param name="Line">The row's line in the file (the header is line 1).</param>
public sealed record ImportRow(int Line, string OfficeId, string Form, ImportOutcome Outcome, string? Reason);

public sealed record ImportReport(IReadOnlyList<ImportRow> Rows)
{
    public int Accepted => Rows.Count(r => r.Outcome == ImportOutcome.Accepted);
    public int Rejected => Rows.Count(r => r.Outcome == ImportOutcome.Rejected);
    public int Unchanged => Rows.Count(r => r.Outcome == ImportOutcome.Unchanged);
}

public sealed partial class ActionDesk
{
    public static readonly IReadOnlyList<string> ImportColumns = ["office_id", "form", "status", "submitted_at", "submitted_by"];
    private static readonly IReadOnlyList<string> OptionalColumns = ["reference"];
    private const int StreamsPerTransaction = 200;

    /// <summary>
    /// The assessment system's export for one action, imported by the office that asked: each row is
    /// accepted, rejected with its reason, or unchanged; valid rows are kept whatever the others hold,
    /// and the same file imported again changes nothing.
    /// </summary>
    /// <param name="key">The action of the origin letter; may be left out when the letter asks for one submission only.</param>
    public async Task<ImportReport> ImportAsync(string userId, string origin, string? key, IReadOnlyList<IReadOnlyList<string>> rows, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var asked = OutgoingLetter.Empty;
        foreach (var e in await store.ReadStreamAsync(OutgoingLetter.StreamId(origin), ct: ct)) asked = asked.Apply(types.Deserialize(e));
        if (asked.Asks is not { } asks || asks.Origin != origin) throw new DomainException("หนังสือนี้ไม่ได้ขอให้ดำเนินการใด (the letter asks for no action).");
        // The asking office's trackers, or those of one of its units (สำนักงาน ก.ก.ถ. for the PM Office), import for it.
        var unit = access.Current.FindUser(userId)?.OrganizationId is { } own && directory.Current.Find(own) is { Type: Directory.OrganizationType.Unit } u
            && u.ParentId == asked.OrganizationId ? u.Id : null;
        var actor = access.Authorize(userId, Permission.Track, unit ?? asked.OrganizationId!, now);
        var spec = key is null
            ? asks.Actions.Where(a => a.Kind == ActionKind.Submission).ToList() is [var only] ? only
                : throw new DomainException("หนังสือนี้มีคำขอส่งแบบมากกว่าหนึ่ง ระบุ --action (name the action: the letter asks for several).")
            : asks.Actions.FirstOrDefault(a => a.Key == key) ?? throw new DomainException($"หนังสือนี้ไม่มีคำขอ '{key}' (no such action).");
        if (spec.Kind != ActionKind.Submission) throw new DomainException($"คำขอ '{spec.Title}' ไม่ใช่การส่งแบบ (only a submission is imported).");
        var columns = Header(rows);

        var results = new List<ImportRow>();
        var valid = new List<(int Line, string Office, string Form, FormStatus Status, DateTimeOffset At, string By, string? Reference)>();
        var seen = new Dictionary<(string, string), int>();
        var view = directory.Current;
        for (int i = 1; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.All(string.IsNullOrWhiteSpace)) continue;
            string Cell(string c) => columns.TryGetValue(c, out var at) && at < row.Count ? row[at].Trim() : "";
            int line = i + 1;
            var (office, form) = (Cell("office_id"), Cell("form"));
            ImportRow Reject(string why) => new(line, office, form, ImportOutcome.Rejected, why);
            if (row.Count > columns.Count) { results.Add(Reject($"มี {row.Count} ช่อง หัวตารางมี {columns.Count} (too many cells)")); continue; }
            if (view.Find(office) is null) { results.Add(Reject($"ไม่พบหน่วยงานรหัส '{office}' (unknown office)")); continue; }
            if (!spec.Forms.Contains(form)) { results.Add(Reject($"คำขอนี้ไม่มีแบบ '{form}' (no such form in this action)")); continue; }
            if (ParseStatus(Cell("status")) is not { } status) { results.Add(Reject($"สถานะ '{Cell("status")}' ไม่รู้จัก ใช้ not-started, in-progress, submitted (unknown status)")); continue; }
            DateTimeOffset at = now;
            if (Cell("submitted_at").Length > 0 && !ActionDates.TryParse(Cell("submitted_at"), out at, out var dateError)) { results.Add(Reject(dateError!)); continue; }
            if (status == FormStatus.Submitted && Cell("submitted_at").Length == 0) { results.Add(Reject("ส่งแล้วต้องมีวันที่ส่ง (a submission needs submitted_at)")); continue; }
            if (status == FormStatus.Submitted && Cell("submitted_by").Length == 0) { results.Add(Reject("ส่งแล้วต้องมีผู้ส่ง (a submission needs submitted_by)")); continue; }
            if (seen.TryGetValue((office, form), out var first)) { results.Add(Reject($"ซ้ำกับแถวที่ {ThaiDigits.Format(first)} (duplicate of line {first})")); continue; }
            seen[(office, form)] = line;
            valid.Add((line, office, form, status, at, Cell("submitted_by"), Cell("reference") is { Length: > 0 } r ? r : null));
        }

        foreach (var chunk in valid.GroupBy(v => v.Office).Chunk(StreamsPerTransaction))
        {
            var streams = chunk.Select(g => RequestedAction.StreamId(g.Key, origin, spec.Key)).ToList();
            var read = await store.ReadStreamsAsync(streams, ct);
            var appends = new List<StreamAppend>();
            var pending = new List<ImportRow>();
            foreach (var group in chunk)
            {
                var stream = RequestedAction.StreamId(group.Key, origin, spec.Key);
                var state = RequestedAction.Empty;
                foreach (var e in read[stream]) state = state.Apply(types.Deserialize(e));
                var version = state.Version;
                var events = new List<EventData>();
                foreach (var v in group)
                {
                    if (state.Assignment is null) { results.Add(new(v.Line, v.Office, v.Form, ImportOutcome.Rejected, "หน่วยงานนี้ไม่ได้รับคำขอนี้ (this office was never asked)")); continue; }
                    try
                    {
                        var recorded = RequestedAction.DecideForm(state, v.Form, v.Status, v.At, v.By.Length > 0 ? v.By : actor.User.FullName, v.Reference, actor.User.Id, now);
                        if (recorded is null) { results.Add(new(v.Line, v.Office, v.Form, ImportOutcome.Unchanged, null)); continue; }
                        state = state.Apply(recorded);
                        events.Add(types.ToEventData(recorded, Meta(actor, origin)));
                        pending.Add(new(v.Line, v.Office, v.Form, ImportOutcome.Accepted, recorded.Late ? "ส่งล่าช้า (late)" : null));
                    }
                    catch (DomainException ex) { results.Add(new(v.Line, v.Office, v.Form, ImportOutcome.Rejected, ex.Message)); }
                }
                if (events.Count > 0) appends.Add(new StreamAppend(stream, ExpectedVersion.Exactly(version), events));
            }
            if (appends.Count > 0) await store.AppendAsync(appends, ct);
            results.AddRange(pending);
        }
        return new ImportReport(results.OrderBy(r => r.Line).ToList());
    }

    private static Dictionary<string, int> Header(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        if (rows.Count == 0) throw new DomainException($"ไฟล์ว่าง ต้องมีหัวตาราง {string.Join(",", ImportColumns)} (the file is empty).");
        var header = rows[0].Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        var missing = ImportColumns.Where(c => !header.Contains(c)).ToList();
        var unknown = header.Where(h => !ImportColumns.Contains(h) && !OptionalColumns.Contains(h)).ToList();
        if (missing.Count > 0 || unknown.Count > 0 || header.Distinct().Count() != header.Count)
            throw new DomainException($"หัวตารางต้องเป็น {string.Join(",", ImportColumns)}[,reference]" +
                (missing.Count > 0 ? $" ขาด {string.Join(", ", missing)}" : "") + (unknown.Count > 0 ? $" ไม่รู้จัก {string.Join(", ", unknown)}" : "") +
                " (wrong columns).");
        return header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i);
    }

    public static FormStatus? ParseStatus(string text) => text.Trim().ToLowerInvariant() switch
    {
        "not-started" or "not_started" or "ยังไม่เริ่ม" or "ยังไม่ดำเนินการ" => FormStatus.NotStarted,
        "in-progress" or "in_progress" or "กำลังดำเนินการ" => FormStatus.InProgress,
        "submitted" or "ส่งแล้ว" => FormStatus.Submitted,
        _ => null,
    };
}
