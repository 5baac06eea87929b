using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Saraban.Workflow.Tests.Files;

namespace Saraban.Web.Tests;

/// <summary>Files over the API and the command line: uploaded to a draft, read by the addressee, refused with the reason, checked by verify.</summary>
public sealed class when_letters_carry_files_over_http
{
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient http, string letter, byte[] bytes, string name, string description = "กำหนดการ")
    {
        var body = new ByteArrayContent(bytes);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await http.PostAsync($"/api/letters/outgoing/{letter}/files?name={Uri.EscapeDataString(name)}&description={Uri.EscapeDataString(description)}", body);
    }

    private static async Task<string> DraftAsync(HttpClient http, string to, string secrecy = "None") =>
        (await (await http.PostAsJsonAsync("/api/letters/outgoing", new
        {
            kind = "Circular", secrecy, subject = "ขอเชิญประชุมเชิงปฏิบัติการ " + Guid.NewGuid().ToString("N")[..6], addresseeLine = "ผู้ว่าราชการจังหวัด ทุกจังหวัด",
            body = new[] { "จึงเรียนมาเพื่อโปรดพิจารณา" }, to = new[] { to },
        })).JsonAsync(HttpStatusCode.Created)).GetProperty("letterId").GetString()!;

    private static async Task<long> HeadAsync(HttpClient http) => (await (await http.GetAsync("/api/health")).JsonAsync()).GetProperty("headPosition").GetInt64();

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task a_file_goes_up_with_the_draft_and_down_at_the_addressee(string backend)
    {
        await using var server = backend == "sqlite" ? await Server.StartAsync() : await Server.StartAsync("--postgres", await Saraban.NewPostgresSchemaAsync());
        using var pmoClerk = await server.SignInAsync("pmo.clerk");
        using var pmoHead = await server.SignInAsync("pmo.head");
        var letter = await DraftAsync(pmoClerk, "prov-53");
        var pdf = SampleFiles.Pdf("the schedule");

        var created = await (await UploadAsync(pmoClerk, letter, pdf, "กำหนดการ.pdf")).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("สิ่งที่ส่งมาด้วย ๑", created.GetProperty("label").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await pmoHead.PostAsJsonAsync($"/api/letters/outgoing/{letter}/sign", new { })).StatusCode);
        await (await pmoClerk.PostAsJsonAsync($"/api/letters/outgoing/{letter}/dispatch", new { })).JsonAsync();

        using var clerk = await server.SignInAsync("uttaradit.clerk");
        var stream = $"in-prov-53-{letter}";
        var arrived = await Http.EventuallyAsync(() => clerk.GetAsync($"/api/letters/incoming/{stream}/files/1"), r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, arrived.StatusCode);
        Assert.Equal("application/pdf", arrived.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", arrived.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(pdf, await arrived.Content.ReadAsByteArrayAsync());
        var page = await clerk.GetStringAsync($"/letters/in/{stream}");
        Assert.Contains("สิ่งที่ส่งมาด้วย ๑", page);
        Assert.Contains($"/api/letters/incoming/{stream}/files/1", page);

        // Another office reaches neither the sender's copy nor the addressee's.
        using var muang = await server.SignInAsync("muang.clerk");
        Assert.Equal(HttpStatusCode.Forbidden, (await muang.GetAsync($"/api/letters/outgoing/{letter}/files/1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await muang.GetAsync($"/api/letters/incoming/{stream}/files/1")).StatusCode);
    }

    [Fact]
    public async Task bad_files_are_refused_in_problem_json_and_nothing_is_stored()
    {
        await using var server = await Server.StartAsync("--db", Saraban.TempDb(), "--max-file-mb", "1");
        using var clerk = await server.SignInAsync("uttaradit.clerk");
        using var tracker = await server.SignInAsync("uttaradit.tracker");
        using var muang = await server.SignInAsync("muang.clerk");
        var letter = await DraftAsync(clerk, "dist-5301");
        var secret = await DraftAsync(clerk, "dist-5301", "Confidential");
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(clerk, secret, SampleFiles.Png(), "map.png")).StatusCode);
        var head = await HeadAsync(clerk);

        async Task<string> Refused(HttpResponseMessage r, HttpStatusCode status)
        {
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            return (await r.JsonAsync(status)).GetProperty("detail").GetString()!;
        }
        Assert.Contains("ใหญ่เกิน ๑ MB", await Refused(await UploadAsync(clerk, letter, new byte[1024 * 1024 + 10], "big.pdf"), HttpStatusCode.RequestEntityTooLarge));
        Assert.Contains("โปรแกรม Windows", await Refused(await UploadAsync(clerk, letter, SampleFiles.Executable(), "report.pdf"), HttpStatusCode.UnprocessableEntity));
        Assert.Contains("JavaScript", await Refused(await UploadAsync(clerk, letter, SampleFiles.PdfWithScriptInObjectStream(), "a.pdf"), HttpStatusCode.UnprocessableEntity));
        Assert.Contains("zip bomb", await Refused(await UploadAsync(clerk, letter, SampleFiles.Docx(zeroBytes: 300L * 1024 * 1024), "bomb.docx"), HttpStatusCode.UnprocessableEntity));
        Assert.Contains("เส้นทาง", await Refused(await UploadAsync(clerk, letter, SampleFiles.Pdf(), "../../x.pdf"), HttpStatusCode.UnprocessableEntity));
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(muang, letter, SampleFiles.Pdf(), "x.pdf")).StatusCode); // someone else's draft
        Assert.Equal(HttpStatusCode.Forbidden, (await tracker.GetAsync($"/api/letters/outgoing/{secret}/files/1")).StatusCode); // a secret letter's file
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync($"/api/letters/outgoing/{letter}/files/3")).StatusCode);
        // A form (which another site could make a browser post) is not an upload.
        var form = new MultipartFormDataContent { { new ByteArrayContent(SampleFiles.Pdf()), "file", "x.pdf" } };
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await clerk.PostAsync($"/api/letters/outgoing/{letter}/files?name=x.pdf", form)).StatusCode);

        Assert.Equal(head, await HeadAsync(clerk));
    }

    [Fact]
    public async Task the_command_line_attaches_and_verify_finds_a_swapped_file()
    {
        var db = Saraban.TempDb();
        var server = await Server.StartAsync("--db", db);
        string letter;
        using (var clerk = await server.SignInAsync("uttaradit.clerk")) letter = await DraftAsync(clerk, "dist-5301");
        await server.DisposeAsync();
        {
            var file = Path.Combine(global::Saraban.Tests.Shared.Scratch.Folder, "แบบตอบรับ.pdf");
            await File.WriteAllBytesAsync(file, SampleFiles.Pdf("reply form"));

            var attached = await Saraban.RunAsync("files", "attach", letter, file, "--as", "uttaradit.clerk", "--db", db, "--description", "แบบตอบรับ");
            Assert.Equal(0, attached.ExitCode);
            var sha = JsonDocument.Parse(attached.OutLines[^1]).RootElement.GetProperty("sha256").GetString()!;
            var exe = Path.Combine(global::Saraban.Tests.Shared.Scratch.Folder, "setup.pdf");
            await File.WriteAllBytesAsync(exe, SampleFiles.Executable());
            var refused = await Saraban.RunAsync("files", "attach", letter, exe, "--as", "uttaradit.clerk", "--db", db);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("โปรแกรม Windows", Assert.Single(refused.ErrLines));
            Assert.Equal(0, (await Saraban.RunAsync("verify", "--db", db)).ExitCode);

            await File.WriteAllBytesAsync(Path.Combine(Path.ChangeExtension(db, null) + ".files", sha[..2], sha), SampleFiles.Pdf("swapped"));
            var verify = await Saraban.RunAsync("verify", "--db", db);
            Assert.Equal(1, verify.ExitCode);
            Assert.Contains(verify.ErrLines, l => l.Contains("แบบตอบรับ.pdf") && l.Contains("changed"));
        }
    }
}
