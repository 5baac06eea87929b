using System.Net;
using System.Net.Http.Json;

namespace Saraban.Web.Tests;

/// <summary>Recall and return over the API, shown in both offices' registers; what may not be done is refused in Thai with nothing stored.</summary>
public sealed class when_a_letter_is_recalled_or_returned_over_http
{
    [Fact]
    public async Task a_registered_copy_is_returned_not_recalled_an_unregistered_one_is_recalled_and_both_registers_say_so()
    {
        await using var server = await Server.StartAsync();
        using var province = await server.SignInAsync("uttaradit.clerk");
        using var pm = await server.SignInAsync("pmo.clerk");
        var inbox = await Http.EventuallyAsync(async () => await (await province.GetAsync("/api/inbox")).JsonAsync(), j => j.GetArrayLength() > 0);
        var stream = inbox[0].GetProperty("task").GetProperty("subject").GetString()!;
        var letter = inbox[0].GetProperty("letter").GetProperty("fromLetterId").GetString()!;
        Assert.True((await province.PostAsJsonAsync($"/api/letters/incoming/{stream}/register", new { })).IsSuccessStatusCode);
        var head = await HeadAsync(pm);

        var recall = await pm.PostAsJsonAsync($"/api/letters/outgoing/{letter}/recall", new { addressee = "prov-53", reason = "ส่งผิดฉบับ" });
        var refused = (await recall.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString()!;
        Assert.Contains("ลงทะเบียนรับหนังสือนี้แล้ว", refused);
        Assert.Contains("ส่งคืน", refused);
        var never = await province.PostAsJsonAsync($"/api/letters/incoming/in-prov-53-{new string('0', 32)}/return", new { note = "ไม่ใช่ของเรา" });
        Assert.Contains("ส่งคืนได้เฉพาะหนังสือที่ได้รับ", (await never.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        var noNote = await province.PostAsJsonAsync($"/api/letters/incoming/{stream}/return", new { note = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        var notSender = await province.PostAsJsonAsync($"/api/letters/outgoing/{letter}/recall", new { addressee = "prov-20", reason = "ไม่ใช่ผู้ส่ง" });
        Assert.Equal(HttpStatusCode.Forbidden, notSender.StatusCode);
        Assert.Equal(head, await HeadAsync(pm));

        Assert.Equal(HttpStatusCode.NoContent, (await province.PostAsJsonAsync($"/api/letters/incoming/{stream}/return", new { note = "ไม่ใช่เรื่องของจังหวัด" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await pm.PostAsJsonAsync($"/api/letters/outgoing/{letter}/recall", new { addressee = "prov-20", reason = "ส่งผิดจังหวัด" })).StatusCode);

        var received = await province.GetStringAsync("/registers/incoming");
        Assert.Contains("ส่งคืนผู้ส่งแล้ว", received);
        Assert.Contains("ไม่ใช่เรื่องของจังหวัด", received);
        var sent = await pm.GetStringAsync("/registers/outgoing");
        Assert.Contains("ส่งคืน: ไม่ใช่เรื่องของจังหวัด", sent);
        Assert.Contains("เรียกคืนจาก", sent);
        var page = await province.GetStringAsync($"/letters/in/{stream}");
        Assert.Contains("ส่งคืนผู้ส่ง", page);
        Assert.DoesNotContain(await (await province.GetAsync("/api/inbox")).JsonAsync() is var now ? now.EnumerateArray().Select(t => t.GetProperty("task").GetProperty("subject").GetString()) : [], s => s == stream);
    }

    private static async Task<long> HeadAsync(HttpClient http) =>
        (await (await http.GetAsync("/api/health")).JsonAsync()).GetProperty("headPosition").GetInt64();
}
