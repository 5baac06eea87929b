using System.Net;
using System.Net.Http.Json;

namespace Saraban.Web.Tests;

/// <summary>The destruction list's steps over the API and the page, refusals as problem+json, and the same list on the command line.</summary>
public sealed class when_a_committee_destroys_over_http
{
    [Fact]
    public async Task the_list_is_proposed_considered_approved_and_destroyed_and_each_wrong_step_is_refused()
    {
        var db = Saraban.TempDb();
        string old, held;
        await using (var server = await Server.StartAsync("--db", db))
        {
            using var clerk = await server.SignInAsync("uttaradit.clerk");
            using var vice = await server.SignInAsync("uttaradit.vice");
            using var governor = await server.SignInAsync("uttaradit.governor");
            using var admin = await server.SignInAsync("uttaradit.admin");
            using var stranger = await server.SignInAsync("muang.clerk");
            async Task<string> EnterAsync(string subject, string date) =>
                (await (await clerk.PostAsJsonAsync("/api/letters/paper", new
                {
                    senderName = "กรมส่งเสริมการปกครองท้องถิ่น", documentNumber = "ที่ มท ๐๘๐๔/ว ๑๒", date, subject, receivedAt = date + "T10:00:00+07:00",
                })).JsonAsync()).GetProperty("incomingStreamId").GetString()!;
            old = await EnterAsync("ขอเชิญประชุมคณะกรรมการน้ำบาดาลจังหวัด", "2010-03-01");
            held = await EnterAsync("สัญญาเช่าที่ราชพัสดุแปลงบ้านป่าขนุน", "2010-03-02");

            async Task<string> Problem(HttpResponseMessage r, HttpStatusCode code)
            {
                Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
                return (await r.JsonAsync(code)).GetProperty("detail").GetString()!;
            }
            var list = await (await clerk.PostAsJsonAsync("/api/destruction/2026", new { asOf = "2026-01-15" })).JsonAsync();
            Assert.Equal(2, list.GetProperty("items").GetArrayLength());
            Assert.Contains("คณะกรรมการ", await Problem(await governor.PostAsJsonAsync("/api/destruction/2026/approve", new { }), HttpStatusCode.BadRequest));
            // The API acts on the user's own office's list: another office's clerk reaches only theirs (none).
            Assert.Contains("ไม่พบบัญชี", await Problem(await stranger.PostAsJsonAsync("/api/destruction/2026/committee", new { chair = "x", members = new[] { "y", "z" } }), HttpStatusCode.BadRequest));
            Assert.Contains("อย่างน้อยสองคน", await Problem(await clerk.PostAsJsonAsync("/api/destruction/2026/committee", new { chair = "uttaradit.vice", members = new[] { "uttaradit.tracker" } }), HttpStatusCode.BadRequest));
            Assert.Equal(HttpStatusCode.NoContent, (await clerk.PostAsJsonAsync("/api/destruction/2026/committee", new { chair = "uttaradit.vice", members = new[] { "uttaradit.tracker", "uttaradit.admin" } })).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/retention/{held}/hold", new { hold = true, reason = "คดีแพ่งหมายเลขดำ ๓๓/๒๕๖๘" })).StatusCode);
            Assert.Contains("ระงับการทำลาย", await Problem(await vice.PostAsJsonAsync("/api/destruction/2026/items", new { stream = held, destroy = true }), HttpStatusCode.BadRequest));
            Assert.Contains("เหตุผล", await Problem(await vice.PostAsJsonAsync("/api/destruction/2026/items", new { stream = held, destroy = false }), HttpStatusCode.BadRequest));
            Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsJsonAsync("/api/destruction/2026/items", new { stream = old, destroy = true })).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await vice.PostAsJsonAsync("/api/destruction/2026/items", new { stream = held, destroy = false, reason = "อยู่ระหว่างคดี" })).StatusCode);
            Assert.Contains("ยังไม่ได้พิจารณา", await Problem(await governor.PostAsJsonAsync("/api/destruction/2026/approve", new { }), HttpStatusCode.BadRequest));
            Assert.Equal(HttpStatusCode.NoContent, (await vice.PostAsJsonAsync("/api/destruction/2026/items", new { stream = old, destroy = true })).StatusCode);

            var page = await vice.GetStringAsync("/retention/destruction?year=2026");
            Assert.Contains("บัญชีหนังสือขอทำลาย ประจำปี พ.ศ. ๒๕๖๙", page);
            Assert.Contains("ขอเชิญประชุมคณะกรรมการน้ำบาดาลจังหวัด", page);
            Assert.Contains("เก็บไว้: อยู่ระหว่างคดี", page);
            Assert.Contains("ยังไม่อนุมัติ", page);
            // The year as a clerk writes it, in the Buddhist era: the same list.
            var byBuddhistYear = await vice.GetStringAsync("/retention/destruction?year=2569");
            Assert.Contains("บัญชีหนังสือขอทำลาย ประจำปี พ.ศ. ๒๕๖๙", byBuddhistYear);
            Assert.Contains("เก็บไว้: อยู่ระหว่างคดี", byBuddhistYear);
            Assert.Contains("บัญชียังไม่ได้รับอนุมัติ", await Problem(await clerk.PostAsJsonAsync("/api/destruction/2026/destroy", new { }), HttpStatusCode.BadRequest));
            Assert.Equal(HttpStatusCode.NoContent, (await governor.PostAsJsonAsync("/api/destruction/2026/approve", new { })).StatusCode);
            var done = await (await clerk.PostAsJsonAsync("/api/destruction/2026/destroy", new { })).JsonAsync();
            Assert.Equal(1, done.GetProperty("destroyed").GetInt32());

            var register = await clerk.GetStringAsync("/registers/incoming");
            Assert.DoesNotContain("ขอเชิญประชุมคณะกรรมการน้ำบาดาลจังหวัด", register);
            Assert.Contains("(ทำลายแล้ว)", register);
            Assert.Contains("สัญญาเช่าที่ราชพัสดุแปลงบ้านป่าขนุน", register);
            // The clerk sees the hold, with its reason, and the destroyed mark in the book itself.
            Assert.Contains("อายัด</span>", register);
            Assert.Contains("ระงับการทำลาย: คดีแพ่งหมายเลขดำ ๓๓/๒๕๖๘", register);
            Assert.Contains("✕</span> ทำลายแล้ว", register);
            Assert.Contains("ทำลายแล้ว", await clerk.GetStringAsync("/retention/destruction?year=2026"));
        }

        var show = await Saraban.RunAsync("retention", "show", "--office", "prov-53", "--year", "2026", "--as", "uttaradit.clerk", "--db", db);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains(show.OutLines, l => l.StartsWith(held) && l.EndsWith("keep: อยู่ระหว่างคดี"));
        var again = await Saraban.RunAsync("retention", "propose", "--office", "prov-53", "--as-of", "2026-01-15", "--as", "uttaradit.clerk", "--db", db);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("มีบัญชีหนังสือขอทำลาย", Assert.Single(again.ErrLines));
        var noReason = await Saraban.RunAsync("retention", "unhold", held, "--as", "uttaradit.admin", "--db", db);
        Assert.Equal(2, noReason.ExitCode);
        var lift = await Saraban.RunAsync("retention", "unhold", held, "--reason", "คดีถึงที่สุด", "--as", "uttaradit.admin", "--db", db);
        Assert.Equal(0, lift.ExitCode);
        var verify = await Saraban.RunAsync("verify", "--db", db);
        Assert.True(verify.ExitCode == 0, verify.Err + verify.Out);
    }
}
