using System.Text.Json;

namespace Saraban.Web.Tests;

/// <summary>The Thai pages, in a real browser: sign in, register a paper letter from pasted text, minute it.</summary>
public sealed class when_a_clerk_uses_the_pages_in_a_browser
{
    [Fact]
    public async Task she_signs_in_reads_a_pasted_letter_into_the_form_registers_it_and_writes_the_minute()
    {
        await using var server = await Server.StartAsync();
        await using var browser = await Browser.StartAsync();
        var site = server.Address.ToString().TrimEnd('/');

        await browser.GoAsync($"{site}/registers/incoming");
        await browser.WaitAsync("location.pathname === '/login'");
        await browser.EvalAsync("""
            document.querySelector('input[name=userId]').value = 'uttaradit.clerk';
            document.querySelector('input[name=password]').value = 'saraban-demo';
            document.querySelector('form.card button').click();
            """);
        await browser.WaitAsync("location.pathname === '/registers/incoming' && document.readyState === 'complete'");
        Assert.Contains("ทะเบียนหนังสือรับ — จังหวัดอุตรดิตถ์", await browser.TextAsync());

        await browser.GoAsync($"{site}/letters/paper");
        var letter = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "02-province-forward.txt"));
        await browser.EvalAsync($"document.getElementById('pasted').value = {JsonSerializer.Serialize(letter)}; document.getElementById('read').click();");
        await browser.WaitAsync("document.getElementById('documentNumber').value !== ''");
        Assert.Equal("ที่ ชม ๐๐๒๓.๓/ว ๘๘๗", (string?)await browser.EvalAsync("document.getElementById('documentNumber').value"));
        Assert.NotEqual("", (string?)await browser.EvalAsync("document.getElementById('subject').value"));
        await browser.EvalAsync("document.querySelector('form.card button[type=submit]').click()");
        await browser.WaitAsync("location.pathname.startsWith('/letters/in/') && document.readyState === 'complete'");
        var page = await browser.TextAsync();
        Assert.Contains("ที่ ชม ๐๐๒๓.๓/ว ๘๘๗", page);
        Assert.Contains("เลขรับ\t๑ รับเมื่อ", page);
        Assert.Contains("ขั้นตอนที่รออยู่: เกษียนหนังสือ", page);

        await browser.EvalAsync("""
            const form = document.querySelector('form[action$="/minute"]');
            form.querySelector('textarea').value = 'เรียน ผู้ว่าราชการจังหวัด เพื่อโปรดทราบ';
            form.querySelector('button').click();
            """);
        await browser.WaitAsync("document.body.innerText.includes('เกษียน: เรียน ผู้ว่าราชการจังหวัด เพื่อโปรดทราบ')");
        Assert.Contains("ขั้นตอนที่รออยู่: สั่งการ", await browser.TextAsync());
    }
}
