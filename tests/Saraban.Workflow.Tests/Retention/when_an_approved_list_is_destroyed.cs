using Saraban.Workflow.Letters;
using Saraban.Workflow.Registers;
using Saraban.Workflow.Retention;
using Saraban.Workflow.Secrets;
using Saraban.Workflow.Tests.EventStore;
using Saraban.Workflow.Tests.Files;
using Saraban.Workflow.Tests.Letters;
using Saraban.Workflow.Tests.Secrets;

namespace Saraban.Workflow.Tests.Retention;

/// <summary>
/// Destruction (การทำลายหนังสือ): the approved lines' content and files are erased while their
/// register lines and the log stay, and the chain still verifies; what a stolen disk shows holds
/// none of it. The sender's and the addressee's copies are each their own office's to destroy.
/// </summary>
public abstract class when_an_approved_list_is_destroyed(Backend backend)
{
    private const string Subject = "ขอความอนุเคราะห์ข้อมูลโครงการก่อสร้างสะพานบ้านหาดสองแคว";
    private const string Body = "ตามที่ผู้รับเหมาได้ขอขยายสัญญาเป็นกรณีพิเศษรหัสนกกระจอกเทศ";
    private const string Minute = "เรียน นายอำเภอ เห็นควรแจ้งกองช่างตรวจสอบสะพานหาดสองแคว";
    private const string SecretBody = "รายชื่อผู้ต้องสงสัยคดีบุกรุกป่าสงวนรหัสเสือดาวดำ";
    private const string KeptSubject = "แผนที่แนวเขตป่าชุมชนบ้านน้ำไผ่";
    private static readonly byte[] Enclosed = SampleFiles.Pdf("BRIDGE-CONTRACT-EXTENSION");

    private static LetterContent Letter(string subject, string body, Secrecy secrecy = Secrecy.None) =>
        Offices.Circular(subject) with { Kind = LetterKind.ExternalLetter, Secrecy = secrecy, Body = [body], AddresseeLine = "นายอำเภอเมืองอุตรดิตถ์", Enclosures = ["แบบแปลนสะพาน"] };

    private static async Task<(Offices, string Plain, string Secret, string Kept)> SendIn2010Async(Backend backend)
    {
        var clock = new MovableClock(new DateTimeOffset(2010, 6, 1, 9, 0, 0, Destruction.Bangkok));
        var offices = await Offices.OpenAsync(backend, clock);
        var plain = await offices.Letters.DraftAsync("uttaradit.clerk", "prov-53", Letter(Subject, Body), ["dist-5301"]);
        await offices.Files().AttachAsync("uttaradit.clerk", plain, new MemoryStream(Enclosed), "bridge.pdf", "สัญญาจ้างก่อสร้างสะพานหาดสองแคว");
        await offices.Letters.SignAsync("uttaradit.governor", plain);
        await offices.Letters.DispatchAsync("uttaradit.clerk", plain);
        var secret = await offices.SendAsync("uttaradit.clerk", "uttaradit.governor", "prov-53", ["dist-5301"], Letter("ลับมาก " + Subject, SecretBody, Secrecy.Secret));
        await offices.Delivery().CatchUpAsync();
        await offices.Letters.RegisterAsync("muang.clerk", IncomingLetter.StreamId("dist-5301", plain), clock.GetUtcNow());
        await offices.Letters.WriteMinuteAsync("muang.clerk", IncomingLetter.StreamId("dist-5301", plain), Minute);
        await offices.Letters.RegisterAsync("muang.clerk", IncomingLetter.StreamId("dist-5301", secret), clock.GetUtcNow());
        var kept = await offices.EnterAsync("uttaradit.clerk", "prov-53", KeptSubject);
        clock.Advance(new DateTimeOffset(2026, 1, 15, 9, 0, 0, Destruction.Bangkok) - clock.GetUtcNow());
        return (offices, plain, secret, kept);
    }

