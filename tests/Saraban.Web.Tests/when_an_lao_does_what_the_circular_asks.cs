using System.Net;
using System.Text.RegularExpressions;
using System.Net.Http.Json;
using Saraban.Workflow.Demo;
using Saraban.Workflow.Directory;

namespace Saraban.Web.Tests;

/// <summary>The demo story's circular asks every LAO for the self-assessment: Tha Pla's first LAO records a form on its page, the tracker sees it.</summary>
public sealed class when_an_lao_does_what_the_circular_asks
{
    private static string ThaPlaLao()
    {
        var view = DirectoryView.Empty;
        foreach (var e in OrganizationDirectory.DecideRegister(view, DirectoryCsv.LoadShipped())) view.Apply(e, DateTimeOffset.UnixEpoch);
        var thaPla = view.ChildrenOf("prov-53").First(o => o.Name == DemoStory.ThaPlaName);
        return AddresseeGroup.LocalsOf(thaPla.Id).Resolve(view)[0].Id;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string page, string act, params KeyValuePair<string, string>[] fields)
    {
        var html = await http.GetStringAsync(page);
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await http.PostAsync($"{page}/{act}", new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields]));
    }

    [Fact]
    public async Task its_page_records_the_form_refuses_one_it_was_not_asked_for_and_the_tracker_counts_it()
    {
        await using var server = await Server.StartAsync(story: true);
        var lao = ThaPlaLao();
        using var clerk = await server.SignInAsync($"c.{lao}");
        var page = $"/actions/{DemoData.CircularId}/assessment";

        var mine = await Http.EventuallyAsync(async () => await (await clerk.GetAsync("/api/actions/mine")).JsonAsync(), j => j.GetArrayLength() == 1);
        Assert.Equal("assessment", mine[0].GetProperty("key").GetString());
        Assert.Contains("สิ่งที่ขอให้ดำเนินการ", await clerk.GetStringAsync("/"));
        Assert.Contains("อปท.๒-๖", await clerk.GetStringAsync(page));

        var recorded = await PostAsync(clerk, page, "form", new("form", "อปท.๑"), new("status", "submitted"), new("reference", "ASM-001"));
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        Assert.Contains("ASM-001", await recorded.Content.ReadAsStringAsync());
        var wrong = await PostAsync(clerk, page, "form", new("form", "อปท.๙"), new("status", "submitted"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("ไม่มีแบบ", await wrong.Content.ReadAsStringAsync());
        var badDate = await PostAsync(clerk, page, "form", new("form", "อปท.๒-๑"), new("status", "submitted"), new("at", "๓๑ กุมภาพันธ์ ๒๕๖๙"));
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);

        using var tracker = await server.SignInAsync("odloc.tracker");
        var report = await Http.EventuallyAsync(async () => await (await tracker.GetAsync($"/api/actions/{DemoData.CircularId}/assessment")).JsonAsync(),
            j => j.GetProperty("forms").EnumerateArray().Any(f => f.GetProperty("form").GetString() == "อปท.๑" && f.GetProperty("submitted").GetInt32() == 1));
        var uttaradit = report.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("id").GetString() == "prov-53");
        Assert.Equal(1, uttaradit.GetProperty("inProgress").GetInt32());
        Assert.Contains("ติดตามการดำเนินการ", await tracker.GetStringAsync(page));
        var xlsx = await tracker.GetByteArrayAsync($"/api/actions/{DemoData.CircularId}/assessment/export?format=xlsx");
        Assert.Equal("PK"u8.ToArray(), xlsx[..2]);
        var csv = await tracker.GetStringAsync($"/api/actions/{DemoData.CircularId}/assessment/export?format=csv");
        Assert.Contains(lao, csv);

        // A clerk of an office that was not asked, and who tracks nothing, is refused.
        using var other = await server.SignInAsync("lao.clerk");
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(page)).StatusCode);
    }
}

public sealed class when_a_clerk_attaches_actions_over_the_api
{
    [Fact]
    public async Task a_schedule_missing_laos_is_refused_naming_them_and_a_good_one_is_kept()
    {
        await using var server = await Server.StartAsync();
        using var clerk = await server.SignInAsync("pmo.clerk");
        var draft = await (await clerk.PostAsJsonAsync("/api/letters/outgoing", new
        {
            kind = "Circular", urgency = "MostUrgent", subject = "การประชุมเชิงปฏิบัติการ", addresseeLine = "ผู้ว่าราชการจังหวัดอุตรดิตถ์",
            body = new[] { "ขอให้แจ้งรายชื่อผู้เข้าร่วมประชุม" }, to = new[] { "prov-53" },
        })).JsonAsync(HttpStatusCode.Created);
        var id = draft.GetProperty("letterId").GetString();
        var sessions = string.Join("\n", "session,date,reply_by,lao_types,provinces", "1,2567-04-22,2567-04-19,pao|city-municipality|town-municipality|subdistrict-municipality,อุตรดิตถ์");

        var refused = await clerk.PostAsJsonAsync($"/api/letters/outgoing/{id}/actions", new
        {
            actions = new[] { new { key = "workshop", kind = "ReplyForm", title = "แจ้งรายชื่อ", due = new { scheduleCsv = sessions }, remindDaysBefore = new[] { 3 } } },
        });
        var problem = await refused.JsonAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(errors, e => e.StartsWith("องค์การบริหารส่วนตำบล") && e.Contains("ไม่อยู่ในรอบใด"));   // Uttaradit's อบต. are in no session

        var kept = await clerk.PostAsJsonAsync($"/api/letters/outgoing/{id}/actions", new
        {
            actions = new[] { new { key = "workshop", kind = "ReplyForm", title = "แจ้งรายชื่อ", due = new { scheduleCsv = sessions + "\n2,2567-04-30,2567-04-26,sao,อุตรดิตถ์" }, remindDaysBefore = new[] { 3 } } },
        });
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        var extend = await clerk.PostAsJsonAsync($"/api/letters/outgoing/{id}/extend", new { origin = id, key = "workshop", newDue = "2024-05-30" });
        Assert.Equal(HttpStatusCode.BadRequest, extend.StatusCode);   // a letter does not cite itself, and a schedule is not moved by one date
    }
}
