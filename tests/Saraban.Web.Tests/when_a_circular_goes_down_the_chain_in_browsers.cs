using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Saraban.Web.Tests;

/// <summary>
/// The demo circular from the PM Office down to a local office, each person in a browser of their
/// own: Uttaradit's clerk registers and minutes it, the governor decides and signs on a phone, the
/// province dispatches; the district does the same; the LAO's clerk finds it and registers it; the
/// province's tracker sees the count move. Every screen is saved under screenshots/.
/// </summary>
public sealed class when_a_circular_goes_down_the_chain_in_browsers
{
    private const string Subject = "การประเมินมาตรฐานขั้นต่ำการให้บริการสาธารณะ";

    [Fact]
    public async Task each_office_registers_approves_and_dispatches_and_the_tracker_sees_it()
    {
        await using var server = await Server.StartAsync();
        await using var browser = await Browser.StartAsync(nameof(when_a_circular_goes_down_the_chain_in_browsers));
        var site = server.Address;

        // 1. The province's clerk registers and minutes it.
        var clerk = await browser.SignInAsync(site, "uttaradit.clerk");
        await OpenTaskAsync(browser, clerk, "ลงทะเบียนรับ", "province-inbox");
        await browser.ShotAsync(clerk, "province-letter-arrived");
        await Expect(clerk.Locator(".sheet")).ToHaveCountAsync(1); // the letter as it prints
        await clerk.GetByRole(AriaRole.Button, new() { Name = "ลงทะเบียนรับ" }).ClickAsync();
        await Expect(clerk.Locator(".facts")).ToContainTextAsync("เลขรับ๑ รับเมื่อ");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "บันทึกเกษียน" }).ClickAsync();
        await Expect(clerk.Locator("#waiting")).ToContainTextAsync("สั่งการ");
        await browser.ShotAsync(clerk, "province-letter-minuted");

        // 2. The governor decides, on a phone.
        var governor = await browser.SignInAsync(site, "uttaradit.governor", phone: true);
        await OpenTaskAsync(browser, governor, "สั่งการ", "governor-phone-inbox");
        await FitsAPhoneAsync(governor);
        await browser.ShotAsync(governor, "governor-phone-letter");
        await governor.GetByLabel("แจ้งต่อ").CheckAsync();
        await governor.GetByRole(AriaRole.Button, new() { Name = "สั่งการ" }).ClickAsync();
        await Expect(governor.GetByText("สั่งการ: แจ้งต่อ")).ToBeVisibleAsync();
        await browser.ShotAsync(governor, "governor-phone-decided");

        // 3. The clerk drafts the province's letter (addressees preset: its districts, the อบจ. and city municipality).
        await clerk.ReloadAsync();
        await Expect(clerk.GetByLabel("นายอำเภอ ทุกอำเภอ (๙ อำเภอ)")).ToBeCheckedAsync();
        await browser.ShotAsync(clerk, "province-forward-form");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "ร่างหนังสือแจ้งต่อ" }).ClickAsync();
        await clerk.WaitForURLAsync("**/letters/out/**");
        await Expect(clerk.Locator(".sheet")).ToContainTextAsync("สำเนาหนังสือสำนักงานปลัดสำนักนายกรัฐมนตรี");
        await browser.ShotAsync(clerk, "province-forward-draft");

        // 4. The governor signs it from the phone's inbox.
        await OpenTaskAsync(browser, governor, "ลงนาม", "governor-phone-inbox-sign");
        await FitsAPhoneAsync(governor);
        await governor.GetByRole(AriaRole.Button, new() { Name = "ลงนาม" }).ClickAsync();
        await Expect(governor.Locator(".facts")).ToContainTextAsync("นายชูชาติ กีฬาแปง");
        await browser.ShotAsync(governor, "governor-phone-signed");

        // 5. The province dispatches.
        await DispatchAsync(browser, clerk, "province-dispatched");
        await Expect(clerk.Locator(".facts")).ToContainTextAsync("ที่ อต ๐๐๒๓.๓/ว ๑");

        // 6. The district registers, minutes, decides, forwards, signs and dispatches.
        var districtClerk = await browser.SignInAsync(site, "muang.clerk");
        var chief = await browser.SignInAsync(site, "muang.chief", phone: true);
        await OpenTaskAsync(browser, districtClerk, "ลงทะเบียนรับ", "district-inbox");
        await Expect(districtClerk.Locator(".chain")).ToContainTextAsync("ที่ นร ๐๑๐๗/ว ๑");
        await districtClerk.GetByRole(AriaRole.Button, new() { Name = "ลงทะเบียนรับ" }).ClickAsync();
        await districtClerk.GetByRole(AriaRole.Button, new() { Name = "บันทึกเกษียน" }).ClickAsync();
        await Expect(districtClerk.Locator("#waiting")).ToContainTextAsync("สั่งการ");
        await OpenTaskAsync(browser, chief, "สั่งการ", "district-chief-phone-inbox");
        await chief.GetByRole(AriaRole.Button, new() { Name = "สั่งการ" }).ClickAsync();
        await Expect(chief.GetByText("สั่งการ: แจ้งต่อ")).ToBeVisibleAsync();
        await districtClerk.ReloadAsync();
        await districtClerk.GetByRole(AriaRole.Button, new() { Name = "ร่างหนังสือแจ้งต่อ" }).ClickAsync();
        await districtClerk.WaitForURLAsync("**/letters/out/**");
        await OpenTaskAsync(browser, chief, "ลงนาม", "district-chief-phone-sign");
        await chief.GetByRole(AriaRole.Button, new() { Name = "ลงนาม" }).ClickAsync();
        await Expect(chief.Locator(".facts")).ToContainTextAsync("นายอำนาจ ปกครอง");
        await districtClerk.ReloadAsync();
        await DispatchAsync(browser, districtClerk, "district-dispatched");

        // 7. The tracker's count before the LAO registers …
        var tracker = await browser.SignInAsync(site, "uttaradit.tracker");
        await tracker.GotoAsync("/tracking");
        await browser.ShotAsync(tracker, "tracker-circulars");
        await tracker.GetByRole(AriaRole.Link, new() { Name = Subject, Exact = false }).First.ClickAsync();
        var before = await RegisteredInMuangAsync(tracker);
        await browser.ShotAsync(tracker, "tracker-province-before");

        // 8. … the LAO's clerk finds it in her inbox and registers it …
        var lao = await browser.SignInAsync(site, "lao.clerk");
        await OpenTaskAsync(browser, lao, "ลงทะเบียนรับ", "lao-inbox");
        await lao.GetByRole(AriaRole.Button, new() { Name = "ลงทะเบียนรับ" }).ClickAsync();
        await Expect(lao.Locator(".facts")).ToContainTextAsync("เลขรับ๑ รับเมื่อ");
        await Expect(lao.Locator(".chain li")).ToHaveCountAsync(4); // PM Office, province, district, this letter
        await browser.ShotAsync(lao, "lao-registered");

        // 9. … and the tracker sees it, and drills down to the district's list to chase.
        await tracker.ReloadAsync();
        Assert.Equal(before + 1, await RegisteredInMuangAsync(tracker));
        await browser.ShotAsync(tracker, "tracker-province-after");
        await tracker.GetByRole(AriaRole.Link, new() { Name = "อำเภอเมืองอุตรดิตถ์" }).ClickAsync();
        await Expect(tracker.Locator("#chase-title")).ToContainTextAsync("อำเภอเมืองอุตรดิตถ์");
        await browser.ShotAsync(tracker, "tracker-district");

        // The registers and the rest of the screens, for the record.
        foreach (var (page, path, name) in new[] { (clerk, "/registers/incoming", "province-incoming-register"), (clerk, "/registers/outgoing", "province-outgoing-register"),
                     (clerk, "/letters/new", "province-draft-form"), (governor, "/registers/outgoing", "governor-phone-outgoing-register") })
        {
            await page.GotoAsync(path);
            await browser.ShotAsync(page, name);
        }
        var admin = await browser.SignInAsync(site, "uttaradit.admin");
        await browser.ShotAsync(admin, "admin-inbox");
        await admin.GotoAsync("/admin");
        await browser.ShotAsync(admin, "admin");
        var national = await browser.SignInAsync(site, "odloc.tracker");
        await national.GotoAsync("/tracking");
        await national.GetByRole(AriaRole.Link, new() { Name = Subject, Exact = false }).First.ClickAsync();
        await Expect(national.Locator("#summary-title")).ToHaveTextAsync("ภาพรวมทั้งประเทศ");
        await browser.ShotAsync(national, "tracker-national");
    }

    /// <summary>Waits (reloading, as a person would) for the step to reach the inbox, then opens it.</summary>
    private static async Task OpenTaskAsync(Browser browser, IPage page, string step, string shot)
    {
        var task = page.Locator(".task").Filter(new() { HasText = Subject }).Filter(new() { Has = page.Locator(".step", new() { HasTextString = step }) });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        await page.GotoAsync("/");
        while (await task.CountAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"'{step}' never reached the inbox: {await page.Locator("main").InnerTextAsync()}");
            await Task.Delay(300);
            await page.ReloadAsync();
        }
        await browser.ShotAsync(page, shot);
        await task.First.Locator(".go a").ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    private static async Task DispatchAsync(Browser browser, IPage page, string shot)
    {
        await page.ReloadAsync(); // signed meanwhile, elsewhere
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync(); // "ออกเลขและส่งถึงผู้รับ … แห่ง?"
        await page.GetByRole(AriaRole.Button, new() { Name = "ส่งหนังสือ" }).ClickAsync();
        await Expect(page.Locator(".facts")).ToContainTextAsync("ส่งแล้ว");
        await browser.ShotAsync(page, shot);
    }

    private static async Task FitsAPhoneAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            $"{page.Url} is wider than the phone ({await page.EvaluateAsync<int>("document.documentElement.scrollWidth")} px)");

    /// <summary>The province page's count of Mueang Uttaradit's local offices that registered.</summary>
    private static async Task<int> RegisteredInMuangAsync(IPage page)
    {
        var row = page.Locator("section[aria-labelledby=areas-title] tr").Filter(new() { HasText = "อำเภอเมืองอุตรดิตถ์" });
        var text = await row.Locator("td").Nth(2).InnerTextAsync();
        return int.Parse(Workflow.Thai.ThaiDigits.ToWestern(text.Split(' ')[0]));
    }
}
