using System.Text.Json;
using Saraban.Workflow.Access;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Retention;
using Saraban.Workflow.Tests.EventStore;
using Saraban.Workflow.Tests.Letters;

namespace Saraban.Workflow.Tests.Retention;

/// <summary>
/// The record of destruction (บันทึกการทำลาย): once the list is carried out, the office reads what
/// was destroyed, by whom and when, each line by its book, number, date, from and to, and none of
/// what the letters said; before, there is no record; another office cannot read it.
/// </summary>
public abstract class when_a_carried_out_list_is_recorded(Backend backend)
{
    private const string ReceivedSubject = "ขอเชิญประชุมคณะกรรมการน้ำบาดาลบ้านวังกะพี้";
    private const string SentSubject = "ขอความร่วมมือสำรวจบ่อน้ำตื้นรหัสนกเงือกคอแดง";
    private const string KeptSubject = "แผนที่แนวเขตป่าชุมชนบ้านน้ำไผ่";

    [Fact]
    public async Task it_names_the_committee_the_approval_the_destruction_and_each_line_without_its_subject()
    {
        var clock = new MovableClock(new DateTimeOffset(2010, 6, 1, 9, 0, 0, Destruction.Bangkok));
        await using var offices = await Offices.OpenAsync(backend, clock);
        var received = await offices.EnterAsync("uttaradit.clerk", "prov-53", ReceivedSubject);
        var sent = await offices.SendAsync("uttaradit.clerk", "uttaradit.governor", "prov-53", ["dist-5301"], Offices.Circular(SentSubject));
        var kept = await offices.EnterAsync("uttaradit.clerk", "prov-53", KeptSubject);
        clock.Advance(new DateTimeOffset(2026, 1, 15, 9, 0, 0, Destruction.Bangkok) - clock.GetUtcNow());
        var desk = offices.Desk();
        await offices.ReviewAsync(new DateOnly(2026, 1, 15), s => s != kept);

        // Before the destruction there is nothing to record: a clear refusal, not an empty record.
        Assert.Contains("ยังไม่มีบันทึกการทำลาย", (await Assert.ThrowsAsync<DomainException>(() => desk.RecordAsync("uttaradit.clerk", "prov-53", 2026))).Message);
        clock.Advance(TimeSpan.FromDays(3));
        await desk.ApproveAsync("uttaradit.governor", "prov-53", 2026);
        var approvedAt = clock.GetUtcNow();
        Assert.Contains("ยังไม่มีบันทึกการทำลาย", (await Assert.ThrowsAsync<DomainException>(() => desk.RecordAsync("uttaradit.clerk", "prov-53", 2026))).Message);
        Assert.Contains("ไม่พบบัญชี", (await Assert.ThrowsAsync<DomainException>(() => desk.RecordAsync("uttaradit.clerk", "prov-53", 2025))).Message);
        clock.Advance(TimeSpan.FromDays(2));
        await desk.DestroyAsync("uttaradit.clerk", "prov-53", 2026);
        var destroyedAt = clock.GetUtcNow();

        await Assert.ThrowsAsync<AccessDeniedException>(() => desk.RecordAsync("muang.clerk", "prov-53", 2026));
        var record = await desk.RecordAsync("uttaradit.tracker", "prov-53", 2026);
        string Name(string id) => offices.Access.Current.FindUser(id)!.FullName;
        Assert.Equal((2026, new DateOnly(2026, 1, 15)), (record.Year, record.AsOf));
        Assert.Equal(Name("uttaradit.vice"), record.Chair.Name);
        Assert.Equal([Name("uttaradit.tracker"), Name("uttaradit.admin")], record.Members.Select(m => m.Name));
        Assert.Equal((Name("uttaradit.governor"), approvedAt), (record.ApprovedBy.Name, record.ApprovedAt));
        Assert.NotEmpty(record.ApprovedBy.PositionLines);
        Assert.Equal((Name("uttaradit.clerk"), destroyedAt), (record.DestroyedBy.Name, record.DestroyedAt));
        Assert.Equal(1, record.Kept);

        Assert.Equal([received, OutgoingLetter.StreamId(sent)], record.Lines.Select(l => l.StreamId));
        var (incoming, outgoing) = (record.Lines[0], record.Lines[1]);
        Assert.True(incoming.Incoming);
        Assert.Equal(1, incoming.RegisterNumber);
        Assert.Equal(("บริษัท ไปรษณีย์ไทย จำกัด", record.OfficeName), (incoming.From, incoming.To));
        Assert.Equal(new DateOnly(2010, 6, 1), incoming.Date);
        Assert.False(outgoing.Incoming);
        Assert.NotNull(outgoing.RegisterNumber);
        Assert.StartsWith("ที่ ", outgoing.DocumentNumber);
        Assert.Contains("อำเภอเมืองอุตรดิตถ์", outgoing.To);
        Assert.Equal(record.OfficeName, outgoing.From);
        Assert.Contains("อุตรดิตถ์", record.OfficeName);

        // Thai as written (not \u-escaped), so that a subject in the record would be found.
        var json = JsonSerializer.Serialize(record, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("บริษัท ไปรษณีย์ไทย จำกัด", json);
        foreach (var gone in new[] { ReceivedSubject, SentSubject, "นกเงือกคอแดง", KeptSubject })
            Assert.DoesNotContain(gone, json);
    }
}

public sealed class when_a_carried_out_list_is_recorded_on_sqlite() : when_a_carried_out_list_is_recorded(new SqliteBackend());
public sealed class when_a_carried_out_list_is_recorded_on_postgres() : when_a_carried_out_list_is_recorded(new PostgresBackend());
