using System.Collections.Concurrent;
using System.Diagnostics;
using Saraban.Workflow.Access;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Numbering;
using Saraban.Workflow.Routing;
using Saraban.Workflow.Tracking;
using Saraban.Workflow.Views;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Cascade;

/// <param name="LateShare">Share of offices that act only after everyone else has.</param>
/// <param name="NeverShare">Share of offices that never act (their whole subtree is never reached).</param>
/// <param name="Provinces">Limit the run to these provinces (tests); all 76 and Bangkok when null.</param>
/// <param name="Actions">Whether the circular asks the seed's actions, and the LAOs reply and submit, and the extension follows (<see cref="SeedStory"/>).</param>
public sealed record CascadeOptions(double LateShare = 0, double NeverShare = 0, int Seed = 2567, IReadOnlyList<string>? Provinces = null, int Parallelism = 32,
    bool Actions = true);

public sealed record CascadeResult(string OriginLetterId, int OrganizationsReached, int LettersDispatched, int Receipts, long Events,
    double Seconds, int ChainsVerified, int LocalOfficesExpected, int LocalOfficesRegistered, int Late, int Never, double TrackerQueryMedianMs, double TrackerQueryMaxMs,
    IReadOnlyDictionary<string, (int Reached, int Registered, int Acted)> Summary, SeedStoryResult? Story = null);

/// <summary>
/// The example of DOMAIN.md, run for real through the same commands staff use: the PM Office's
/// circular to every governor; each province registers it, minutes, approves and forwards it to its
/// districts and province-level LAOs; each district does the same to its LAOs; each LAO registers
/// and acknowledges it. Staff are simulated; some may be late or never act.
/// </summary>
/// <param name="routings">The routings offices follow (each command completes its step); none when null.</param>
public sealed class NationalCascade(IEventStore store, EventTypes types, TimeProvider clock, RoutingCatalog? routings = null)
{
    /// <summary>Held: an office holding this one letter until a given day (it sorts after Late so it acts last).</summary>
    internal enum Behaviour { Prompt, Late, Held, Never }

