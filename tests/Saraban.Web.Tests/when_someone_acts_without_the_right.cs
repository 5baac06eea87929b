using System.Net;
using System.Net.Http.Json;

namespace Saraban.Web.Tests;

public sealed class when_someone_acts_without_the_right
{
    private static object Paper(string secrecy = "None", string key = "") => new
    {
        senderName = "บริษัท ตัวอย่าง จำกัด", documentNumber = "ที่ ตย ๑/๒๕๖๙", date = DateTime.UtcNow.ToString("yyyy-MM-dd"),
        subject = "ขอข้อมูลผู้รับเหมาก่อสร้าง", secrecy, entryKey = key.Length > 0 ? key : null,
    };

    [Fact]
    public async Task strangers_wrong_offices_wrong_roles_and_forged_forms_are_refused_with_nothing_stored()
    {
        await using var server = await Server.StartAsync();
        using var anonymous = server.Anonymous();
        var unauthenticated = await anonymous.GetAsync("/api/inbox");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal("application/problem+json", unauthenticated.Content.Headers.ContentType?.MediaType);
        var page = await anonymous.GetAsync("/registers/incoming");
        Assert.Equal("/login", page.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("เข้าสู่ระบบ", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/login", new { userId = "uttaradit.clerk", password = "wrong-password" })).StatusCode);

        using var clerk = await server.SignInAsync("uttaradit.clerk");
        var registered = await (await clerk.PostAsJsonAsync("/api/letters/paper", Paper())).JsonAsync();
        var stream = registered.GetProperty("incomingStreamId").GetString()!;
        var head = (await (await anonymous.GetAsync("/api/health")).JsonAsync()).GetProperty("headPosition").GetInt64();

        using var otherOffice = await server.SignInAsync("muang.clerk");
        Assert.Equal(HttpStatusCode.Forbidden, (await otherOffice.GetAsync($"/api/letters/incoming/{stream}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherOffice.PostAsJsonAsync($"/api/letters/incoming/{stream}/minute", new { text = "ขอแทรก" })).StatusCode);
        var form = await clerk.PostAsync($"/api/letters/incoming/{stream}/minute", new FormUrlEncodedContent([new("text", "เกษียนปลอม")]));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        using var governor = await server.SignInAsync("uttaradit.governor");
        var tooEarly = await (await governor.PostAsJsonAsync($"/api/letters/incoming/{stream}/decision", new { decision = "Forward", note = "แจ้ง" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'minute'", tooEarly.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await governor.PostAsJsonAsync($"/api/letters/incoming/{stream}/minute", new { text = "ผู้ว่าฯ เกษียนเอง" })).StatusCode);
        var pageWithoutToken = await clerk.PostAsync($"/letters/in/{stream}/minute", new FormUrlEncodedContent([new("text", "ไม่มีโทเค็น")]));
        Assert.Equal(HttpStatusCode.BadRequest, pageWithoutToken.StatusCode);
        var badDate = await clerk.PostAsJsonAsync("/api/letters/paper", new { senderName = "ก", documentNumber = "ที่ ๑", subject = "ข" });
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Equal("application/problem+json", badDate.Content.Headers.ContentType?.MediaType);

        Assert.Equal(head, (await (await anonymous.GetAsync("/api/health")).JsonAsync()).GetProperty("headPosition").GetInt64());
    }

    [Fact]
    public async Task a_secret_letter_reaches_the_clerk_and_the_governor_but_not_the_tracker()
    {
        await using var server = await Server.StartAsync();
        using var clerk = await server.SignInAsync("uttaradit.clerk");
        var first = await (await clerk.PostAsJsonAsync("/api/letters/paper", Paper("Secret", "secret-1"))).JsonAsync();
        var twice = await (await clerk.PostAsJsonAsync("/api/letters/paper", Paper("Secret", "secret-1"))).JsonAsync();
        Assert.Equal(first.GetProperty("receiveNumber").GetInt32(), twice.GetProperty("receiveNumber").GetInt32());
        var stream = first.GetProperty("incomingStreamId").GetString()!;

        using var governor = await server.SignInAsync("uttaradit.governor");
        using var tracker = await server.SignInAsync("uttaradit.tracker");
        Assert.Equal(HttpStatusCode.OK, (await governor.GetAsync($"/api/letters/incoming/{stream}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tracker.GetAsync($"/api/letters/incoming/{stream}")).StatusCode);
        var line = Assert.Single((await (await tracker.GetAsync("/api/registers/incoming")).JsonAsync()).EnumerateArray(), l => l.GetProperty("streamId").GetString() == stream);
        Assert.Equal("(หนังสือลับ)", line.GetProperty("subject").GetString());
        // Sealed at rest, the subject is in no register, the clerk's either; the letter itself opens for its readers.
        var clerkLine = Assert.Single((await (await clerk.GetAsync("/api/registers/incoming")).JsonAsync()).EnumerateArray(), l => l.GetProperty("streamId").GetString() == stream);
        Assert.Equal("(หนังสือลับ)", clerkLine.GetProperty("subject").GetString());
        Assert.Contains("ขอข้อมูลผู้รับเหมาก่อสร้าง", await (await governor.GetAsync($"/api/letters/incoming/{stream}")).Content.ReadAsStringAsync());

        // The register printed as CSV masks the subject for the tracker alike, and keeps the Thai readable.
        var csv = await tracker.GetByteArrayAsync("/registers/incoming.csv");
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var text = System.Text.Encoding.UTF8.GetString(csv, 3, csv.Length - 3);
        Assert.StartsWith("เลขทะเบียนรับ,วันเวลารับ,ที่", text);
        Assert.Contains("(หนังสือลับ)", text);
        Assert.DoesNotContain("ขอข้อมูลผู้รับเหมาก่อสร้าง", text);
        Assert.DoesNotContain("ขอข้อมูลผู้รับเหมาก่อสร้าง", System.Text.Encoding.UTF8.GetString(await clerk.GetByteArrayAsync("/registers/incoming.csv")));
    }
}
