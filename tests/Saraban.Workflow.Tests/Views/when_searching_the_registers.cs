using Saraban.Workflow.Letters;
using Saraban.Workflow.Registers;
using Saraban.Workflow.Tests.EventStore;
using Saraban.Workflow.Tests.Letters;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Tests.Views;

public abstract class when_searching_the_registers(Backend backend)
{
    private static readonly string[] Subjects =
    [
        "ประชุมเชิงปฏิบัติการ งบประมาณ 100% ของโครงการ",
        "รายงาน_ผล 'ทดสอบ' \"อ้างถึง\" \\ สำรอง",
        "'; DROP TABLE events; --",
        "ขอเชิญประชุมคณะกรรมการ",
    ];

    private static async Task<(Offices Offices, LetterRegisters Registers, string Numbered)> Open(Backend backend)
    {
        var offices = await Offices.OpenAsync(backend);
        string? numbered = null;
        foreach (var subject in Subjects)
        {
            var id = await offices.Letters.DraftAsync("pmo.clerk", "pmo-ops", Offices.Circular(subject), ["prov-53"]);
            if (numbered is not null) continue;
            await offices.Letters.SignAsync("pmo.head", id);
            await offices.Letters.DispatchAsync("pmo.clerk", id);
            await offices.Delivery().CatchUpAsync();
            numbered = id;
        }
        return (offices, (await offices.ViewsAsync()).Registers, numbered!);
    }

    private static async Task<string[]> Found(LetterRegisters registers, string text) =>
        (await registers.OutgoingAsync("pmo-ops", new RegisterQuery(text))).Select(e => e.Subject).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task subject_words_match_anywhere_and_the_characters_of_sql_and_like_are_plain_text()
    {
        var (offices, registers, _) = await Open(backend);
        await using var _ = offices;

        Assert.Equal([Subjects[3], Subjects[0]], await Found(registers, "ประชุม"));
        Assert.Equal([Subjects[3], Subjects[0]], await Found(registers, "ชุ")); // two characters: below a trigram, still found
        Assert.Equal([Subjects[0]], await Found(registers, "100%"));
        Assert.Equal([Subjects[1]], await Found(registers, "_ผ"));
        Assert.Equal([Subjects[1]], await Found(registers, "'ทดสอบ'"));
        Assert.Equal([Subjects[1]], await Found(registers, "\"อ้าง"));
        Assert.Equal([Subjects[1]], await Found(registers, "\\ สำ"));
        Assert.Equal([Subjects[2]], await Found(registers, "DROP TABLE"));
        Assert.Empty(await Found(registers, "%%"));
        Assert.Empty(await Found(registers, "__"));
        Assert.Empty(await Found(registers, "ไม่มีเรื่องนี้"));
        Assert.Equal(4, (await offices.Store.ReadAll()).Count(e => e.Type == "letter-drafted"));
    }

    [Fact]
    public async Task a_search_of_one_character_is_refused_with_a_message()
    {
        var (offices, registers, _) = await Open(backend);
        await using var _ = offices;

        foreach (var text in new[] { "%", "_", " ก ", "'" })
        {
            var ex = await Assert.ThrowsAsync<DomainException>(() => registers.OutgoingAsync("pmo-ops", new RegisterQuery(text)));
            Assert.Contains("อย่างน้อย ๒ ตัวอักษร", ex.Message);
        }
        Assert.Equal(4, (await registers.OutgoingAsync("pmo-ops", new RegisterQuery("   "))).Count); // no text: no filter
    }

    [Fact]
    public async Task a_document_number_is_found_in_either_digit_set_and_dates_bound_the_lines()
    {
        var (offices, registers, numbered) = await Open(backend);
        await using var _ = offices;
        var sent = (await registers.FindOutgoingAsync(numbered))!;
        var today = BangkokTime.DateOf(offices.Clock.GetUtcNow());

        Assert.StartsWith("ที่ นร ๐๑๐๗/ว", sent.DocumentNumber);
        Assert.Equal([sent.Subject], await Found(registers, "นร ๐๑๐๗/ว"));
        Assert.Equal([sent.Subject], await Found(registers, "นร0107/ว"));
        var received = await registers.IncomingAsync("prov-53", new RegisterQuery("0107/ว"));
        Assert.Equal(sent.DocumentNumber, Assert.Single(received).DocumentNumber);
        Assert.Single(await registers.IncomingAsync("prov-53", new RegisterQuery(Sender: "ปลัดสำนักนายก")));
        Assert.Empty(await registers.IncomingAsync("prov-53", new RegisterQuery(Sender: "กรมการปกครอง")));
        Assert.Empty(await registers.IncomingAsync("prov-20", new RegisterQuery("0107/ว"))); // another office's register

        Assert.Equal(4, (await registers.OutgoingAsync("pmo-ops", new RegisterQuery(From: today, To: today))).Count);
        Assert.Empty(await registers.OutgoingAsync("pmo-ops", new RegisterQuery(From: today.AddDays(1))));
        Assert.Empty(await registers.OutgoingAsync("pmo-ops", new RegisterQuery(To: today.AddDays(-1))));
        var page = await registers.OutgoingAsync("pmo-ops", new RegisterQuery(Limit: 3));
        Assert.Equal(3, page.Count);
        var rest = await registers.OutgoingAsync("pmo-ops", new RegisterQuery(Before: page[^1].Seq));
        Assert.Equal(Subjects[0], Assert.Single(rest).Subject);
    }
}

public sealed class when_searching_the_registers_on_sqlite() : when_searching_the_registers(new SqliteBackend());
public sealed class when_searching_the_registers_on_postgres() : when_searching_the_registers(new PostgresBackend())
{
    [Fact]
    public async Task the_trigram_indexes_are_there_once_the_registers_have_caught_up()
    {
        await using var offices = await Offices.OpenAsync(new PostgresBackend());
        await offices.Letters.DraftAsync("pmo.clerk", "pmo-ops", Offices.Circular("ขอเชิญประชุม"), ["prov-53"]);
        await offices.ViewsAsync();

        await using var cmd = ((Saraban.Workflow.EventStore.Postgres.PostgresEventStore)offices.Store).DataSource.CreateCommand(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND indexdef LIKE '%gin_trgm_ops%' ORDER BY indexname");
        var indexes = new List<string>();
        await using (var r = await cmd.ExecuteReaderAsync()) while (await r.ReadAsync()) indexes.Add(r.GetString(0));
        Assert.Equal(2, indexes.Count);
        Assert.Contains(indexes, i => i.Contains("incoming_search"));
        Assert.Contains(indexes, i => i.Contains("outgoing_search"));
    }
}