    private static readonly DateOnly AsOf = new(2026, 1, 15);

    [Fact]
    public async Task the_content_and_files_go_the_lines_and_the_log_stay_and_verify_holds()
    {
        var (offices, plain, secret, kept) = await SendIn2010Async(backend);
        await using var _ = offices;
        var desk = offices.Desk();
        var list = await offices.ReviewAsync(AsOf, s => s != kept);
        Assert.Equal(3, list.Items.Count);
        var head = await offices.Store.HeadPositionAsync();
        var refused = await Assert.ThrowsAsync<DomainException>(() => desk.DestroyAsync("uttaradit.clerk", "prov-53", 2026));
        Assert.Contains("ยังไม่ได้รับอนุมัติ", refused.Message);
        await desk.ApproveAsync("uttaradit.governor", "prov-53", 2026);
        await Assert.ThrowsAsync<Saraban.Workflow.Access.AccessDeniedException>(() => desk.DestroyAsync("muang.clerk", "prov-53", 2026));

        // A hold set after the approval, or a class made permanent, stops the whole destruction: nothing changes.
        await desk.HoldAsync("uttaradit.admin", OutgoingLetter.StreamId(plain), true, "ผู้รับเหมาฟ้องศาลปกครอง");
        head = await offices.Store.HeadPositionAsync();
        Assert.Contains("ระงับการทำลาย", (await Assert.ThrowsAsync<DomainException>(() => desk.DestroyAsync("uttaradit.clerk", "prov-53", 2026))).Message);
        Assert.Equal(head, await offices.Store.HeadPositionAsync());
        await desk.HoldAsync("uttaradit.admin", OutgoingLetter.StreamId(plain), false, "ศาลยกฟ้อง");
        await offices.Letters.SetRetentionAsync("uttaradit.admin", OutgoingLetter.StreamId(secret), RetentionClass.Permanent, "เก็บไว้เป็นหลักฐาน");
        head = await offices.Store.HeadPositionAsync();
        Assert.Contains("เก็บตลอดไป", (await Assert.ThrowsAsync<DomainException>(() => desk.DestroyAsync("uttaradit.clerk", "prov-53", 2026))).Message);
        Assert.Equal(head, await offices.Store.HeadPositionAsync());
        await offices.Letters.SetRetentionAsync("uttaradit.admin", OutgoingLetter.StreamId(secret), RetentionClass.TenYears, "ไม่จำเป็นแล้ว");

        var province = await desk.DestroyAsync("uttaradit.clerk", "prov-53", 2026);
        Assert.Equal((2, 0), (province.Destroyed, province.FilesDeleted)); // the district still keeps its copy, and the file with it
        await Assert.ThrowsAsync<DomainException>(() => desk.DestroyAsync("uttaradit.clerk", "prov-53", 2026));
        Assert.Equal(Subject, (await offices.Letters.ReadIncomingAsync("muang.clerk", IncomingLetter.StreamId("dist-5301", plain))).Arrival!.Content.Subject);
        Assert.Equal(SecretBody, (await offices.Letters.ReadIncomingAsync("muang.clerk", IncomingLetter.StreamId("dist-5301", secret))).Arrival!.Content.Body.Single());
        Assert.Equal(Enclosed, await (await offices.Files().OpenIncomingAsync("muang.clerk", IncomingLetter.StreamId("dist-5301", plain), 1)).Content.ReadAllAsync());

        // The district's own list of the same year: its copies go, the last holders of the file and of the secret letter's key.
        var district = offices.Desk();
        var its = await district.ProposeAsync("muang.clerk", await offices.SurveyAsync("dist-5301", AsOf));
        Assert.Equal(2, its.Items.Count);
        await district.SetCommitteeAsync("muang.clerk", "dist-5301", 2026, "muang.deputy", ["muang.tracker", "muang.clerk"]);
        foreach (var i in its.Items) await district.ConsiderAsync("muang.tracker", "dist-5301", 2026, i.StreamId, true, null);
        await district.ApproveAsync("muang.chief", "dist-5301", 2026);
        var copies = await district.DestroyAsync("muang.clerk", "dist-5301", 2026);
        Assert.Equal((2, 1), (copies.Destroyed, copies.FilesDeleted));
        Assert.Empty(await offices.StoredAsync());

        var report = await offices.Store.VerifyAsync();
        Assert.True(report.Holds, report.Problem);
        Assert.True(report.Erased >= 8, $"{report.Erased} events erased");
        Assert.Equal(ContentErasure.Marker, (await offices.Letters.ReadOutgoingAsync("uttaradit.governor", plain)).Content!.Subject);
        var copy = (await offices.Letters.ReadIncomingAsync("muang.clerk", IncomingLetter.StreamId("dist-5301", secret))).Arrival!.Content;
        Assert.Equal((ContentErasure.Marker, 0), (copy.Subject, copy.Body.Count));
        Assert.All(await offices.Store.ReadStreamAsync(LetterSecrets.StreamOf(secret)), e => Assert.Contains("\"wrapped\":\"\"", e.Data));

        var views = await offices.ViewsAsync();
        var line = Assert.Single(await views.Registers.OutgoingAsync("prov-53"), l => l.LetterId == plain);
        Assert.Equal((ContentErasure.Marker, "ทำลายแล้ว"), (line.Subject, line.Note));
        Assert.NotNull(line.DocumentNumber);
        Assert.Empty(await views.Registers.IncomingAsync("dist-5301", new RegisterQuery("สะพานบ้านหาด")));
        Assert.Single(await views.Registers.IncomingAsync("prov-53", new RegisterQuery("ป่าชุมชน")));
        Assert.Equal([kept], (await offices.SurveyAsync("prov-53", AsOf)).Expired.Select(i => i.StreamId));
        Assert.Empty((await offices.SurveyAsync("dist-5301", AsOf)).Expired);

        await views.Stored.CompactAsync();
        foreach (var gone in new[] { Subject, Body, Minute, SecretBody, "BRIDGE-CONTRACT-EXTENSION", "สัญญาจ้างก่อสร้างสะพาน", "นกกระจอกเทศ", "เสือดาวดำ" })
            Assert.True((await RawStorage.FindAsync(offices, gone)) is [], $"'{gone}' found in {string.Join(", ", await RawStorage.FindAsync(offices, gone))}");
        Assert.NotEmpty(await RawStorage.FindAsync(offices, KeptSubject));
    }

