using Saraban.Workflow.Access;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Numbering;
using Saraban.Workflow.Registers;
using Saraban.Workflow.Tests.EventStore;
using Saraban.Workflow.Tests.Letters;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Tests.Numbering;

public abstract class when_a_clerk_reserves_numbers(Backend backend)
{
    private static readonly DateTimeOffset Monday = new(2024, 6, 10, 9, 0, 0, TimeSpan.FromHours(7));

    private static LetterContent Letter(string subject) =>
        Offices.Circular(subject) with { Kind = LetterKind.ExternalLetter, AddresseeLine = "นายอำเภอเมืองอุตรดิตถ์" };

    [Fact]
    public async Task each_number_is_a_register_line_used_on_paper_by_a_letter_or_cancelled_and_the_book_has_no_gap()
    {
        var clock = new MovableClock(Monday);
        await using var offices = await Offices.OpenAsync(backend, clock);
        var letters = offices.Letters;

        var reservation = await letters.ReserveNumbersAsync("uttaradit.clerk", "prov-53", NumberSeries.Outgoing, 3, "หนังสือที่ผู้ว่าฯ ลงนามในการประชุมนอกสถานที่");
        Assert.Equal([1, 2, 3], reservation.Numbers.Select(n => n.Number));
        Assert.StartsWith("ที่ อต", reservation.Numbers[0].DocumentNumber);
        var next = await letters.DraftAsync("uttaradit.clerk", "prov-53", Letter("แจ้งกำหนดการตรวจราชการ"), ["dist-5301"]);
        await letters.SignAsync("uttaradit.governor", next);
        Assert.Equal(4, (await letters.DispatchAsync("uttaradit.clerk", next)).RunningNumber);

        await letters.UseReservedNumberAsync("uttaradit.clerk", reservation.ReservationId, 1, "ขอความร่วมมือสำรวจข้อมูลน้ำท่วม", "นายอำเภอลับแล", BangkokTime.DateOf(Monday));
        await letters.CancelReservedNumberAsync("uttaradit.clerk", reservation.ReservationId, 2, "ผู้ว่าฯ ไม่ลงนาม เรื่องยกเลิก");
        var third = await letters.DraftAsync("uttaradit.clerk", "prov-53", Letter("เชิญประชุมคณะกรมการจังหวัด"), ["dist-5301"]);
        await letters.SignAsync("uttaradit.governor", third);
        var sent = await letters.DispatchReservedAsync("uttaradit.clerk", third, reservation.ReservationId, 3);
        Assert.Equal((3, reservation.Numbers[2].DocumentNumber), (sent.RunningNumber, sent.DocumentNumber));

        var views = await offices.ViewsAsync();
        var book = (await views.Registers.OutgoingAsync("prov-53")).OrderBy(e => e.DocumentNumber!.Length).ThenBy(e => e.DocumentNumber).ToList();
        Assert.Equal(["1", "2", "3", "4"], book.Select(e => ThaiDigits.ToWestern(e.DocumentNumber!.Split('/')[^1])));
        Assert.Equal((OutgoingStatus.SentOnPaper, "ขอความร่วมมือสำรวจข้อมูลน้ำท่วม", "นายอำเภอลับแล"), (book[0].Status, book[0].Subject, book[0].AddresseeName));
        Assert.Equal((OutgoingStatus.Cancelled, "ผู้ว่าฯ ไม่ลงนาม เรื่องยกเลิก"), (book[1].Status, book[1].Note));
        Assert.Equal((OutgoingStatus.Dispatched, third), (book[2].Status, book[2].LetterId));
        Assert.Equal(next, book[3].LetterId);
        Assert.Empty(await views.Registers.ReservedAsync("prov-53"));
        Assert.Single(await views.Registers.OutgoingAsync("prov-53", RegisterQuery.Newest with { Text = "น้ำท่วม" }));

        var issued = await new NumberIssuer(offices.Store, offices.Types).ReadAsync("prov-53", NumberSeries.Outgoing, 2024);
        Assert.Equal((5, 4L), (issued.Next, issued.Version));
    }

