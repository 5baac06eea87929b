using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace Saraban.Web.Tests;

public sealed class when_rendering_a_stored_letter
{
    [Fact]
    public async Task the_command_line_renders_it_by_id_for_a_user_who_may_read_it_and_for_nobody_else()
    {
        var db = Saraban.TempDb();
        string letterId;
        await using (var server = await Server.StartAsync("--db", db))
        {
            using var clerk = await server.SignInAsync("uttaradit.clerk");
            var drafted = await (await clerk.PostAsJsonAsync("/api/letters/outgoing", new
            {
                kind = "ExternalLetter", subject = "ขอเชิญประชุมคณะกรรมการประเมินมาตรฐานขั้นต่ำ", addresseeLine = "นายอำเภอเมืองอุตรดิตถ์",
                body = new[] { "ด้วยจังหวัดอุตรดิตถ์กำหนดประชุมคณะกรรมการ", "จึงเรียนมาเพื่อโปรดเข้าร่วมประชุม" }, to = new[] { "dist-5301" },
            })).JsonAsync(HttpStatusCode.Created);
            letterId = drafted.GetProperty("letterId").GetString()!;
        }
        var pdf = Path.Combine(Path.GetDirectoryName(db)!, letterId + ".pdf");

        var rendered = await Saraban.RunAsync("render", "--letter-id", letterId, "--as", "uttaradit.governor", "--db", db, "--out", pdf);
        var stranger = await Saraban.RunAsync("render", "--letter-id", letterId, "--as", "muang.clerk", "--db", db, "--out", pdf + ".2.pdf");
        var unknown = await Saraban.RunAsync("render", "--letter-id", "no-such-letter", "--as", "uttaradit.clerk", "--db", db, "--out", pdf + ".3.pdf");

        Assert.Equal(0, rendered.ExitCode);
        using (var p = Process.Start(new ProcessStartInfo("pdftotext", [pdf, "-"]) { RedirectStandardOutput = true })!)
        {
            var text = await p.StandardOutput.ReadToEndAsync();
            Assert.Contains("ขอเชิญประชุมคณะกรรมการประเมินมาตรฐานขั้นต่ำ", text);
            Assert.Contains("ที่ อต ๐๐๒๓.๓/", text); // a draft: its number is given at dispatch
        }
        Assert.Equal(1, stranger.ExitCode);
        Assert.Single(stranger.ErrLines);
        Assert.Contains("does not belong to 'prov-53'", stranger.Err);
        Assert.False(File.Exists(pdf + ".2.pdf"));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no such letter", unknown.Err);
    }
}