    [Fact]
    public async Task an_erased_event_altered_afterwards_breaks_the_chain()
    {
        var (offices, _, _, kept) = await SendIn2010Async(backend);
        await using var __ = offices;
        var desk = offices.Desk();
        await offices.ReviewAsync(AsOf, s => s != kept);
        await desk.ApproveAsync("uttaradit.governor", "prov-53", 2026);
        await desk.DestroyAsync("uttaradit.clerk", "prov-53", 2026);
        Assert.True((await offices.Store.VerifyAsync()).Holds);
        var erased = (await offices.Store.ReadAllAsync(0, 10_000)).First(e => e.StreamId.StartsWith("out-") && e.Data.Contains(ContentErasure.Marker));
        await backend.ExecuteRawAsync(offices.Store, $"UPDATE events SET data = replace(data, 'ทำลายแล้ว', 'แก้ไขแล้ว') WHERE event_id = '{erased.EventId}'");
        var report = await offices.Store.VerifyAsync();
        Assert.Equal(erased.Position, report.FirstBadPosition);
    }
}

public sealed class when_an_approved_list_is_destroyed_on_sqlite() : when_an_approved_list_is_destroyed(new SqliteBackend());
public sealed class when_an_approved_list_is_destroyed_on_postgres() : when_an_approved_list_is_destroyed(new PostgresBackend());