    public async Task<CascadeResult> RunAsync(CascadeOptions options, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var directory = new DirectoryService(store, types);
        await directory.ImportShippedAsync(new EventMetadata("cascade", "system", Guid.CreateVersion7(), null), ct);
        var access = new AccessService(store, types, directory, new Passwords(iterations: 1000));
        await CascadeStaff.EnsureAsync(access, directory.Current, clock, ct);
        var view = directory.Current;
        var routing = routings is null ? null : new LetterRouting(store, types, routings, access);
        var letters = new Correspondence(store, types, directory, access, new NumberIssuer(store, types), clock, routing);
        var delivery = new Delivery(store, StoreOptions.ProjectionStorageFor(store), types, routing, directory);
        await delivery.CatchUpAsync(ct);
        var random = new Random(options.Seed);
        var behaviour = view.All.ToDictionary(o => o.Id, _ => random.NextDouble() switch
        {
            var r when r < options.NeverShare => Behaviour.Never,
            var r when r < options.NeverShare + options.LateShare => Behaviour.Late,
            _ => Behaviour.Prompt,
        });
        behaviour["pmo-ops"] = Behaviour.Prompt;
        var provinces = options.Provinces ?? AddresseeGroup.AllProvinces.Resolve(view).Select(p => p.Id).ToList();
        var firstAddressees = options.Provinces is null ? [.. provinces, "lao-bma"] : provinces;

        long eventsBefore = await store.HeadPositionAsync(ct);
        var clockRun = Stopwatch.StartNew();
        var sim = clock as CascadeClock;
        sim?.Set(SeedStory.RequestSent);
        progress?.Report($"PM Office: circular to {firstAddressees.Count} addressees");
        var origin = await SendAsync(letters, "pmo-ops", NationalCircular(firstAddressees.Count), firstAddressees,
            options.Actions ? SeedActions.All(view) : null, ct);
        await delivery.CatchUpAsync(ct);
        var (dispatched, receipts) = await WavesAsync(letters, view, delivery, behaviour, origin, firstAddressees, NationalCircular(0).Subject,
            new Dictionary<string, DateTimeOffset>(), options, progress, ct);
        dispatched++;
        await using var views = await SarabanViews.OpenAsync(store, types, directory, routings ?? RoutingCatalog.Load(RoutingCatalog.DefaultFolder()), clock, ct: ct);
        SeedStoryResult? story = null;
        if (options.Actions)
        {
            // The reminder job as serve runs it, on each simulated day the story passes (no mail: the directory's mailboxes are placeholders).
            var round = new Actions.ReminderRound(store, types, directory, views, null, clock) { AwaitViews = async (_, c) => await views.CatchUpAsync(c) };
            async Task RemindAsync(CancellationToken c)
            {
                await views.CatchUpAsync(c);
                await round.RunAsync(c);
            }
            var assignment = new Actions.ActionAssignment(store, StoreOptions.ProjectionStorageFor(store), types, directory);
            story = await new SeedStory(this, letters, new Actions.ActionDesk(store, types, directory, access, clock), assignment, delivery, sim, view, RemindAsync)
                .RunAsync(origin, firstAddressees, behaviour.ToDictionary(b => b.Key, b => (int)b.Value), options, random, progress, ct);
            dispatched += story.LettersDispatched;
            receipts += story.Receipts;
        }
        var seconds = clockRun.Elapsed.TotalSeconds;

        // The tracker's answers come from the stored views, caught up with what the cascade wrote.
        await views.CatchUpAsync(ct);
        var locals = view.All.Where(o => o.Type.IsLocal() && InScope(view, o, options.Provinces)).ToList();
        var (medianMs, maxMs) = await TimeTrackerQuestionAsync(views.Tracker, view, origin, provinces, ct);
        var summary = await views.Tracker.SummaryAsync(origin, ct);
        if (story is not null)
        {
            // The national compliance question (every LAO of one action, by province), asked 21 times: the median.
            IReadOnlyDictionary<string, Actions.ComplianceCounts> national = new Dictionary<string, Actions.ComplianceCounts>();
            var times = new List<double>();
            for (int i = 0; i < 21; i++)
            {
                var started = Stopwatch.GetTimestamp();
                national = await views.Compliance.CountsAsync(origin, SeedActions.Assessment, Actions.ComplianceGrouping.Province, BangkokTime.DateOf(clock.GetUtcNow()), ct: ct);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            var queryMs = times.Order().ElementAt(times.Count / 2);
            var all = national.Values;
            story = story with
            {
                Submitted = all.Sum(c => c.Done + c.DoneLate), Late = all.Sum(c => c.DoneLate + c.Overdue), ComplianceQueryMs = Math.Round(queryMs, 2),
                RemindersSent = await CountRemindersAsync(eventsBefore, ct),
            };
        }
        var localsRegistered = (await views.Tracker.LocalCountsAsync(origin, provinces, ct)).Values.Sum(c => c.Registered);
        return new CascadeResult(origin, summary.Values.Sum(s => s.Reached), dispatched, receipts,
            await store.HeadPositionAsync(ct) - eventsBefore, Math.Round(seconds, 2), await CountChainsAsync(origin, view, eventsBefore, ct), locals.Count,
            localsRegistered, behaviour.Count(b => b.Value == Behaviour.Late), behaviour.Count(b => b.Value == Behaviour.Never), medianMs, maxMs,
            summary.ToDictionary(s => s.Key, s => (s.Value.Reached, s.Value.Registered, s.Value.Acted)), story);
    }

    /// <summary>
    /// Waves: every office that has the letter and acts now handles it; what it sends is delivered;
    /// repeat. Late offices act once the prompt ones are done; an office in <paramref name="heldUntil"/>
    /// handles it only from that moment (Phrae holding the extension). On a simulated clock each wave
    /// is two days after the one before, the late round two weeks after the prompt one.
    /// </summary>
    internal async Task<(int Dispatched, int Receipts)> WavesAsync(Correspondence letters, DirectoryView view, Delivery delivery,
        IReadOnlyDictionary<string, Behaviour> behaviour, string origin, IReadOnlyList<string> firstAddressees, string subject,
        IReadOnlyDictionary<string, DateTimeOffset> heldUntil, CascadeOptions options, IProgress<string>? progress, CancellationToken ct,
        Func<CancellationToken, Task>? eachDay = null)
    {
        var sim = clock as CascadeClock;
        int dispatched = 0, receipts = 0;
        var waiting = firstAddressees.Select(a => (Office: a, Letter: origin)).ToList();
        foreach (var round in new[] { Behaviour.Prompt, Behaviour.Late, Behaviour.Held })
        {
            if (round == Behaviour.Late) sim?.Advance(TimeSpan.FromDays(12));
            while (true)
            {
                sim?.Advance(TimeSpan.FromDays(2));
                var at = clock.GetUtcNow();
                var now = waiting.Where(w => behaviour[w.Office] <= round && (!heldUntil.TryGetValue(w.Office, out var until) || (round == Behaviour.Held && until <= at) || sim is null))
                    .ToList();
                if (round == Behaviour.Held && now.Count == 0 && waiting.FirstOrDefault(w => heldUntil.ContainsKey(w.Office)) is { Office: { } held } && sim is not null)
                {
                    sim.Set(heldUntil[held]);
                    continue;
                }
                if (eachDay is not null) await eachDay(ct);
                if (now.Count == 0) break;
                waiting = waiting.Except(now).ToList();
                var next = new ConcurrentBag<(string, string)>();
                progress?.Report($"{now.Count:N0} offices handle the letter ({round.ToString().ToLowerInvariant()})");
                await Parallel.ForEachAsync(now, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct }, async (w, token) =>
                {
                    var (sent, to) = await HandleAsync(letters, view, w.Office, IncomingLetter.StreamId(w.Office, w.Letter), subject, token);
                    Interlocked.Increment(ref receipts);
                    if (sent is null) return;
                    Interlocked.Increment(ref dispatched);
                    foreach (var a in to) next.Add((a, sent));
                });
                progress?.Report($"{next.Count:N0} letters to deliver");
                await delivery.CatchUpAsync(ct);
                waiting.AddRange(next);
            }
        }
        return (dispatched, receipts);
    }

