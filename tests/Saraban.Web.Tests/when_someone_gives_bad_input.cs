using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Saraban.Web.Tests;

/// <summary>
/// Bad input, over HTTP and in the browser: each gets a clear Thai message or the right status, and
/// nothing is stored (the log's head does not move); script typed into a field is kept as text.
/// </summary>
public sealed class when_someone_gives_bad_input
{
    [Fact]
    public async Task wrong_passwords_lock_the_account_whatever_the_address_limit_and_the_page_says_so()
    {
        await using var server = await Server.StartAsync();
        await using var browser = await Browser.StartAsync(nameof(when_someone_gives_bad_input) + "-lockout");
        using var http = server.Anonymous();
        var head = await HeadAsync(http);

        for (var i = 0; i < 5; i++)
        {
            var wrong = await http.PostAsJsonAsync("/api/login", new { userId = "muang.clerk", password = $"guess-{i}" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        var locked = await http.PostAsJsonAsync("/api/login", new { userId = "muang.clerk", password = "saraban-demo" });
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("ถูกระงับการเข้าสู่ระบบชั่วคราว", (await locked.JsonAsync(HttpStatusCode.TooManyRequests)).GetProperty("title").GetString());
        Assert.True(locked.Headers.RetryAfter is not null);

        var page = await browser.NewPageAsync(server.Address);
        await page.GotoAsync("/login");
        await page.GetByLabel("ชื่อผู้ใช้").FillAsync("muang.clerk");
        await page.GetByLabel("รหัสผ่าน").FillAsync("saraban-demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "เข้าสู่ระบบ" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("ถูกระงับการเข้าสู่ระบบชั่วคราว");
        await browser.ShotAsync(page, "locked-out");

        // Another account is not touched by it; a wrong password says so plainly.
        await page.GetByLabel("ชื่อผู้ใช้").FillAsync("uttaradit.clerk");
        await page.GetByLabel("รหัสผ่าน").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "เข้าสู่ระบบ" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง");
        await browser.ShotAsync(page, "wrong-password");
        Assert.Equal(head, await HeadAsync(http));
    }

    [Fact]
    public async Task an_expired_session_a_forged_form_another_offices_letter_bad_dates_and_script_are_refused_or_kept_as_text()
    {
        await using var server = await Server.StartAsync();
        await using var browser = await Browser.StartAsync(nameof(when_someone_gives_bad_input));
        using var anonymous = server.Anonymous();
        using var clerkHttp = await server.SignInAsync("uttaradit.clerk");
        var inbox = await Http.EventuallyAsync(async () => await (await clerkHttp.GetAsync("/api/inbox")).JsonAsync(), j => j.GetArrayLength() > 0);
        var stream = inbox[0].GetProperty("task").GetProperty("subject").GetString()!;
        var head = await HeadAsync(anonymous);

        // An expired session: the cookie no longer opens the door; the page says why, and a form posted with it does nothing.
        var stale = await browser.NewPageAsync(server.Address);
        await stale.Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "saraban", Value = "CfDJ8-expired-or-forged", Url = server.Address.ToString() }]);
        await stale.GotoAsync($"/letters/in/{stream}");
        Assert.Contains("/login", stale.Url);
        await Expect(stale.GetByRole(AriaRole.Alert)).ToContainTextAsync("เซสชันหมดอายุ");
        await browser.ShotAsync(stale, "expired-session");
        using var staleHttp = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.Address };
        staleHttp.DefaultRequestHeaders.Add("Cookie", "saraban=CfDJ8-expired-or-forged");
        var posted = await staleHttp.PostAsync($"/letters/in/{stream}/register", new FormUrlEncodedContent([new("receivedDay", "๑ ธ.ค. ๒๕๖๙")]));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("expired=1", posted.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await staleHttp.GetAsync("/api/inbox")).StatusCode);

