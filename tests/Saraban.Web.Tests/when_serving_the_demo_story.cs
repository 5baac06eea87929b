using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Saraban.Web.Tests;

/// <summary>`serve` on a new database tells the story part-way: every demo user signs in to real work.</summary>
public sealed class when_serving_the_demo_story
{
    [Fact]
    public async Task each_demo_user_finds_work_and_the_late_decision_is_flagged()
    {
        await using var server = await Server.StartAsync(story: true);
        await using var browser = await Browser.StartAsync(nameof(when_serving_the_demo_story));
        var site = server.Address;

        // Mueang's chief, on a phone: the decision minuted two days ago is overdue (the reminder job flags it).
        var chief = await browser.SignInAsync(site, "muang.chief", phone: true);
        var late = chief.Locator(".task.late").Filter(new() { HasText = "การประเมินมาตรฐานขั้นต่ำ" });
        for (var deadline = DateTime.UtcNow.AddSeconds(30); await late.CountAsync() == 0; await chief.ReloadAsync())
        {
            Assert.True(DateTime.UtcNow < deadline, await chief.Locator("main").InnerTextAsync());
            await Task.Delay(500);
        }
        await Expect(late.Locator(".badge.overdue")).ToContainTextAsync("เกินกำหนด");
        await browser.ShotAsync(chief, "muang-chief-phone-inbox");

        // Uttaradit's clerk: Phrae's most urgent letter to register, first in her inbox.
        var clerk = await browser.SignInAsync(site, "uttaradit.clerk");
        await Expect(clerk.Locator(".task").First).ToContainTextAsync("ไฟป่า");
        await Expect(clerk.Locator(".task").First.Locator(".step")).ToHaveTextAsync("ลงทะเบียนรับ");
        await browser.ShotAsync(clerk, "uttaradit-clerk-inbox");
        await clerk.GotoAsync("/registers/outgoing");
        await Expect(clerk.Locator(".book")).ToContainTextAsync("ที่ อต ๐๐๒๓.๓/ว ๑");
        await browser.ShotAsync(clerk, "uttaradit-outgoing-register");

        // The governor: Phrae's invitation to decide.
        var governor = await browser.SignInAsync(site, "uttaradit.governor", phone: true);
        await Expect(governor.Locator(".task").Filter(new() { HasText = "ขอเชิญประชุม" }).Locator(".step")).ToHaveTextAsync("สั่งการ");
        await browser.ShotAsync(governor, "governor-phone-inbox");

        // The LAO's clerk: Mueang's own circular.
        var lao = await browser.SignInAsync(site, "lao.clerk");
        await Expect(lao.Locator(".task").Filter(new() { HasText = "การประชุมประจำเดือน" })).ToHaveCountAsync(1);
        await browser.ShotAsync(lao, "lao-clerk-inbox");

        // Uttaradit's tracker: Tha Pla passed it on and two of its local offices registered.
        var tracker = await browser.SignInAsync(site, "uttaradit.tracker");
        await tracker.GotoAsync($"/tracking/{Workflow.Demo.DemoData.CircularId}?office=dist-5303&stage=registered");
        await Expect(tracker.Locator("#chase-title")).ToContainTextAsync("อำเภอท่าปลา");
        await Expect(tracker.Locator("section[aria-labelledby=chase-title] tbody tr")).ToHaveCountAsync(6); // 8 local offices, 2 registered
        await browser.ShotAsync(tracker, "tracker-tha-pla");
        await tracker.GotoAsync($"/tracking/{Workflow.Demo.DemoData.CircularId}");
        await browser.ShotAsync(tracker, "tracker-uttaradit");

        // The national tracker sees the provinces that registered; the PM Office's head has the second circular to sign.
        var national = await browser.SignInAsync(site, "odloc.tracker");
        await national.GotoAsync($"/tracking/{Workflow.Demo.DemoData.CircularId}");
        await Expect(national.Locator("#summary-title + table tr").Filter(new() { HasText = "จังหวัด" })).ToContainTextAsync("๕ (๗%)"); // Uttaradit, Chiang Mai, Phrae, Nan, Phitsanulok
        await browser.ShotAsync(national, "tracker-national");
        var head = await browser.SignInAsync(site, "pmo.head");
        await head.GotoAsync("/registers/outgoing");
        await Expect(head.Locator(".book")).ToContainTextAsync("ร่าง รอลงนาม");
        await browser.ShotAsync(head, "pmo-head-outgoing-register");
    }
}
