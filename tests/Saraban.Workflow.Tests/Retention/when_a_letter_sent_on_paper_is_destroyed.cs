using Saraban.Workflow.Numbering;
using Saraban.Workflow.Registers;
using Saraban.Workflow.Retention;
using Saraban.Workflow.Tests.EventStore;
using Saraban.Workflow.Tests.Letters;
using Saraban.Workflow.Tests.Secrets;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Tests.Retention;

/// <summary>
/// A letter sent on paper under a reserved number (จองเลข) is listed, considered and destroyed like any
/// other: its register line keeps its number, date and addressee, its subject goes from the log and
/// the views, and it is surveyed no more. Numbers reserved and never used, or cancelled, hold no
/// letter and are never listed.
/// </summary>
public abstract class when_a_letter_sent_on_paper_is_destroyed(Backend backend)
{
    private const string Subject = "ขอความร่วมมือสำรวจบ่อบาดาลรหัสนกแก้วหัวแพร";

    [Fact]
    public async Task its_line_is_listed_by_its_reservation_and_number_and_its_subject_goes()
    {
        var clock = new MovableClock(new DateTimeOffset(2010, 6, 1, 9, 0, 0, Destruction.Bangkok));
        await using var offices = await Offices.OpenAsync(backend, clock);
        var reservation = await offices.Letters.ReserveNumbersAsync("uttaradit.clerk", "prov-53", NumberSeries.Outgoing, 3, "หนังสือที่ผู้ว่าฯ ลงนามนอกสถานที่");
        await offices.Letters.UseReservedNumberAsync("uttaradit.clerk", reservation.ReservationId, 1, Subject, "นายอำเภอลับแล", BangkokTime.DateOf(clock.GetUtcNow()));
        await offices.Letters.CancelReservedNumberAsync("uttaradit.clerk", reservation.ReservationId, 2, "ผู้ว่าฯ ไม่ลงนาม");
        var received = await offices.EnterAsync("uttaradit.clerk", "prov-53", "ขอเชิญประชุมประจำเดือน");
        clock.Advance(new DateTimeOffset(2026, 1, 15, 9, 0, 0, Destruction.Bangkok) - clock.GetUtcNow());

        var survey = await offices.SurveyAsync("prov-53", new DateOnly(2026, 1, 15));
        var paperLine = PaperLine.Id(NumberReservation.StreamId(reservation.ReservationId), 1);
        // The used number's letter and the received one; neither the cancelled number nor the one never used.
        Assert.Equal([received, paperLine], survey.Expired.Select(i => i.LetterStream));
        var list = await offices.ReviewAsync(new DateOnly(2026, 1, 15), _ => true);
        Assert.Equal([received, paperLine], list.Items.Select(i => i.StreamId));
        Assert.True(list.Considered[paperLine].Destroy);
        var desk = offices.Desk();
        await desk.ApproveAsync("uttaradit.governor", "prov-53", 2026);
        Assert.Equal(2, (await desk.DestroyAsync("uttaradit.clerk", "prov-53", 2026)).Destroyed);

        var views = await offices.ViewsAsync();
        var book = await views.Registers.OutgoingAsync("prov-53");
        var line = Assert.Single(book, l => l.LetterId == RegistersView.ReservedLineId(reservation.ReservationId, 1));
        Assert.Equal((OutgoingStatus.SentOnPaper, ContentErasure.Marker, "นายอำเภอลับแล", true), (line.Status, line.Subject, line.AddresseeName, line.Destroyed));
        Assert.NotNull(line.DocumentNumber);
        var cancelled = Assert.Single(book, l => l.LetterId == RegistersView.ReservedLineId(reservation.ReservationId, 2));
        Assert.Equal((OutgoingStatus.Cancelled, false), (cancelled.Status, cancelled.Destroyed));
        Assert.Empty((await offices.SurveyAsync("prov-53", new DateOnly(2026, 1, 15))).Expired);
        Assert.Empty(await views.Registers.OutgoingAsync("prov-53", new RegisterQuery("นกแก้วหัวแพร")));

        var record = await desk.RecordAsync("uttaradit.clerk", "prov-53", 2026);
        var recorded = Assert.Single(record.Lines, l => l.StreamId == paperLine);
        Assert.Equal((false, 1, "นายอำเภอลับแล", record.OfficeName), (recorded.Incoming, recorded.RegisterNumber, recorded.To, recorded.From));

        var report = await offices.Store.VerifyAsync();
        Assert.True(report.Holds, report.Problem);
        // A second run finds nothing left to destroy, and the reservation's stream still takes its numbers' fate.
        await Assert.ThrowsAsync<DomainException>(() => desk.DestroyAsync("uttaradit.clerk", "prov-53", 2026));
        await offices.Letters.CancelReservedNumberAsync("uttaradit.clerk", reservation.ReservationId, 3, "ไม่ได้ใช้ ล่วงเลยปี");
        await views.Stored.CompactAsync();
        Assert.True((await RawStorage.FindAsync(offices, "นกแก้วหัวแพร")) is [], string.Join(", ", await RawStorage.FindAsync(offices, "นกแก้วหัวแพร")));
    }
}

public sealed class when_a_letter_sent_on_paper_is_destroyed_on_sqlite() : when_a_letter_sent_on_paper_is_destroyed(new SqliteBackend());
public sealed class when_a_letter_sent_on_paper_is_destroyed_on_postgres() : when_a_letter_sent_on_paper_is_destroyed(new PostgresBackend());
