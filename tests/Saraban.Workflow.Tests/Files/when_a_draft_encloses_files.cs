using Saraban.Workflow.Access;
using Saraban.Workflow.Files;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Tests.EventStore;
using Saraban.Workflow.Tests.Letters;

namespace Saraban.Workflow.Tests.Files;

public abstract class when_a_draft_encloses_files(Backend backend)
{
    private static readonly string[] Provinces = ["prov-53", "prov-54", "prov-65"];

    private static async Task<(int Number, string Label, Enclosure File)> AttachAsync(LetterFiles files, string user, string letter, byte[] bytes,
        string name, string description = "กำหนดการประชุม") =>
        await files.AttachAsync(user, letter, new MemoryStream(bytes), name, description);

    [Fact]
    public async Task the_file_travels_to_every_addressee_labelled_and_stored_once()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var files = offices.Files();
        var pdf = SampleFiles.Pdf();
        var id = await offices.Letters.DraftAsync("pmo.clerk", "pmo-ops", Offices.Circular(), Provinces);

        var (number, label, file) = await AttachAsync(files, "pmo.clerk", id, pdf, "กำหนดการ.pdf");
        await AttachAsync(files, "pmo.clerk", id, SampleFiles.Xlsx(), "รายชื่อ.xlsx", "แบบตอบรับ");
        await offices.Letters.SignAsync("pmo.head", id);
        await offices.Letters.DispatchAsync("pmo.clerk", id);
        await offices.Delivery().CatchUpAsync();

