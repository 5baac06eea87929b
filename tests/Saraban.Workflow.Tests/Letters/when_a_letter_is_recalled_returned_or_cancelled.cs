using Saraban.Workflow.Access;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Registers;
using Saraban.Workflow.Tests.EventStore;

namespace Saraban.Workflow.Tests.Letters;

public abstract class when_a_letter_is_recalled_returned_or_cancelled(Backend backend)
{
    private static LetterContent Letter(string subject) => Offices.Circular(subject) with { AddresseeLine = "นายอำเภอ ทุกอำเภอ" };

    private static async Task<string> SendAsync(Offices offices, string subject, params string[] to) =>
        await offices.SendAsync("uttaradit.clerk", "uttaradit.governor", "prov-53", to, Letter(subject));

    [Fact]
    public async Task a_recalled_copy_leaves_the_inbox_and_both_registers_the_history_and_the_tracker_show_it()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var letter = await SendAsync(offices, "ขอเชิญประชุมนายอำเภอ", "dist-5301", "dist-5302");
        var copy = IncomingLetter.StreamId("dist-5301", letter);
        var muang = offices.Access.Current.FindUser("muang.clerk")!;
        var views = await offices.ViewsAsync();
        Assert.Contains(await views.Inbox.ForAsync(muang), t => t.Subject == copy);
        Assert.Equal(2, (await views.Tracker.SummaryAsync(letter))[Tracking.TrackingView.Districts].Reached);

        await offices.Letters.RecallAsync("uttaradit.clerk", letter, "dist-5301", "ส่งผิดฉบับ แนบเอกสารไม่ครบ");

