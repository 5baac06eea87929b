using Saraban.Workflow.Access;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Letters;

namespace Saraban.Workflow.Demo;

/// <summary>
/// The domain guide's chain, part-way, so each demo user finds real work on a new database: the PM
/// Office's circular registered and forwarded by Uttaradit two days ago, by Tha Pla district on to
/// its local offices (two of them registered, one acted), Mueang district's chief late with his
/// decision (a reminder is raised within a minute of the start), a few provinces registered, a letter from Phrae
/// waiting for Uttaradit's clerk and another for the governor's decision, Mueang's own circular
/// waiting for the LAO's clerk, and the PM Office's second circular drafted for the head to sign.
/// Told once: not when Uttaradit has already registered the circular.
/// </summary>
public static class DemoStory
{
    /// <summary>When the story's earlier acts happened: two days before the start, so their next steps are overdue.</summary>
    public static readonly TimeSpan Earlier = TimeSpan.FromDays(2);

    public const string ThaPlaName = "อำเภอท่าปลา";
    public const string PhraeId = "prov-54";

    /// <param name="at">The commands as of an instant (the story's past), with routing.</param>
    /// <param name="deliver">Delivers what was dispatched, as serve's background delivery does.</param>
    private static async Task<bool> ToldAsync(Correspondence now, string province, CancellationToken ct)
    {
        try { return (await now.ReadIncomingAsync("uttaradit.clerk", province, ct)).Registration is not null; }
        catch (DomainException) { return false; } // not delivered yet, or the demo accounts are gone: the usual path decides
    }