        // The circular's own enclosure line is ๑, so the first file is ๒.
        Assert.Equal((1, "สิ่งที่ส่งมาด้วย ๒"), (number, label));
        Assert.Equal("application/pdf", file.MediaType);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), file.Sha256);
        foreach (var p in Provinces)
        {
            var arrived = (await offices.Letters.LoadIncomingAsync(IncomingLetter.StreamId(p, id), default)).State.Arrival!;
            Assert.Equal(["กำหนดการ.pdf", "รายชื่อ.xlsx"], arrived.Files!.Select(f => f.FileName));
        }
        var (got, content) = await files.OpenIncomingAsync("uttaradit.clerk", IncomingLetter.StreamId("prov-53", id), 1);
        Assert.Equal(pdf, await content.ReadAllAsync());
        Assert.Equal("กำหนดการประชุม", got.Description);
        Assert.Equal(2, (await offices.StoredAsync()).Count); // two files, three addressees: each stored once
    }

    [Fact]
    public async Task forwarding_carries_the_received_files_on_without_copying_them()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var files = offices.Files();
        var id = await offices.Letters.DraftAsync("pmo.clerk", "pmo-ops", Offices.Circular(), ["prov-53"]);
        var (_, _, file) = await AttachAsync(files, "pmo.clerk", id, SampleFiles.Pdf(), "schedule.pdf");
        await offices.Letters.SignAsync("pmo.head", id);
        await offices.Letters.DispatchAsync("pmo.clerk", id);
        await offices.Delivery().CatchUpAsync();

        var incoming = IncomingLetter.StreamId("prov-53", id);
        await offices.Letters.RegisterAsync("uttaradit.clerk", incoming, offices.Clock.GetUtcNow());
        await offices.Letters.WriteMinuteAsync("uttaradit.clerk", incoming, "เรียน ผู้ว่าราชการจังหวัด เพื่อโปรดพิจารณา");
        await offices.Letters.DecideAsync("uttaradit.governor", incoming, Decision.Forward, "แจ้ง");
        var forward = await offices.Letters.ForwardAsync("uttaradit.clerk", incoming, Offices.Circular(), ["dist-5301"], carryFiles: true);
        await offices.Letters.SignAsync("uttaradit.governor", forward);
        await offices.Letters.DispatchAsync("uttaradit.clerk", forward);
        await offices.Delivery().CatchUpAsync();

        var (atDistrict, content) = await files.OpenIncomingAsync("muang.clerk", IncomingLetter.StreamId("dist-5301", forward), 1);
        Assert.Equal(file, atDistrict);
        Assert.Equal(SampleFiles.Pdf(), await content.ReadAllAsync());
        Assert.Single(await offices.StoredAsync());
    }

    [Fact]
    public async Task a_secret_letters_files_reach_only_its_readers_and_another_office_none()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var files = offices.Files();
        var id = await offices.Letters.DraftAsync("uttaradit.clerk", "prov-53", Offices.Circular() with { Secrecy = Secrecy.Confidential }, ["dist-5301"]);
        await AttachAsync(files, "uttaradit.clerk", id, SampleFiles.Png(), "map.png");

        Assert.Equal(SampleFiles.Png(), await (await files.OpenOutgoingAsync("uttaradit.governor", id, 1)).Content.ReadAllAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => files.OpenOutgoingAsync("uttaradit.tracker", id, 1));
        await Assert.ThrowsAsync<AccessDeniedException>(() => files.OpenOutgoingAsync("muang.clerk", id, 1));
        await Assert.ThrowsAsync<FileNotFoundInLetterException>(() => files.OpenOutgoingAsync("uttaradit.clerk", id, 2));
    }

    [Fact]
    public async Task bad_files_are_refused_with_a_reason_and_nothing_is_stored()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var files = offices.Files(new FileLimits(MaxBytes: 64 * 1024, MaxUnpackedBytes: 8 * 1024 * 1024));
        var id = await offices.Letters.DraftAsync("uttaradit.clerk", "prov-53", Offices.Circular(), ["dist-5301"]);
        var other = await offices.Letters.DraftAsync("muang.clerk", "dist-5301", Offices.Circular(), [offices.Lao]);
        var head = await offices.Store.HeadPositionAsync();

        async Task<string> Refused<T>(byte[] bytes, string name, string user = "uttaradit.clerk", string? letter = null) where T : Exception =>
            (await Assert.ThrowsAnyAsync<T>(() => AttachAsync(files, user, letter ?? id, bytes, name))).Message;

        Assert.Contains("ใหญ่เกิน", await Refused<FileRefusedException>(new byte[65 * 1024], "big.pdf"));
        Assert.Contains("โปรแกรม Windows", await Refused<FileRefusedException>(SampleFiles.Executable(), "report.pdf"));
        Assert.Contains("/JavaScript", await Refused<FileRefusedException>(SampleFiles.Pdf(extra: "/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"), "a.pdf"));
        Assert.Contains("/JavaScript", await Refused<FileRefusedException>(SampleFiles.Pdf(extra: "/OpenAction << /S /J#61vaScript /JS (x) >>"), "b.pdf"));
        Assert.Contains("/JavaScript", await Refused<FileRefusedException>(SampleFiles.PdfWithScriptInObjectStream(), "c.pdf"));
        Assert.Contains("zip bomb", await Refused<FileRefusedException>(SampleFiles.Docx(zeroBytes: 9 * 1024 * 1024), "bomb.docx"));
        Assert.Contains("zip bomb", await Refused<FileRefusedException>(SampleFiles.Xlsx(zeroBytes: 9 * 1024 * 1024), "bomb.xlsx"));
        Assert.Contains("มาโคร", await Refused<FileRefusedException>(SampleFiles.Docx(macros: true), "macro.docx"));
        Assert.Contains("เส้นทาง", await Refused<FileRefusedException>(SampleFiles.Pdf(), "../../etc/passwd.pdf"));
        Assert.Contains("เส้นทาง", await Refused<FileRefusedException>(SampleFiles.Pdf(), "..\\x.pdf"));
        Assert.Contains("แต่เนื้อไฟล์เป็นPDF", await Refused<FileRefusedException>(SampleFiles.Pdf(), "schedule.docx"));
        Assert.Contains("ว่างเปล่า", await Refused<FileRefusedException>([], "empty.pdf"));
        await Refused<AccessDeniedException>(SampleFiles.Pdf(), "x.pdf", letter: other); // someone else's draft
        await Refused<AccessDeniedException>(SampleFiles.Pdf(), "x.pdf", user: "uttaradit.tracker");

        Assert.Equal(head, await offices.Store.HeadPositionAsync());
        Assert.Empty(await offices.StoredAsync());
        Assert.Empty(System.IO.Directory.Exists(offices.Store().Scratch) ? System.IO.Directory.GetFiles(offices.Store().Scratch) : []);
    }

    [Fact]
    public async Task a_signed_letter_takes_no_more_files()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var files = offices.Files();
        var id = await offices.Letters.DraftAsync("uttaradit.clerk", "prov-53", Offices.Circular(), ["dist-5301"]);
        await AttachAsync(files, "uttaradit.clerk", id, SampleFiles.Docx(), "form.docx");
        await offices.Letters.SignAsync("uttaradit.governor", id);

        var refused = await Assert.ThrowsAsync<DomainException>(() => AttachAsync(files, "uttaradit.clerk", id, SampleFiles.Pdf(), "late.pdf"));
        Assert.Contains("ลงนามแล้ว", refused.Message);
        await Assert.ThrowsAsync<DomainException>(() => files.RemoveAsync("uttaradit.clerk", id, 1));
    }
}

public sealed class when_a_draft_encloses_files_on_sqlite() : when_a_draft_encloses_files(new SqliteBackend());
public sealed class when_a_draft_encloses_files_on_postgres() : when_a_draft_encloses_files(new PostgresBackend());
