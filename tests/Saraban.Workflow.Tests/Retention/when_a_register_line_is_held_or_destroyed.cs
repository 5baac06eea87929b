using Saraban.Workflow.Letters;
using Saraban.Workflow.Tests.EventStore;
using Saraban.Workflow.Tests.Letters;

namespace Saraban.Workflow.Tests.Retention;

/// <summary>
/// The registers' view carries a line's legal hold (อายัด) with its reason while it is held, and the
/// destroyed mark (ทำลายแล้ว), in both books: what the register's page shows a clerk.
/// </summary>
public abstract class when_a_register_line_is_held_or_destroyed(Backend backend)
{
    [Fact]
    public async Task the_line_shows_the_hold_until_it_is_lifted_and_the_destruction_after()
    {
        var clock = new MovableClock(new DateTimeOffset(2010, 6, 1, 9, 0, 0, Destruction.Bangkok));
        await using var offices = await Offices.OpenAsync(backend, clock);
        var received = await offices.EnterAsync("uttaradit.clerk", "prov-53", "สัญญาเช่าที่ราชพัสดุแปลงบ้านป่าขนุน");
        var sent = await offices.SendAsync("uttaradit.clerk", "uttaradit.governor", "prov-53", ["dist-5301"], Offices.Circular("แจ้งผลการสอบสวนข้อเท็จจริง"));
        var other = await offices.EnterAsync("uttaradit.clerk", "prov-53", "ขอเชิญประชุมประจำเดือน");
        var desk = offices.Desk();
        // Held before the views first see the line: its arrival and its hold are applied in one batch.
        await desk.HoldAsync("uttaradit.admin", received, true, "คดีแพ่งหมายเลขดำ ๓๓/๒๕๖๘");
        var views = await offices.ViewsAsync();
        Assert.Equal("คดีแพ่งหมายเลขดำ ๓๓/๒๕๖๘", (await views.Registers.FindIncomingAsync(received))!.Hold);
        Assert.Null((await views.Registers.FindIncomingAsync(other))!.Hold);

        await desk.HoldAsync("uttaradit.admin", OutgoingLetter.StreamId(sent), true, "ผู้ร้องเรียนขอสำเนา");
        await desk.HoldAsync("uttaradit.admin", received, false, "ศาลยกฟ้อง");
        views = await offices.ViewsAsync();
        Assert.Null((await views.Registers.FindIncomingAsync(received))!.Hold);
        var line = Assert.Single(await views.Registers.OutgoingAsync("prov-53"), l => l.LetterId == sent);
        Assert.Equal(("ผู้ร้องเรียนขอสำเนา", false), (line.Hold, line.Destroyed));
        await desk.HoldAsync("uttaradit.admin", OutgoingLetter.StreamId(sent), false, "ส่งสำเนาแล้ว");

        clock.Advance(new DateTimeOffset(2026, 1, 15, 9, 0, 0, Destruction.Bangkok) - clock.GetUtcNow());
        await offices.ReviewAsync(new DateOnly(2026, 1, 15), s => s != other);
        await desk.ApproveAsync("uttaradit.governor", "prov-53", 2026);
        await desk.DestroyAsync("uttaradit.clerk", "prov-53", 2026);
        views = await offices.ViewsAsync();
        var lines = await views.Registers.IncomingAsync("prov-53");
        Assert.True(Assert.Single(lines, l => l.StreamId == received).Destroyed);
        Assert.False(Assert.Single(lines, l => l.StreamId == other).Destroyed);
        line = Assert.Single(await views.Registers.OutgoingAsync("prov-53"), l => l.LetterId == sent);
        Assert.Equal((null, true), (line.Hold, line.Destroyed));
    }
}

public sealed class when_a_register_line_is_held_or_destroyed_on_sqlite() : when_a_register_line_is_held_or_destroyed(new SqliteBackend());
public sealed class when_a_register_line_is_held_or_destroyed_on_postgres() : when_a_register_line_is_held_or_destroyed(new PostgresBackend());