        await views.CatchUpAsync();
        Assert.DoesNotContain(await views.Inbox.ForAsync(muang), t => t.Subject == copy);
        var line = Assert.Single(await views.Registers.IncomingAsync("dist-5301"));
        Assert.Equal(IncomingStatus.Recalled, line.Status);
        Assert.Contains("ส่งผิดฉบับ แนบเอกสารไม่ครบ", line.Note);
        var sent = await views.Registers.FindOutgoingAsync(letter);
        Assert.Contains("เรียกคืนจาก", sent!.Note);
        Assert.Equal(IncomingStatus.Arrived, Assert.Single(await views.Registers.IncomingAsync("dist-5302")).Status);
        Assert.Contains("letter-withdrawn", (await offices.Store.ReadStreamAsync(copy)).Select(e => e.Type));
        Assert.Contains("letter-recalled", (await offices.Store.ReadStreamAsync(OutgoingLetter.StreamId(letter))).Select(e => e.Type));
        Assert.Equal("recalled", (await views.Tracker.ProgressAsync(letter, "dist-5301"))!.ActedHow);
        // The recalled office no longer counts as reached (it did, before the fix of issue 16's last item).
        Assert.Equal(1, (await views.Tracker.SummaryAsync(letter))[Tracking.TrackingView.Districts].Reached);
        // Nothing more can be done to a recalled copy, nor can it be recalled twice.
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.RegisterAsync("muang.clerk", copy, offices.Clock.GetUtcNow()));
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.RecallAsync("uttaradit.clerk", letter, "dist-5301", "อีกครั้ง"));
    }

    [Fact]
    public async Task a_registered_copy_is_not_recalled_but_returned_and_the_sender_sends_it_to_the_right_office()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var letter = await SendAsync(offices, "ขอข้อมูลโครงการชลประทาน", "dist-5301");
        var copy = IncomingLetter.StreamId("dist-5301", letter);
        await offices.Letters.RegisterAsync("muang.clerk", copy, offices.Clock.GetUtcNow());
        var before = await offices.Store.HeadPositionAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(() => offices.Letters.RecallAsync("uttaradit.clerk", letter, "dist-5301", "ส่งผิดที่"));
        Assert.Contains("ลงทะเบียนรับหนังสือนี้แล้ว", refused.Message);
        Assert.Contains("ส่งคืน", refused.Message);
        Assert.Equal(before, await offices.Store.HeadPositionAsync());

        await offices.Letters.ReturnAsync("muang.clerk", copy, "ไม่ใช่หนังสือของอำเภอเมือง เป็นเรื่องของอำเภอตรอน");
        await offices.Letters.RedirectAsync("uttaradit.clerk", letter, ["dist-5302"]);
        await offices.Delivery().CatchUpAsync();

        var views = await offices.ViewsAsync();
        var returned = Assert.Single(await views.Registers.IncomingAsync("dist-5301"));
        Assert.Equal((IncomingStatus.Returned, 1), (returned.Status, returned.ReceiveNumber));
        Assert.Contains("ไม่ใช่หนังสือของอำเภอเมือง", returned.Note);
        var resent = Assert.Single(await views.Registers.IncomingAsync("dist-5302"));
        var sent = (await views.Registers.FindOutgoingAsync(letter))!;
        Assert.Equal(sent.DocumentNumber, resent.DocumentNumber);
        Assert.Contains("ส่งคืน", sent.Note);
        Assert.Contains("ส่งต่อถึง", sent.Note);
        Assert.Equal(2, sent.AddresseeCount);
        Assert.Equal("returned", (await views.Tracker.ProgressAsync(letter, "dist-5301"))!.ActedHow);
        // Reached and registered: the office that sent it back no more, the right office now.
        var districts = (await views.Tracker.SummaryAsync(letter))[Tracking.TrackingView.Districts];
        Assert.Equal((1, 0), (districts.Reached, districts.Registered));
        Assert.Contains("letter-returned-to-sender", (await offices.Store.ReadStreamAsync(OutgoingLetter.StreamId(letter))).Select(e => e.Type));

        before = await offices.Store.HeadPositionAsync();
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.ReturnAsync("muang.clerk", copy, "อีกครั้ง"));
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.WriteMinuteAsync("muang.clerk", copy, "เรียน นายอำเภอ"));
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.RedirectAsync("uttaradit.clerk", letter, ["dist-5301"]));
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.RedirectAsync("uttaradit.clerk", letter, ["prov-53"]));
        Assert.Equal(before, await offices.Store.HeadPositionAsync());
    }

    [Fact]
    public async Task returning_what_was_never_received_or_by_another_office_and_recalling_without_a_reason_are_refused_with_nothing_stored()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var letter = await SendAsync(offices, "แจ้งกำหนดการตรวจราชการ", "dist-5301");
        var copy = IncomingLetter.StreamId("dist-5301", letter);
        var (paper, _) = await offices.Letters.RegisterPaperAsync("muang.clerk", "dist-5301", new PaperLetter("บริษัท ไปรษณีย์ไทย จำกัด", "ที่ ปณท ๑๒๓/๒๕๖๗",
            Saraban.Workflow.Thai.BangkokTime.DateOf(offices.Clock.GetUtcNow()), Letter("ขอข้อมูลที่อยู่") with { Kind = LetterKind.ExternalLetter, Body = [] }), offices.Clock.GetUtcNow());
        var before = await offices.Store.HeadPositionAsync();

        var never = await Assert.ThrowsAsync<DomainException>(() => offices.Letters.ReturnAsync("muang.clerk", IncomingLetter.StreamId("dist-5301", "no-such-letter"), "ไม่ใช่ของเรา"));
        Assert.Contains("ส่งคืนได้เฉพาะหนังสือที่ได้รับ", never.Message);
        await Assert.ThrowsAsync<AccessDeniedException>(() => offices.Letters.ReturnAsync("uttaradit.clerk", copy, "ไม่ใช่ของเรา"));
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.ReturnAsync("muang.clerk", copy, " "));
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.ReturnAsync("muang.clerk", paper, "ไม่ใช่ของเรา"));
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.RecallAsync("uttaradit.clerk", letter, "dist-5301", ""));
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.RecallAsync("uttaradit.clerk", letter, "dist-5302", "ไม่ได้ส่งถึง"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => offices.Letters.RecallAsync("muang.clerk", letter, "dist-5301", "ไม่ใช่ผู้ส่ง"));

        Assert.Equal(before, await offices.Store.HeadPositionAsync());
    }

    [Fact]
    public async Task a_letter_cancelled_before_it_goes_keeps_its_register_line_marked_cancelled_with_the_reason()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var draft = await offices.Letters.DraftAsync("uttaradit.clerk", "prov-53", Letter("ขอเชิญร่วมงานวันท้องถิ่นไทย"), ["dist-5301"]);
        await offices.Letters.SignAsync("uttaradit.governor", draft);
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.CancelAsync("uttaradit.clerk", draft, ""));

        await offices.Letters.CancelAsync("uttaradit.clerk", draft, "งานเลื่อนไม่มีกำหนด");

        var line = (await (await offices.ViewsAsync()).Registers.FindOutgoingAsync(draft))!;
        Assert.Equal((OutgoingStatus.Cancelled, "งานเลื่อนไม่มีกำหนด"), (line.Status, line.Note));
        var before = await offices.Store.HeadPositionAsync();
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.DispatchAsync("uttaradit.clerk", draft));
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.CancelAsync("uttaradit.clerk", draft, "อีกครั้ง"));
        var sent = await SendAsync(offices, "เรื่องที่ส่งไปแล้ว", "dist-5301");
        before = await offices.Store.HeadPositionAsync();
        var late = await Assert.ThrowsAsync<DomainException>(() => offices.Letters.CancelAsync("uttaradit.clerk", sent, "ส่งไปแล้ว"));
        Assert.Contains("เรียกคืน", late.Message);
        Assert.Equal(before, await offices.Store.HeadPositionAsync());
    }
}

public sealed class when_a_letter_is_recalled_returned_or_cancelled_on_sqlite() : when_a_letter_is_recalled_returned_or_cancelled(new SqliteBackend());
public sealed class when_a_letter_is_recalled_returned_or_cancelled_on_postgres() : when_a_letter_is_recalled_returned_or_cancelled(new PostgresBackend());
