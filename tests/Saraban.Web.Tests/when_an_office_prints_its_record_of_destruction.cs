using System.Net;
using System.Net.Http.Json;
using Saraban.Documents.Tables;

namespace Saraban.Web.Tests;

/// <summary>
/// The record of destruction (บันทึกการทำลาย) over HTTP, on the list's page, as PDF and XLSX and on the
/// command line: refused before the destruction, another office reaches none, and no subject is in it.
/// </summary>
public sealed class when_an_office_prints_its_record_of_destruction
{
    private const string Subject = "ขอเชิญประชุมคณะกรรมการน้ำบาดาลบ้านวังกะพี้";
    private const string Sender = "กรมส่งเสริมการปกครองท้องถิ่น";

    [Fact]
    public async Task the_destroyed_lines_are_listed_by_number_date_and_sender_and_the_committee_signs_below()
    {
        var db = Saraban.TempDb();
        string chair;
        await using (var server = await Server.StartAsync("--db", db))
        {
            using var clerk = await server.SignInAsync("uttaradit.clerk");
            using var vice = await server.SignInAsync("uttaradit.vice");
            using var governor = await server.SignInAsync("uttaradit.governor");
            using var stranger = await server.SignInAsync("muang.clerk");
            var old = (await (await clerk.PostAsJsonAsync("/api/letters/paper", new
            {
                senderName = Sender, documentNumber = "ที่ มท ๐๘๐๔/ว ๑๒", date = "2010-03-01", subject = Subject, receivedAt = "2010-03-01T10:00:00+07:00",
            })).JsonAsync()).GetProperty("incomingStreamId").GetString()!;
            await clerk.PostAsJsonAsync("/api/destruction/2026", new { asOf = "2026-01-15" });
            await clerk.PostAsJsonAsync("/api/destruction/2026/committee", new { chair = "uttaradit.vice", members = new[] { "uttaradit.tracker", "uttaradit.admin" } });
            Assert.Equal(HttpStatusCode.NoContent, (await vice.PostAsJsonAsync("/api/destruction/2026/items", new { stream = old, destroy = true })).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await governor.PostAsJsonAsync("/api/destruction/2026/approve", new { })).StatusCode);

            var early = await clerk.GetAsync("/api/destruction/2026/record");
            Assert.Equal("application/problem+json", early.Content.Headers.ContentType?.MediaType);
            Assert.Contains("ยังไม่มีบันทึกการทำลาย", (await early.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
            Assert.DoesNotContain("บันทึกการทำลายหนังสือ", await clerk.GetStringAsync("/retention/destruction?year=2569"));
            Assert.Equal(1, (await (await clerk.PostAsJsonAsync("/api/destruction/2026/destroy", new { })).JsonAsync()).GetProperty("destroyed").GetInt32());

            var record = await (await clerk.GetAsync("/api/destruction/2026/record")).JsonAsync();
            chair = record.GetProperty("chair").GetProperty("name").GetString()!;
            var line = Assert.Single(record.GetProperty("lines").EnumerateArray());
            Assert.Equal((old, Sender, 1), (line.GetProperty("streamId").GetString(), line.GetProperty("from").GetString(), line.GetProperty("registerNumber").GetInt32()));
            Assert.DoesNotContain(Subject, record.GetRawText());
            // Another office's clerk reaches only their own office's list of the year: there is none.
            Assert.Contains("ไม่พบบัญชี", (await (await stranger.GetAsync("/api/destruction/2026/record")).JsonAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
            Assert.Equal(HttpStatusCode.BadRequest, (await stranger.GetAsync("/api/destruction/2026/record.pdf")).StatusCode);

            var page = await clerk.GetStringAsync("/retention/destruction?year=2569");
            Assert.Contains("บันทึกการทำลายหนังสือ", page);
            Assert.Contains("ประธานกรรมการ " + chair, page);
            Assert.Contains("ทะเบียนรับ ๑", page);
            Assert.Contains("๑ มี.ค. ๕๓", page);
            Assert.DoesNotContain(Subject, page);

            var xlsx = TableFile.Read(await clerk.GetByteArrayAsync("/api/destruction/2026/record.xlsx"));
            Assert.Equal("บันทึกการทำลายหนังสือ ประจำปี พ.ศ. ๒๕๖๙", xlsx[0][0]);
            Assert.Equal(["ลำดับที่", "ทะเบียน", "ที่", "ลงวันที่", "จาก", "ถึง", "อายุการเก็บ"], xlsx[5]);
            Assert.Equal(["๑", "ทะเบียนรับ ๑", "ที่ มท ๐๘๐๔/ว ๑๒", "๑ มี.ค. ๕๓", Sender], xlsx[6].Take(5));
            var pdf = PdfText.Of(await clerk.GetByteArrayAsync("/api/destruction/2026/record.pdf"));
            Assert.Contains("บันทึกการทำลายหนังสือ ประจำปี พ.ศ. ๒๕๖๙", pdf);
            Assert.Contains(chair, pdf);
            Assert.Contains("ลงชื่อ", pdf);
            Assert.DoesNotContain(Subject, pdf);
        }

        var output = Path.Combine(Path.GetTempPath(), $"destruction-record-{Guid.NewGuid():N}.pdf");
        var cli = await Saraban.RunAsync("retention", "record", "--office", "prov-53", "--year", "2026", "--out", output, "--as", "uttaradit.clerk", "--db", db);
        Assert.True(cli.ExitCode == 0, cli.Err);
        var text = PdfText.Of(await File.ReadAllBytesAsync(output));
        Assert.Contains(Sender, text);
        Assert.Contains(chair, text);
        var notTheirs = await Saraban.RunAsync("retention", "record", "--office", "prov-53", "--year", "2026", "--out", output, "--as", "muang.clerk", "--db", db);
        Assert.Equal(1, notTheirs.ExitCode);
        Assert.Contains("ไม่ได้สังกัด", Assert.Single(notTheirs.ErrLines));
        var noList = await Saraban.RunAsync("retention", "record", "--office", "prov-53", "--year", "2025", "--out", output, "--as", "uttaradit.clerk", "--db", db);
        Assert.Equal(1, noList.ExitCode);
        Assert.Contains("ไม่พบบัญชี", Assert.Single(noList.ErrLines));
        var badOut = await Saraban.RunAsync("retention", "record", "--office", "prov-53", "--year", "2026", "--out", "record.docx", "--as", "uttaradit.clerk", "--db", db);
        Assert.Equal(2, badOut.ExitCode);
    }
}
