using System.Text;
using Microsoft.Playwright;

namespace Saraban.Web.Tests;

/// <summary>
/// Debian's headless Chromium driven by Playwright (its driver ships in the NuGet package; no
/// browser is downloaded). Each user gets a context of their own (cookies apart), at a desk's or a
/// phone's size. Every screen a test passes is saved as a PNG under screenshots/ in the test output,
/// and checked to be under 100 KB of HTML. Without Chromium the test fails.
/// </summary>
internal sealed class Browser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";
    public const int MaxPageBytes = 100 * 1024;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly string _shots;
    private int _shot;

    private Browser(IPlaywright playwright, IBrowser browser, string shots)
    {
        _playwright = playwright;
        _browser = browser;
        _shots = shots;
    }

    /// <param name="story">Names the folder of screenshots: screenshots/{story}/.</param>
    public static async Task<Browser> StartAsync(string story)
    {
        if (!File.Exists(Chromium)) throw new InvalidOperationException($"{Chromium} is missing (apt-get install chromium)");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu"],
        });
        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots", story);
        if (Directory.Exists(shots)) Directory.Delete(shots, recursive: true);
        Directory.CreateDirectory(shots);
        return new Browser(playwright, browser, shots);
    }

    public string ScreenshotFolder => _shots;

    /// <summary>A signed-in page for <paramref name="userId"/>, through the sign-in form as a person would.</summary>
    public async Task<IPage> SignInAsync(Uri site, string userId, bool phone = false, string password = "saraban-demo")
    {
        var page = await NewPageAsync(site, phone);
        await page.GotoAsync("/login");
        await page.GetByLabel("ชื่อผู้ใช้").FillAsync(userId);
        await page.GetByLabel("รหัสผ่าน").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "เข้าสู่ระบบ" }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/login"));
        return page;
    }

    public async Task<IPage> NewPageAsync(Uri site, bool phone = false)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = site.ToString().TrimEnd('/'),
            Locale = "th-TH",
            TimezoneId = "Asia/Bangkok",
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = 1,
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>Saves the page as it stands (the whole length) as NN-name.png, and checks its HTML's size.</summary>
    public async Task ShotAsync(IPage page, string name)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.EvaluateAsync("document.fonts.ready.then(() => true)");
        var html = Encoding.UTF8.GetByteCount(await page.ContentAsync());
        Assert.True(html < MaxPageBytes, $"{page.Url}: {html} bytes of HTML");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_shots, $"{++_shot:00}-{name}.png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
