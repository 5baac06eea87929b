using Microsoft.Playwright;

namespace Saraban.Web.Tests;

/// <summary>The Thai pages, in a real browser: sign in, register a paper letter from pasted text, minute it.</summary>
public sealed class when_a_clerk_uses_the_pages_in_a_browser
{
    [Fact]
    public async Task she_signs_in_reads_a_pasted_letter_into_the_form_registers_it_and_writes_the_minute()
    {
        await using var server = await Server.StartAsync();
        await using var browser = await Browser.StartAsync(nameof(when_a_clerk_uses_the_pages_in_a_browser));
        var page = await browser.NewPageAsync(server.Address);

        await page.GotoAsync("/registers/incoming");
        Assert.EndsWith("/login?ReturnUrl=%2Fregisters%2Fincoming", page.Url);
        await browser.ShotAsync(page, "sign-in");
        await page.GetByLabel("ชื่อผู้ใช้").FillAsync("uttaradit.clerk");
        await page.GetByLabel("รหัสผ่าน").FillAsync("saraban-demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "เข้าสู่ระบบ" }).ClickAsync();
        await page.WaitForURLAsync("**/registers/incoming");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("ทะเบียนหนังสือรับ — จังหวัดอุตรดิตถ์");
        await browser.ShotAsync(page, "incoming-register");

        await page.GetByRole(AriaRole.Link, new() { Name = "ลงรับหนังสือกระดาษ" }).ClickAsync();
        var letter = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "02-province-forward.txt"));
        await page.GetByLabel("วางข้อความของหนังสือ").FillAsync(letter);
        await page.GetByRole(AriaRole.Button, new() { Name = "อ่านจากข้อความ" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("ที่ (เลขที่หนังสือ)")).ToHaveValueAsync("ที่ ชม ๐๐๒๓.๓/ว ๘๘๗");
        Assert.NotEqual("", await page.GetByLabel("เรื่อง").InputValueAsync());
        await browser.ShotAsync(page, "paper-letter-read");
        await page.GetByRole(AriaRole.Button, new() { Name = "ลงทะเบียนรับ" }).ClickAsync();
        await page.WaitForURLAsync("**/letters/in/**");
        var facts = page.Locator(".facts");
        await Assertions.Expect(facts).ToContainTextAsync("ที่ ชม ๐๐๒๓.๓/ว ๘๘๗");
        await Assertions.Expect(facts).ToContainTextAsync("เลขรับ๑ รับเมื่อ");
        await Assertions.Expect(page.Locator("#waiting")).ToContainTextAsync("ขั้นตอนที่รออยู่: เกษียนหนังสือ");
        await browser.ShotAsync(page, "paper-letter-registered");

        await page.GetByLabel("ข้อความเกษียน").FillAsync("เรียน ผู้ว่าราชการจังหวัด เพื่อโปรดทราบ");
        await page.GetByRole(AriaRole.Button, new() { Name = "บันทึกเกษียน" }).ClickAsync();
        await Assertions.Expect(page.GetByText("เกษียน: เรียน ผู้ว่าราชการจังหวัด เพื่อโปรดทราบ")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#waiting")).ToContainTextAsync("ขั้นตอนที่รออยู่: สั่งการ");
        await browser.ShotAsync(page, "paper-letter-minuted");
    }
}
