using System.Diagnostics;
using Saraban.Workflow.Actions;
using Saraban.Workflow.Directory;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Cascade;

/// <summary>A clock the cascade moves along the seed's timeline (2567), and the store records at.</summary>
public sealed class CascadeClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
    public void Set(DateTimeOffset at) => Interlocked.Exchange(ref _ticks, at.UtcTicks);
    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

public sealed record SeedStoryResult(int Requested, int Submitted, int Late, int RemindersSent, int DeadlineMoved, double DeadlineMovesSeconds,
    int Replied, int LettersDispatched, int Receipts, string ExtensionLetterId, double ComplianceQueryMs);

/// <summary>
/// The seed's second half, after the request has travelled: the LAOs reply with their nominees and
/// submit their self-assessment with a spread of delays (exported by the assessment system and
/// imported by the PM Office), and on 23 July 2567 the extension to 16 August travels the same way;
/// Phrae holds it until 13 August, so its LAOs that submit in between are late.
/// </summary>
public sealed class SeedStory(NationalCascade cascade, Correspondence letters, ActionDesk desk, ActionAssignment assignment, Delivery delivery,
    CascadeClock? sim, DirectoryView view, Func<CancellationToken, Task> remindAsync)
{
    public static readonly DateTimeOffset RequestSent = At(2024, 3, 14), ExtensionSent = At(2024, 7, 23), PhraeForwards = At(2024, 8, 13);
    private const string Phrae = "prov-54";

    private static DateTimeOffset At(int y, int m, int d, int hour = 9) => new(y, m, d, hour, 0, 0, TimeSpan.FromHours(7));

    internal async Task<SeedStoryResult> RunAsync(string origin, IReadOnlyList<string> firstAddressees, IReadOnlyDictionary<string, int> behaviour,
        CascadeOptions options, Random random, IProgress<string>? progress, CancellationToken ct)
    {
        await assignment.CatchUpAsync(ct);
        var locals = view.All.Where(o => o.Type.IsLocal()).ToList();
        var reached = (await Task.WhenAll(locals.Chunk(500).Select(async c => (await desk.ExistingAsync(origin, SeedActions.Assessment, c.Select(o => o.Id).ToList(), ct)))))
            .SelectMany(x => x).ToHashSet(StringComparer.Ordinal);
        var acting = locals.Where(o => reached.Contains(o.Id) && behaviour[o.Id] != (int)NationalCascade.Behaviour.Never).ToList();
        progress?.Report($"{reached.Count:N0} LAOs were asked to act; {acting.Count:N0} will");

        // Nominees by each LAO's reply-by date (two days before it; late ones three days after).
        int replied = 0;
        foreach (var group in acting.GroupBy(o => ReplyDay(origin, o, behaviour, view)).OrderBy(g => g.Key))
        {
            sim?.Set(group.Key);
            await remindAsync(ct);
            await Parallel.ForEachAsync(group, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct }, async (o, token) =>
            {
                if (await desk.ReplyAsync(CascadeStaff.Clerk(o.Id), new ActionRef(o.Id, origin, SeedActions.Workshop),
                    [new($"ผู้แทน {o.Name}", "ปลัด" + o.Type.ThaiName(), "0812345678", $"staff@{o.Id}.go.th")], token))
                    Interlocked.Increment(ref replied);
            });
        }

        // When each LAO submits its forms: prompt ones in June–July, late ones through August.
        var submittedOn = acting.ToDictionary(o => o.Id, o => behaviour[o.Id] == (int)NationalCascade.Behaviour.Late
            ? At(2024, 8, 1).AddDays(random.Next(0, 24)) : At(2024, 6, 4).AddDays(random.Next(0, 52)), StringComparer.Ordinal);
        sim?.Set(At(2024, 7, 22, 17));
        await ImportAsync(origin, submittedOn.Where(s => s.Value <= At(2024, 7, 22, 17)), ct);

        // The extension: the same offices, the same waves; Phrae holds it until 13 August.
        sim?.Set(ExtensionSent);
        progress?.Report("PM Office: the extension to 16 August");
        var content = NationalCascade.NationalCircular(firstAddressees.Count) with
        {
            Subject = "ขยายระยะเวลาการประเมินมาตรฐานขั้นต่ำการจัดบริการสาธารณะขององค์กรปกครองส่วนท้องถิ่น",
            References = [new("นร ๐๑๐๗/ว ๒๑๔๙", BangkokTime.DateOf(RequestSent), "สำนักงานปลัดสำนักนายกรัฐมนตรี", origin)],
            Body = ["ตามที่ได้แจ้งให้องค์กรปกครองส่วนท้องถิ่นประเมินตนเองภายในวันที่ ๓๑ กรกฎาคม ๒๕๖๗ นั้น บัดนี้ได้ขยายระยะเวลาถึงวันที่ ๑๖ สิงหาคม ๒๕๖๗",
                "จึงเรียนมาเพื่อโปรดแจ้งองค์กรปกครองส่วนท้องถิ่นในพื้นที่ทราบ"],
        };
        var extension = await NationalCascade.SendAsync(letters, "pmo-ops", content, firstAddressees, null, ct, id =>
            letters.ExtendActionAsync(CascadeStaff.Clerk("pmo-ops"), id, origin, SeedActions.Assessment, SeedActions.AssessmentExtendedTo, "ขยายระยะเวลาการประเมินตนเอง", ct));
        await delivery.CatchUpAsync(ct);
        var waves = behaviour.ToDictionary(b => b.Key, b => (NationalCascade.Behaviour)b.Value);
        if (waves.ContainsKey(Phrae) && waves[Phrae] != NationalCascade.Behaviour.Never) waves[Phrae] = NationalCascade.Behaviour.Held;
        sim?.Set(At(2024, 7, 23));
        var (dispatched, receipts) = await cascade.WavesAsync(letters, view, delivery, waves, extension, firstAddressees, content.Subject,
            new Dictionary<string, DateTimeOffset> { [Phrae] = PhraeForwards }, options, progress, ct, remindAsync);
        var moving = Stopwatch.StartNew();
        var moved = await assignment.CatchUpAsync(ct);
        var movesSeconds = moving.Elapsed.TotalSeconds;

        sim?.Set(At(2024, 9, 1));
        await remindAsync(ct);
        await ImportAsync(origin, submittedOn.Where(s => s.Value > At(2024, 7, 22, 17)), ct);
        return new SeedStoryResult(reached.Count, 0, 0, 0, moved, Math.Round(movesSeconds, 3), replied, dispatched + 1, receipts, extension, 0);
    }

    private static DateTimeOffset ReplyDay(string origin, Organization o, IReadOnlyDictionary<string, int> behaviour, DirectoryView view)
    {
        var due = SeedActions.All(view)[0].Due.For(o, view)!.Value.Due;
        return behaviour[o.Id] == (int)NationalCascade.Behaviour.Late ? At(due.Year, due.Month, due.Day).AddDays(3) : At(due.Year, due.Month, due.Day).AddDays(-2);
    }

    /// <summary>The assessment system's export for these LAOs, every form submitted at the LAO's time, imported by the PM Office's head.</summary>
    private async Task ImportAsync(string origin, IEnumerable<KeyValuePair<string, DateTimeOffset>> submissions, CancellationToken ct)
    {
        var rows = new List<IReadOnlyList<string>> { ActionDesk.ImportColumns.ToList() };
        foreach (var (office, at) in submissions)
            foreach (var form in SeedActions.AssessmentForms)
                rows.Add([office, form, "submitted", at.ToString("yyyy-MM-ddTHH:mm:sszzz"), $"นายก{view.Get(office).Name}"]);
        if (rows.Count > 1) await desk.ImportAsync(CascadeStaff.Head("pmo-ops"), origin, SeedActions.Assessment, rows, ct);
    }
}