    [Fact]
    public async Task a_number_is_used_once_and_a_cancelled_one_never_comes_back()
    {
        await using var offices = await Offices.OpenAsync(backend, new MovableClock(Monday));
        var letters = offices.Letters;
        var r = await letters.ReserveNumbersAsync("uttaradit.clerk", "prov-53", NumberSeries.OutgoingCircular, 2, "หนังสือเวียนถึงอำเภอ");
        await letters.UseReservedNumberAsync("uttaradit.clerk", r.ReservationId, 1, "แจ้งเวียนเรื่องวันหยุด", "นายอำเภอ ทุกอำเภอ", BangkokTime.DateOf(Monday));
        await letters.CancelReservedNumberAsync("uttaradit.clerk", r.ReservationId, 2, "พิมพ์ผิด");
        var before = await offices.Store.HeadPositionAsync();

        var usedTwice = await Assert.ThrowsAsync<NumberingException>(() =>
            letters.UseReservedNumberAsync("uttaradit.clerk", r.ReservationId, 1, "อีกเรื่อง", "นายอำเภอลับแล", BangkokTime.DateOf(Monday)));
        Assert.Contains("ใช้ไปแล้ว", usedTwice.Message);
        var cancelledAgain = await Assert.ThrowsAsync<NumberingException>(() =>
            letters.UseReservedNumberAsync("uttaradit.clerk", r.ReservationId, 2, "อีกเรื่อง", "นายอำเภอลับแล", BangkokTime.DateOf(Monday)));
        Assert.Contains("ยกเลิกแล้ว", cancelledAgain.Message);
        await Assert.ThrowsAsync<NumberingException>(() => letters.CancelReservedNumberAsync("uttaradit.clerk", r.ReservationId, 1, "เปลี่ยนใจ"));
        await Assert.ThrowsAsync<NumberingException>(() => letters.CancelReservedNumberAsync("uttaradit.clerk", r.ReservationId, 7, "ไม่มีเลขนี้"));
        // A circular's reserved number is not an ordinary letter's.
        var memo = await letters.DraftAsync("uttaradit.clerk", "prov-53", Letter("เรื่องธรรมดา"), ["dist-5301"]);
        await letters.SignAsync("uttaradit.governor", memo);
        before = await offices.Store.HeadPositionAsync();
        var r2 = await letters.ReserveNumbersAsync("uttaradit.clerk", "prov-53", NumberSeries.OutgoingCircular, 1, "อีกชุด");
        before = await offices.Store.HeadPositionAsync();
        await Assert.ThrowsAsync<NumberingException>(() => letters.DispatchReservedAsync("uttaradit.clerk", memo, r2.ReservationId, r2.Numbers[0].Number));
        Assert.Equal(before, await offices.Store.HeadPositionAsync());
    }