    public static async Task EnsureAsync(Correspondence now, Func<DateTimeOffset, Correspondence> at, Func<Task> deliver,
        AccessService access, CancellationToken ct)
    {
        var province = $"in-prov-53-{DemoData.CircularId}";
        // On a restart the story is told already: the node need not wait for Delivery to catch up
        // first, which on a big log with a writer beside it took most of the start (18 s measured).
        if (await ToldAsync(now, province, ct)) return;
        await deliver();
        var directory = now.Directory;
        var received = await now.ReadIncomingAsync("uttaradit.clerk", province, ct);
        if (received.Registration is not null || received.Arrival is null) return;

        var then = DateTimeOffset.UtcNow - Earlier;
        var past = at(then);
        var thaPla = directory.ChildrenOf("prov-53").First(o => o.Name == ThaPlaName);
        var thaPlaLocals = AddresseeGroup.LocalsOf(thaPla.Id).Resolve(directory);
        var others = new[] { "prov-50", "prov-54", "prov-55", "prov-65" }.Where(id => directory.Find(id) is not null).ToList();
        await StaffAsync(access, directory, [thaPla.Id, .. thaPlaLocals.Take(2).Select(o => o.Id), .. others], ct);

        // Uttaradit registers, minutes, decides, forwards, signs and dispatches (ที่ อต ๐๐๒๓.๓/ว ๑).
        var toDistricts = await PassOnAsync(past, province, "uttaradit.clerk", "uttaradit.governor", then,
            [AddresseeGroup.DistrictsOf("prov-53"), AddresseeGroup.ProvinceLocalsOf("prov-53")], directory,
            "นายอำเภอ ทุกอำเภอ นายกองค์การบริหารส่วนจังหวัด และนายกเทศมนตรีนคร", "เรียน ผู้ว่าราชการจังหวัดอุตรดิตถ์ เพื่อโปรดพิจารณา เห็นควรแจ้งอำเภอและ อปท. ในพื้นที่", ct);
        // Some provinces register the circular as well; the national tracker sees them.
        foreach (var p in others) await now.RegisterAsync(Clerk(p), $"in-{p}-{DemoData.CircularId}", DateTimeOffset.UtcNow, ct);
        await deliver();

        // Tha Pla passes it on to its local offices; two of them register it, the first one acts.
        var thaPlaIn = $"in-{thaPla.Id}-{toDistricts}";
        var toLocals = await PassOnAsync(now, thaPlaIn, Clerk(thaPla.Id), Head(thaPla.Id), DateTimeOffset.UtcNow,
            [AddresseeGroup.LocalsOf(thaPla.Id)], directory, "นายกเทศมนตรี และนายกองค์การบริหารส่วนตำบล ทุกแห่ง",
            "เรียน นายอำเภอท่าปลา เพื่อโปรดพิจารณา เห็นควรแจ้ง อปท. ในพื้นที่", ct);
        await deliver();
        foreach (var (lao, i) in thaPlaLocals.Take(2).Select((o, i) => (o, i)))
        {
            var stream = $"in-{lao.Id}-{toLocals}";
            await now.RegisterAsync(Clerk(lao.Id), stream, DateTimeOffset.UtcNow, ct);
            if (i == 0)
            {
                await now.AcknowledgeAsync(Head(lao.Id), stream, ct);
                await now.ReportActionDoneAsync(Clerk(lao.Id), stream, "ส่งแบบประเมิน อปท.๑ ในระบบแล้ว", ct);
            }
        }

        // Mueang registered and minuted it two days ago: the chief's decision is late.
        var muangIn = $"in-dist-5301-{toDistricts}";
        await past.RegisterAsync("muang.clerk", muangIn, then, ct);
        await past.WriteMinuteAsync("muang.clerk", muangIn, "เรียน นายอำเภอเมืองอุตรดิตถ์ เพื่อโปรดพิจารณา เห็นควรแจ้ง อปท. ในพื้นที่ทราบและดำเนินการ", ct);

        // Mueang's own circular to its local offices waits for the LAO's clerk.
        await SendAsync(now, "muang.clerk", "muang.chief", "dist-5301", AddresseeGroup.LocalsOf("dist-5301").Resolve(directory).Select(o => o.Id).ToList(),
            LetterKind.Circular, Urgency.VeryUrgent, "การประชุมประจำเดือนกำนัน ผู้ใหญ่บ้าน และผู้บริหารท้องถิ่น เดือนธันวาคม ๒๕๖๙",
            "นายกเทศมนตรี และนายกองค์การบริหารส่วนตำบล ทุกแห่ง",
            ["ด้วยอำเภอเมืองอุตรดิตถ์กำหนดประชุมประจำเดือนในวันที่ ๘ ธันวาคม ๒๕๖๙ เวลา ๐๙.๓๐ น. ณ ห้องประชุมที่ว่าการอำเภอ", "จึงเรียนมาเพื่อทราบและเข้าร่วมประชุมโดยพร้อมเพรียงกัน"], ct);

        // Two letters from Phrae: one waits for Uttaradit's clerk, the other for the governor's decision.
        var phrae1 = await SendAsync(now, Clerk(PhraeId), Head(PhraeId), PhraeId, ["prov-53"], LetterKind.ExternalLetter, Urgency.MostUrgent,
            "ขอความร่วมมือเฝ้าระวังไฟป่าและหมอกควันในพื้นที่รอยต่อจังหวัด", "ผู้ว่าราชการจังหวัดอุตรดิตถ์",
            ["ด้วยจังหวัดแพร่ได้รับรายงานจุดความร้อนในพื้นที่ป่ารอยต่อระหว่างจังหวัดเพิ่มขึ้น", "จึงเรียนมาเพื่อโปรดพิจารณาให้ความร่วมมือเฝ้าระวังร่วมกัน"], ct);
        var phrae2 = await SendAsync(now, Clerk(PhraeId), Head(PhraeId), PhraeId, ["prov-53"], LetterKind.ExternalLetter, Urgency.Urgent,
            "ขอเชิญประชุมคณะทำงานพัฒนาเส้นทางท่องเที่ยวเชื่อมโยงจังหวัดแพร่และอุตรดิตถ์", "ผู้ว่าราชการจังหวัดอุตรดิตถ์",
            ["ด้วยจังหวัดแพร่จะจัดประชุมคณะทำงานในวันที่ ๑๕ ธันวาคม ๒๕๖๙ ณ ศาลากลางจังหวัดแพร่", "จึงเรียนมาเพื่อโปรดพิจารณามอบหมายผู้แทนเข้าร่วมประชุม"], ct);
        await deliver();
        await now.RegisterAsync("uttaradit.clerk", $"in-prov-53-{phrae2}", DateTimeOffset.UtcNow, ct);
        await now.WriteMinuteAsync("uttaradit.clerk", $"in-prov-53-{phrae2}", "เรียน ผู้ว่าราชการจังหวัดอุตรดิตถ์ เพื่อโปรดพิจารณามอบหมายผู้แทน", ct);
        _ = phrae1;

        // The PM Office's second circular (the deadline extended) waits for the head's signature.
        await now.DraftAsync("pmo.clerk", "pmo-ops", new LetterContent(LetterKind.Circular, Urgency.MostUrgent, Secrecy.None,
            "ขยายระยะเวลาการประเมินมาตรฐานขั้นต่ำการให้บริการสาธารณะขององค์กรปกครองส่วนท้องถิ่น ประจำปี ๒๕๖๗", "ผู้ว่าราชการจังหวัด ทุกจังหวัด",
            [], [], [], ["ตามที่ได้แจ้งให้องค์กรปกครองส่วนท้องถิ่นประเมินตนเองภายในวันที่ ๓๑ กรกฎาคม ๒๕๖๗ นั้น", "บัดนี้ได้ขยายระยะเวลาถึงวันที่ ๑๖ สิงหาคม ๒๕๖๗ จึงเรียนมาเพื่อโปรดแจ้งองค์กรปกครองส่วนท้องถิ่นในพื้นที่ทราบ"],
            "สำนักงานคณะกรรมการการกระจายอำนาจให้แก่องค์กรปกครองส่วนท้องถิ่น", "โทร. ๐ ๒๒๘๓ ๔๐๐๐"),
            AddresseeGroup.AllProvinces.Resolve(directory).Select(o => o.Id).ToList(), new DateOnly(2024, 8, 16), ct: ct);
    }

