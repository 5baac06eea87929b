using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Saraban.Web.Tests;

/// <summary>The example of the domain guide, through the HTTP API as the clerks, heads and trackers would drive it.</summary>
public sealed class when_a_circular_goes_through_the_web
{
    [Fact]
    public async Task the_pm_office_sends_the_province_forwards_and_the_tracker_sees_who_has_not_registered()
    {
        await using var server = await Server.StartAsync();
        using var pmoClerk = await server.SignInAsync("pmo.clerk");
        using var pmoHead = await server.SignInAsync("pmo.head");
        var drafted = await (await pmoClerk.PostAsJsonAsync("/api/letters/outgoing", new
        {
            kind = "Circular", urgency = "MostUrgent", subject = "การประเมินมาตรฐานขั้นต่ำการให้บริการสาธารณะขององค์กรปกครองส่วนท้องถิ่น",
            addresseeLine = "ผู้ว่าราชการจังหวัด ทุกจังหวัด", body = new[] { "ด้วยสำนักงาน ก.ก.ถ. กำหนดให้ อปท. ประเมินตนเอง", "จึงเรียนมาเพื่อโปรดพิจารณา" },
            to = new[] { "prov-53" }, actionDue = "2024-07-31",
        })).JsonAsync(HttpStatusCode.Created);
        var origin = drafted.GetProperty("letterId").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await pmoHead.PostAsJsonAsync($"/api/letters/outgoing/{origin}/sign", new { })).StatusCode);
        var dispatched = await (await pmoClerk.PostAsJsonAsync($"/api/letters/outgoing/{origin}/dispatch", new { })).JsonAsync();
        var again = await (await pmoClerk.PostAsJsonAsync($"/api/letters/outgoing/{origin}/dispatch", new { })).JsonAsync();
        var number = dispatched.GetProperty("documentNumber").GetString()!;
        Assert.StartsWith("ที่ นร ๐๑๐๗/ว ", number); // the demo circular, sent at start, took the first
        Assert.Equal(number, again.GetProperty("documentNumber").GetString());

        // The QR code on the paper leads anyone to the verification page; an altered key finds nothing.
        var verification = new Uri((await (await pmoClerk.GetAsync($"/api/letters/outgoing/{origin}")).JsonAsync()).GetProperty("verificationUrl").GetString()!);
        using (var stranger = server.Anonymous())
        {
            var verified = await stranger.GetAsync(verification.PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
            var html = await verified.Content.ReadAsStringAsync();
            Assert.Contains("ตรงกับฉบับที่ลงนามไว้", html);
            Assert.Contains(number, html);
            var altered = verification.PathAndQuery[..^4] + (verification.PathAndQuery.EndsWith("AAAA") ? "BBBB" : "AAAA");
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(altered)).StatusCode);
        }

        using var clerk = await server.SignInAsync("uttaradit.clerk");
        using var governor = await server.SignInAsync("uttaradit.governor");
        static bool Ours(JsonElement item, string origin) => item.GetProperty("task").GetProperty("subject").GetString()!.EndsWith(origin);
        var inbox = await Http.EventuallyAsync(async () => await (await clerk.GetAsync("/api/inbox")).JsonAsync(), j => j.EnumerateArray().Any(i => Ours(i, origin)));
        var task = Assert.Single(inbox.EnumerateArray(), i => Ours(i, origin));
        Assert.Equal("register", task.GetProperty("task").GetProperty("step").GetString());
        var stream = task.GetProperty("task").GetProperty("subject").GetString()!;
        Assert.Equal(1, (await (await clerk.PostAsJsonAsync($"/api/letters/incoming/{stream}/register", new { })).JsonAsync()).GetProperty("receiveNumber").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, (await clerk.PostAsJsonAsync($"/api/letters/incoming/{stream}/minute", new { text = "เรียน ผวจ. เพื่อโปรดพิจารณา" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await governor.PostAsJsonAsync($"/api/letters/incoming/{stream}/decision", new { decision = "Forward", note = "แจ้ง" })).StatusCode);
        var province = (await (await clerk.PostAsJsonAsync($"/api/letters/incoming/{stream}/forward", new { })).JsonAsync()).GetProperty("letterId").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await governor.PostAsJsonAsync($"/api/letters/outgoing/{province}/sign", new { })).StatusCode);
        var forwarded = await (await clerk.PostAsJsonAsync($"/api/letters/outgoing/{province}/dispatch", new { })).JsonAsync();
        Assert.Equal("ที่ อต ๐๐๒๓.๓/ว ๑", forwarded.GetProperty("documentNumber").GetString());
        Assert.True(forwarded.GetProperty("addressees").GetArrayLength() > 9); // districts, the อบจ. and city municipalities

        var pdf = await clerk.GetByteArrayAsync($"/api/letters/outgoing/{province}/pdf");
        var text = PdfText.Of(pdf);
        Assert.Contains("ที่ อต ๐๐๒๓.๓/ว ๑", text);
        Assert.Contains($"สำเนาหนังสือสำนักงานปลัดสำนักนายกรัฐมนตรี {number}", text.Replace("\n", " "));

        using var district = await server.SignInAsync("muang.clerk");
        var register = await Http.EventuallyAsync(async () => await (await district.GetAsync("/api/registers/incoming")).JsonAsync(), j => j.GetArrayLength() > 0);
        var atDistrict = register[0].GetProperty("streamId").GetString()!;
        var chain = await (await district.GetAsync($"/api/letters/incoming/{atDistrict}/chain")).JsonAsync();
        Assert.Equal([province, origin], chain.EnumerateArray().Select(c => c.GetProperty("letterId").GetString()));

        using var tracker = await server.SignInAsync("odloc.tracker");
        var report = await (await tracker.GetAsync($"/api/tracking/{origin}?office=prov-53&stage=delivered")).JsonAsync();
        var area = report.GetProperty("areas").EnumerateArray().Single(a => a.GetProperty("organizationId").GetString() == "dist-5301");
        Assert.Equal(0, area.GetProperty("delivered").GetInt32());
        var provinceLocals = report.GetProperty("notYetTotal").GetInt32();
        Assert.True(provinceLocals > 50);
        // The province's own local offices got its letter; the district's have not yet.
        Assert.DoesNotContain(report.GetProperty("notYet").EnumerateArray(), l => l.GetProperty("organizationId").GetString() == "lao-pao-53");
        Assert.Contains(report.GetProperty("notYet").EnumerateArray(), l => l.GetProperty("organizationId").GetString() == "lao-town-5301-01");
        var registered = await (await tracker.GetAsync($"/api/tracking/{origin}?office=prov-53&stage=registered")).JsonAsync();
        Assert.Contains(registered.GetProperty("notYet").EnumerateArray(), l => l.GetProperty("organizationId").GetString() == "lao-pao-53");
        Assert.Contains(await (await tracker.GetAsync("/api/tracking")).JsonAsync() is var list ? list.EnumerateArray() : default,
            c => c.GetProperty("letterId").GetString() == origin);
        var page = await tracker.GetStringAsync($"/tracking/{origin}?office=prov-53");
        Assert.Contains("อำเภอเมืองอุตรดิตถ์", page);
        Assert.Contains("ยังไม่ลงทะเบียนรับ", page);
        // Progress over time: today's deliveries to the province's own local offices, drawn and tabled.
        var reachedToday = report.GetProperty("daily").EnumerateArray().Sum(d => d.GetProperty("counts").GetProperty("reached").GetInt32());
        Assert.Equal(report.GetProperty("areas").EnumerateArray().Sum(a => a.GetProperty("delivered").GetInt32()), reachedToday);
        Assert.True(reachedToday > 0);
        Assert.Contains("ความคืบหน้าตามวัน", page);
        Assert.Contains("<polyline class=\"line delivered\"", page);
        Assert.Contains("ตารางรายวัน", page);
        var chase = System.Text.Encoding.UTF8.GetString(await tracker.GetByteArrayAsync($"/tracking/{origin}.csv?office=prov-53&stage=registered"));
        Assert.Equal(registered.GetProperty("notYetTotal").GetInt32() + 1, chase.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length); // the header, then every local office
        Assert.Contains("lao-pao-53,องค์การบริหารส่วนจังหวัดอุตรดิตถ์", chase);
    }
}