    [Fact]
    public async Task bad_reservations_are_refused_with_nothing_stored()
    {
        var clock = new MovableClock(Monday);
        await using var offices = await Offices.OpenAsync(backend, clock);
        var letters = offices.Letters;
        var r = await letters.ReserveNumbersAsync("uttaradit.clerk", "prov-53", NumberSeries.Outgoing, 1, "สำรองไว้");
        var before = await offices.Store.HeadPositionAsync();

        var tooMany = await Assert.ThrowsAsync<NumberingException>(() =>
            letters.ReserveNumbersAsync("uttaradit.clerk", "prov-53", NumberSeries.Outgoing, letters.Reservations.MaxPerReservation + 1, "มากเกิน"));
        Assert.Contains("ไม่เกิน ๕๐ เลข", tooMany.Message);
        await Assert.ThrowsAsync<NumberingException>(() => letters.ReserveNumbersAsync("uttaradit.clerk", "prov-53", NumberSeries.Outgoing, 0, "ศูนย์"));
        await Assert.ThrowsAsync<NumberingException>(() => letters.ReserveNumbersAsync("uttaradit.clerk", "prov-53", NumberSeries.Incoming, 2, "เลขรับ"));
        await Assert.ThrowsAsync<NumberingException>(() => letters.ReserveNumbersAsync("uttaradit.clerk", "prov-53", NumberSeries.Outgoing, 2, " "));
        // Another office's book: neither its clerk's reservation nor its numbers are this clerk's.
        await Assert.ThrowsAsync<AccessDeniedException>(() => letters.ReserveNumbersAsync("muang.clerk", "prov-53", NumberSeries.Outgoing, 2, "ของจังหวัด"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => letters.UseReservedNumberAsync("muang.clerk", r.ReservationId, 1, "เรื่อง", "ผู้รับ", BangkokTime.DateOf(Monday)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => letters.CancelReservedNumberAsync("muang.clerk", r.ReservationId, 1, "ไม่ใช่ของเรา"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => letters.ReserveNumbersAsync("uttaradit.governor", "prov-53", NumberSeries.Outgoing, 2, "ผู้ว่าฯ จองเอง"));
        await Assert.ThrowsAsync<NumberingException>(() => letters.UseReservedNumberAsync("uttaradit.clerk", r.ReservationId, 1, "เรื่อง", "ผู้รับ", BangkokTime.DateOf(Monday).AddDays(3)));
        await Assert.ThrowsAsync<NumberingException>(() => letters.UseReservedNumberAsync("uttaradit.clerk", r.ReservationId, 1, "", "ผู้รับ", BangkokTime.DateOf(Monday)));
        await Assert.ThrowsAsync<NumberingException>(() => letters.CancelReservedNumberAsync("uttaradit.clerk", r.ReservationId, 1, ""));
        await Assert.ThrowsAsync<NumberingException>(() => letters.CancelReservedNumberAsync("uttaradit.clerk", "no-such-reservation", 1, "ไม่มี"));

        Assert.Equal(before, await offices.Store.HeadPositionAsync());
    }

    [Fact]
    public async Task a_number_left_unused_past_the_days_allowed_is_flagged_then_cancelled_shows_as_a_cancelled_line()
    {
        var clock = new MovableClock(Monday);
        await using var offices = await Offices.OpenAsync(backend, clock);
        var r = await offices.Letters.ReserveNumbersAsync("uttaradit.clerk", "prov-53", NumberSeries.Outgoing, 2, "รอผู้ว่าฯ ลงนาม");
        var days = offices.Letters.Reservations.UnusedDays;

        clock.Advance(TimeSpan.FromDays(days - 1));
        var waiting = await (await offices.ViewsAsync()).Registers.ReservedAsync("prov-53");
        Assert.Equal(2, waiting.Count);
        Assert.DoesNotContain(waiting, e => e.IsOverdue(clock.GetUtcNow(), days));
        clock.Advance(TimeSpan.FromDays(2));
        Assert.All(waiting, e => Assert.True(e.IsOverdue(clock.GetUtcNow(), days)));
        Assert.Equal(r.ReservationId, waiting[0].ReservationId);

        await offices.Letters.CancelReservedNumberAsync("uttaradit.clerk", r.ReservationId, 1, "เกินกำหนด ไม่ได้ใช้");
        var views = await offices.ViewsAsync();
        var left = Assert.Single(await views.Registers.ReservedAsync("prov-53"));
        Assert.Equal(r.Numbers[1].DocumentNumber, left.DocumentNumber);
        var cancelled = (await views.Registers.OutgoingAsync("prov-53")).Single(e => e.DocumentNumber == r.Numbers[0].DocumentNumber);
        Assert.Equal((OutgoingStatus.Cancelled, "เกินกำหนด ไม่ได้ใช้", true), (cancelled.Status, cancelled.Note, cancelled.IsReservedNumber));
    }
}

public sealed class when_a_clerk_reserves_numbers_on_sqlite() : when_a_clerk_reserves_numbers(new SqliteBackend());
public sealed class when_a_clerk_reserves_numbers_on_postgres() : when_a_clerk_reserves_numbers(new PostgresBackend());
