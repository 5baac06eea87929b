using Saraban.Workflow.Access;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Registers;
using Saraban.Workflow.Routing;
using Saraban.Workflow.Tests.EventStore;

namespace Saraban.Workflow.Tests.Letters;

public abstract class when_a_clerk_registers_a_paper_letter(Backend backend)
{
    private static PaperLetter Letter(DateOnly date) => new("บริษัท ไปรษณีย์ไทย จำกัด", "ที่ ปณท ๑๒๓/๒๕๖๗", date,
        Offices.Circular("ขอความอนุเคราะห์ข้อมูลที่อยู่องค์กรปกครองส่วนท้องถิ่น") with { Kind = LetterKind.ExternalLetter, Body = [] });

    [Fact]
    public async Task it_gets_a_receive_number_keeps_both_times_and_waits_for_its_minute()
    {
        var clock = new MovableClock(new DateTimeOffset(2024, 6, 10, 9, 0, 0, TimeSpan.FromHours(7)));
        await using var offices = await Offices.OpenAsync(backend, clock);
        var cameYesterday = clock.GetUtcNow().AddHours(-20);

        var (stream, number) = await offices.Letters.RegisterPaperAsync("uttaradit.clerk", "prov-53", Letter(new DateOnly(2024, 6, 5)), cameYesterday);

        var letter = await offices.Letters.ReadIncomingAsync("uttaradit.clerk", stream);
        Assert.Equal(1, number);
        Assert.Equal(ArrivalChannel.Paper, letter.Arrival!.Channel);
        Assert.Equal(cameYesterday, letter.Registration!.ReceivedAt);
        Assert.Equal(clock.GetUtcNow(), letter.Registration.RegisteredAt);
        var routing = await new RoutingEngine(offices.Store, offices.Types, Offices.Routings, offices.Access, clock).ReadAsync(LetterRouting.InstanceId(stream));
        Assert.Equal("minute", routing.Current);
        var (_, second) = await offices.Letters.RegisterPaperAsync("uttaradit.clerk", "prov-53", Letter(new DateOnly(2024, 6, 5)), cameYesterday);
        Assert.Equal(2, second);
    }

    [Fact]
    public async Task the_same_entry_sent_twice_is_registered_once()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var now = offices.Clock.GetUtcNow();
        var today = Saraban.Workflow.Thai.BangkokTime.DateOf(now);

        var first = await offices.Letters.RegisterPaperAsync("uttaradit.clerk", "prov-53", Letter(today), now, entryKey: "form-42");
        var again = await offices.Letters.RegisterPaperAsync("uttaradit.clerk", "prov-53", Letter(today), now, entryKey: "form-42");

        Assert.Equal(first, again);
        Assert.Equal(2, (await offices.Store.ReadStreamAsync(first.IncomingStreamId)).Count);
    }

    [Fact]
    public async Task bad_entries_are_refused_with_nothing_stored()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var now = offices.Clock.GetUtcNow();
        var today = Saraban.Workflow.Thai.BangkokTime.DateOf(now);
        var before = await offices.Store.HeadPositionAsync();

        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.RegisterPaperAsync("uttaradit.clerk", "prov-53", Letter(today) with { SenderName = " " }, now));
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.RegisterPaperAsync("uttaradit.clerk", "prov-53", Letter(today) with { DocumentNumber = "" }, now));
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.RegisterPaperAsync("uttaradit.clerk", "prov-53", Letter(today.AddDays(5)), now));
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.RegisterPaperAsync("uttaradit.clerk", "prov-53", Letter(today), now.AddDays(1)));
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.RegisterPaperAsync("uttaradit.clerk", "prov-53", Letter(today), now.AddDays(-3)));
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.RegisterPaperAsync("uttaradit.clerk", "prov-53", Letter(today), now, entryKey: "no spaces"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => offices.Letters.RegisterPaperAsync("muang.clerk", "prov-53", Letter(today), now));
        await Assert.ThrowsAsync<AccessDeniedException>(() => offices.Letters.RegisterPaperAsync("uttaradit.governor", "prov-53", Letter(today), now));

        Assert.Equal(before, await offices.Store.HeadPositionAsync());
    }
}

public sealed class when_a_clerk_registers_a_paper_letter_on_sqlite() : when_a_clerk_registers_a_paper_letter(new SqliteBackend());
public sealed class when_a_clerk_registers_a_paper_letter_on_postgres() : when_a_clerk_registers_a_paper_letter(new PostgresBackend());