    private async Task<int> CountRemindersAsync(long after, CancellationToken ct)
    {
        int sent = 0;
        for (var page = await store.ReadAllAsync(after, 10_000, ct); page.Count > 0; page = await store.ReadAllAsync(after, 10_000, ct))
        {
            sent += page.Count(e => e.Type == "action-reminder-sent");
            after = page[^1].Position;
        }
        return sent;
    }

    /// <summary>The tracker's question, asked of every province: "which of its LAOs have not registered the circular?"</summary>
    private static async Task<(double MedianMs, double MaxMs)> TimeTrackerQuestionAsync(CirculationTracker tracker, DirectoryView view, string origin,
        IReadOnlyList<string> provinces, CancellationToken ct)
    {
        var times = new List<double>();
        foreach (var p in provinces)
        {
            var started = Stopwatch.GetTimestamp();
            await tracker.NotYetAsync(origin, Stage.Registered, view, view.Get(p), 1000, ct);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        times.Sort();
        return (Math.Round(times[times.Count / 2], 3), Math.Round(times[^1], 3));
    }

    private static bool InScope(DirectoryView view, Organization o, IReadOnlyList<string>? provinces) =>
        provinces is null || (view.ProvinceOf(o.Id) is { } p && provinces.Contains(p.Id));

    /// <summary>One office's part: a province or district registers, minutes, decides and forwards; an LAO registers and acknowledges.</summary>
    private async Task<(string? Sent, IReadOnlyList<string> To)> HandleAsync(Correspondence letters, DirectoryView view, string office, string incoming, string subject, CancellationToken ct)
    {
        var o = view.Get(office);
        var clerk = CascadeStaff.Clerk(office);
        await letters.RegisterAsync(clerk, incoming, clock.GetUtcNow(), ct);
        if (o.Type.IsLocal())
        {
            await letters.AcknowledgeAsync(CascadeStaff.Head(office), incoming, ct);
            return (null, []);
        }
        var to = o.Type == OrganizationType.Province
            ? AddresseeGroup.DistrictsOf(office).Resolve(view).Concat(AddresseeGroup.ProvinceLocalsOf(office).Resolve(view)).Select(x => x.Id).ToList()
            : AddresseeGroup.LocalsOf(office).Resolve(view).Select(x => x.Id).ToList();
        if (to.Count == 0) return (null, []);
        // Offices on a two-level routing have the deputy screen first and the head decide himself;
        // elsewhere half the offices have the deputy decide and sign, acting for the head.
        var twoLevel = routings?.Assignments.For(o) is { } flow && routings.Latest(flow).Steps.Any(s => s.Name == "screen");
        var decider = !twoLevel && office.Sum(c => c) % 2 == 0 && CascadeStaff.HasDeputy(o) ? CascadeStaff.Deputy(office) : CascadeStaff.Head(office);
        await letters.WriteMinuteAsync(clerk, incoming, $"เรียน {o.HeadTitle} เพื่อโปรดพิจารณา เห็นควรแจ้งหน่วยงานในพื้นที่ทราบและดำเนินการ", ct);
        if (twoLevel) await letters.WriteMinuteAsync(CascadeStaff.Deputy(office), incoming, "เห็นควรแจ้งตามเสนอ", ct);
        await letters.DecideAsync(decider, incoming, Decision.Forward, "ทราบ ดำเนินการตามเสนอ", ct);
        var content = NationalCircular(to.Count) with
        {
            Subject = subject,
            AddresseeLine = o.Type == OrganizationType.Province ? "นายอำเภอ ทุกอำเภอ และนายกองค์การบริหารส่วนจังหวัด" : "นายกเทศมนตรี และนายกองค์การบริหารส่วนตำบล ทุกแห่ง",
            OwningUnit = o.Type == OrganizationType.Province ? "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด" : "ที่ทำการปกครองอำเภอ",
        };
        var letter = await letters.ForwardAsync(clerk, incoming, content, to, ct: ct);
        await letters.SignAsync(decider, letter, ct);
        await letters.DispatchAsync(clerk, letter, ct);
        return (letter, to);
    }

    internal static async Task<string> SendAsync(Correspondence letters, string office, LetterContent content, IReadOnlyList<string> to,
        IReadOnlyList<Actions.RequestedActionSpec>? actions, CancellationToken ct, Func<string, Task>? beforeSigning = null)
    {
        var id = await letters.DraftAsync(CascadeStaff.Clerk(office), office, content, to, new DateOnly(2024, 7, 31), ct: ct);
        if (actions is not null) await letters.RequestActionsAsync(CascadeStaff.Clerk(office), id, actions, ct);
        if (beforeSigning is not null) await beforeSigning(id);
        await letters.SignAsync(CascadeStaff.Head(office), id, ct);
        await letters.DispatchAsync(CascadeStaff.Clerk(office), id, ct);
        return id;
    }

    /// <summary>Follows every LAO's letter back, hop by hop through forwards, and counts those that reach the origin.</summary>
    /// <remarks>Reads this run's events only (from <paramref name="after"/>): the whole chain was written by it, and a log of years would cost years.</remarks>
    private async Task<int> CountChainsAsync(string origin, DirectoryView view, long after, CancellationToken ct)
    {
        var forwards = new Dictionary<string, string?>(StringComparer.Ordinal);   // outgoing letter → the incoming stream it forwards
        var cameFrom = new Dictionary<string, string>(StringComparer.Ordinal);    // incoming stream → the outgoing letter that brought it
        var localArrivals = new List<string>();
        for (; ;)
        {
            var batch = await store.ReadAllAsync(after, 10_000, ct);
            if (batch.Count == 0) break;
            foreach (var e in batch)
            {
                if (e.Type == "letter-drafted") { var d = (LetterDrafted)types.Deserialize(e); forwards[d.LetterId] = d.Forwards; }
                else if (e.Type == "letter-arrived" && types.Deserialize(e) is LetterArrived { FromLetterId: { } from } a)
                {
                    cameFrom[e.StreamId] = from;
                    if (view.Find(a.OrganizationId)?.Type.IsLocal() == true) localArrivals.Add(e.StreamId);
                }
            }
            after = batch[^1].Position;
        }
        int verified = 0;
        foreach (var stream in localArrivals)
        {
            var letter = cameFrom[stream];
            for (int hops = 0; hops < 10 && forwards.GetValueOrDefault(letter) is { } forwarded && cameFrom.TryGetValue(forwarded, out var up); hops++)
                letter = up;
            if (letter == origin) verified++;
        }
        return verified;
    }

    internal static LetterContent NationalCircular(int addressees) => new(
        LetterKind.Circular, Urgency.MostUrgent, Secrecy.None,
        "การประชุมเชิงปฏิบัติการการประเมินมาตรฐานขั้นต่ำการให้บริการสาธารณะขององค์กรปกครองส่วนท้องถิ่น",
        "ผู้ว่าราชการจังหวัด ทุกจังหวัด", [], ["กำหนดการประชุม (QR Code)", "แบบตอบรับ (QR Code)"], [],
        [$"ด้วยสำนักงาน ก.ก.ถ. กำหนดให้องค์กรปกครองส่วนท้องถิ่นประเมินตนเองตามแบบ อปท.๑ และ อปท.๒-๑ ถึง ๒-๖ ระหว่างวันที่ ๔ มิถุนายน ถึง ๓๑ กรกฎาคม ๒๕๖๗ (ผู้รับ {addressees} แห่ง)",
         "จึงเรียนมาเพื่อโปรดพิจารณาแจ้งองค์กรปกครองส่วนท้องถิ่นในพื้นที่ดำเนินการต่อไป"],
        "สำนักงานคณะกรรมการการกระจายอำนาจให้แก่องค์กรปกครองส่วนท้องถิ่น", "โทร. ๐ ๒๒๘๓ ๔๐๐๐");
}