    private static string Clerk(string office) => Cascade.CascadeStaff.Clerk(office);
    private static string Head(string office) => Cascade.CascadeStaff.Head(office);

    /// <summary>A clerk and a head for the story's other offices (the demo password).</summary>
    private static async Task StaffAsync(AccessService access, DirectoryView directory, IReadOnlyList<string> offices, CancellationToken ct)
    {
        await access.RefreshAsync(ct);
        var users = offices.Where(o => access.Current.FindUser(Clerk(o)) is null).SelectMany(id =>
        {
            var o = directory.Get(id);
            return new AccessService.NewUser[]
            {
                new(Clerk(id), id, $"เจ้าหน้าที่สารบรรณ {o.Name}", "เจ้าพนักงานธุรการ", [Role.Clerk]),
                new(Head(id), id, $"หัวหน้า {o.Name}", o.HeadTitle, [Role.Head]),
            };
        }).ToList();
        if (users.Count > 0) await access.RegisterUsersAsync(users, DemoData.Password, new EventMetadata("system", "system", Guid.CreateVersion7(), null), ct);
    }

    /// <summary>A received letter through its office: registered, minuted, decided, forwarded, signed, dispatched; the forwarding letter's id.</summary>
    private static async Task<string> PassOnAsync(Correspondence c, string stream, string clerk, string head, DateTimeOffset receivedAt,
        IReadOnlyList<AddresseeGroup> to, DirectoryView directory, string addresseeLine, string minute, CancellationToken ct)
    {
        await c.RegisterAsync(clerk, stream, receivedAt, ct);
        await c.WriteMinuteAsync(clerk, stream, minute, ct);
        await c.DecideAsync(head, stream, Decision.Forward, "ทราบ ดำเนินการ", ct);
        var arrival = (await c.ReadIncomingAsync(clerk, stream, ct)).Arrival!;
        var content = arrival.Content with
        {
            AddresseeLine = addresseeLine,
            Body =
            [
                $"ด้วย{arrival.SenderName}ได้มีหนังสือ{arrival.DocumentNumber} ลงวันที่ {Thai.ThaiDate.FormatFull(arrival.Date)} เรื่อง {arrival.Content.Subject} รายละเอียดปรากฏตามสิ่งที่ส่งมาด้วย",
                "จึงเรียนมาเพื่อทราบ และดำเนินการในส่วนที่เกี่ยวข้องต่อไป",
            ],
        };
        var id = await c.ForwardAsync(clerk, stream, content, to.SelectMany(g => g.Resolve(directory)).Select(o => o.Id).Distinct().ToList(), arrival.ActionDue, ct: ct);
        await c.SignAsync(head, id, ct);
        await c.DispatchAsync(clerk, id, ct);
        return id;
    }

    private static async Task<string> SendAsync(Correspondence c, string clerk, string head, string office, IReadOnlyList<string> to, LetterKind kind,
        Urgency urgency, string subject, string addresseeLine, IReadOnlyList<string> body, CancellationToken ct)
    {
        var o = c.Directory.Get(office);
        var id = await c.DraftAsync(clerk, office, new LetterContent(kind, urgency, Secrecy.None, subject, addresseeLine, [], [], [], body, o.Name, ""), to, ct: ct);
        await c.SignAsync(head, id, ct);
        await c.DispatchAsync(clerk, id, ct);
        return id;
    }
}