        // A forged form: the token taken out of the page, or another user's token.
        var clerk = await browser.SignInAsync(server.Address, "uttaradit.clerk");
        await clerk.GotoAsync($"/letters/in/{stream}");
        await clerk.EvaluateAsync("document.querySelectorAll('input[name=__RequestVerificationToken]').forEach(e => e.remove())");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "ลงทะเบียนรับ" }).ClickAsync();
        await Expect(clerk.GetByRole(AriaRole.Alert)).ToContainTextAsync("แบบฟอร์มนี้ไม่ได้มาจากหน้าของระบบ");
        await browser.ShotAsync(clerk, "forged-form");
        using var districtHttp = await server.SignInAsync("muang.clerk");
        var page = await clerkHttp.GetStringAsync($"/letters/in/{stream}");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var borrowed = await districtHttp.PostAsync($"/letters/in/{stream}/register", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("receivedDay", "๑ ธ.ค. ๒๕๖๙")]));
        Assert.Equal(HttpStatusCode.BadRequest, borrowed.StatusCode);
        Assert.Contains("แบบฟอร์มนี้ไม่ได้มาจากหน้าของระบบ", await borrowed.Content.ReadAsStringAsync());

        // Another office's letter id in the address.
        var district = await browser.SignInAsync(server.Address, "muang.clerk");
        var response = await district.GotoAsync($"/letters/in/{stream}");
        Assert.Equal(403, response!.Status);
        await Expect(district.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("ไม่มีสิทธิ์ทำรายการนี้");
        await Expect(district.GetByRole(AriaRole.Alert)).ToContainTextAsync("ไม่ได้สังกัดจังหวัดอุตรดิตถ์");
        await browser.ShotAsync(district, "another-offices-letter");
        Assert.Equal(HttpStatusCode.Forbidden, (await districtHttp.GetAsync($"/letters/in/{stream}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await districtHttp.GetAsync($"/api/letters/outgoing/{Workflow.Demo.DemoData.CircularId}")).StatusCode);

        // Malformed Thai dates and numbers, in the form and over HTTP.
        await clerk.GotoAsync($"/letters/in/{stream}");
        await clerk.GetByLabel("วันที่รับ").FillAsync("๓๒ มีนาคม ๒๕๖๗");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "ลงทะเบียนรับ" }).ClickAsync();
        await Expect(clerk.GetByRole(AriaRole.Alert)).ToContainTextAsync("๓๒ มีนาคม ๒๕๖๗");
        await browser.ShotAsync(clerk, "malformed-date");
        await clerk.GoBackAsync();
        await clerk.GetByLabel("วันที่รับ").FillAsync("๑ ธ.ค. ๒๕๖๙");
        await clerk.GetByLabel("เวลา (น.)").FillAsync("๒๕.๙๙");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "ลงทะเบียนรับ" }).ClickAsync();
        await Expect(clerk.GetByRole(AriaRole.Alert)).ToContainTextAsync("ชั่วโมง.นาที");
        foreach (var (day, why) in new[] { ("31/02/2567", "ไม่มีในปฏิทิน"), ("14/3/2024", "พ.ศ."), ("สิบสี่ มีนาคม", "ไม่ถูกต้อง") })
        {
            var refused = await FormAsync(clerkHttp, $"/letters/in/{stream}", "register", [new("receivedDay", day), new("receivedTime", "09.30")]);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(why, await refused.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await clerkHttp.GetAsync("/registers/incoming?from=๓๒+มี.ค.+๒๕๖๗")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await clerkHttp.GetAsync("/api/registers/incoming?year=สองพัน")).StatusCode);
        Assert.Equal(head, await HeadAsync(anonymous));

        // Script in a text field is a letter's text like any other: stored as typed, shown as text, never run.
        const string script = "<script>alert('x')</script><img src=x onerror=alert('y')>";
        var alerts = 0;
        clerk.Dialog += async (_, d) => { alerts++; await d.DismissAsync(); };
        await clerk.GotoAsync("/letters/paper");
        await clerk.GetByLabel("จาก (หน่วยงานผู้ส่ง)").FillAsync(script);
        await clerk.GetByLabel("ที่ (เลขที่หนังสือ)").FillAsync("ที่ ชม ๐๐๒๓.๓/ว ๙๙๙");
        await clerk.GetByLabel("ลงวันที่").FillAsync("14/3/2567");
        await clerk.GetByLabel("เรื่อง").FillAsync(script);
        await clerk.GetByRole(AriaRole.Button, new() { Name = "ลงทะเบียนรับ" }).ClickAsync();
        await clerk.WaitForURLAsync("**/letters/in/**");
        await Expect(clerk.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(script);
        await clerk.GotoAsync("/registers/incoming");
        await Expect(clerk.Locator(".book")).ToContainTextAsync(script);
        await browser.ShotAsync(clerk, "script-as-text");
        Assert.Equal(0, alerts);
        Assert.DoesNotContain("<script>alert", await clerkHttp.GetStringAsync("/registers/incoming"));
    }

    private static async Task<long> HeadAsync(HttpClient http) =>
        (await (await http.GetAsync("/api/health")).JsonAsync()).GetProperty("headPosition").GetInt64();

    /// <summary>Posts a page's form as the browser would: with the token the page carries.</summary>
    private static async Task<HttpResponseMessage> FormAsync(HttpClient http, string page, string act, KeyValuePair<string, string>[] fields)
    {
        var html = await http.GetStringAsync(page);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await http.PostAsync($"{page}/{act}", new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields]));
    }
}
