using System.Net;
using System.Text.RegularExpressions;
using Saraban.Workflow.Tests.Files;

namespace Saraban.Web.Tests;

/// <summary>
/// A paper letter registered with its scan through the page: the original kept byte for byte, a
/// stamped copy made (a new PDF with the receive stamp), both read only through the letter; a corrupt
/// scan registers nothing; a blank page's OCR says no text was found.
/// </summary>
public sealed class when_a_clerk_registers_a_scanned_paper_letter
{
    private static async Task<HttpResponseMessage> RegisterAsync(HttpClient http, byte[] scan, string name, string subject)
    {
        var html = await http.GetStringAsync("/letters/paper");
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var form = new MultipartFormDataContent();
        foreach (var (k, v) in new[]
        {
            ("__RequestVerificationToken", token), ("entryKey", Guid.NewGuid().ToString("N")), ("senderName", "สำนักงานจังหวัดแพร่"),
            ("documentNumber", "ที่ พร ๐๐๒๓.๓/ว ๑๒๓"), ("date", "๑ ธ.ค. ๒๕๖๙"), ("subject", subject), ("addresseeLine", "ผู้ว่าราชการจังหวัดอุตรดิตถ์"),
            ("urgency", "None"), ("secrecy", "None"), ("receivedDay", "๑ ธ.ค. ๒๕๖๙"), ("receivedTime", "๐๙.๓๐"),
        })
        {
            form.Add(new StringContent(v), k);
        }

        form.Add(new ByteArrayContent(scan), "scan", name);
        return await http.PostAsync("/letters/paper", form);
    }

    private static async Task<long> HeadAsync(HttpClient http) => (await (await http.GetAsync("/api/health")).JsonAsync()).GetProperty("headPosition").GetInt64();

    [Fact]
    public async Task the_original_is_kept_and_a_stamped_copy_is_made()
    {
        await using var server = await Server.StartAsync("--db", Saraban.TempDb());
        using var clerk = await server.SignInAsync("uttaradit.clerk");
        var scan = ScannedPage();

        var registered = await RegisterAsync(clerk, scan, "scan.pdf", "ขอเชิญประชุม");

        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        var stream = Regex.Match(registered.RequestMessage!.RequestUri!.AbsolutePath, "/letters/in/(.+)$").Groups[1].Value;
        Assert.StartsWith("in-prov-53-paper-", stream);
        var page = await registered.Content.ReadAsStringAsync();
        Assert.Contains("สำเนาประทับตรารับ", page);
        var original = await clerk.GetAsync($"/api/letters/incoming/{stream}/scan");
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal(scan, await original.Content.ReadAsByteArrayAsync());
        var stamped = await clerk.GetAsync($"/api/letters/incoming/{stream}/scan?stamped=true");
        Assert.Equal("application/pdf", stamped.Content.Headers.ContentType?.MediaType);
        var copy = await stamped.Content.ReadAsByteArrayAsync();
        Assert.NotEqual(scan, copy);
        var text = Pdf.Text(copy);
        Assert.Contains("เลขรับ", text);
        Assert.Contains("เวลา ๐๙.๓๐ น.", text);

        using var muang = await server.SignInAsync("muang.clerk");
        Assert.Equal(HttpStatusCode.Forbidden, (await muang.GetAsync($"/api/letters/incoming/{stream}/scan?stamped=true")).StatusCode);
    }

    [Fact]
    public async Task a_corrupt_scan_registers_nothing_and_a_blank_page_has_no_text()
    {
        await using var server = await Server.StartAsync("--db", Saraban.TempDb());
        using var clerk = await server.SignInAsync("uttaradit.clerk");
        var head = await HeadAsync(clerk);

        var refused = await RegisterAsync(clerk, SampleFiles.Png(), "scan.png", "หนังสือสแกนเสีย");

        Assert.False(refused.IsSuccessStatusCode);
        Assert.Contains("ไฟล์สแกนเสียหาย", await refused.Content.ReadAsStringAsync());
        Assert.Equal(head, await HeadAsync(clerk));

        var blank = new ByteArrayContent(BlankPdf());
        blank.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        var read = await clerk.PostAsync("/api/intake", blank);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, read.StatusCode);
        Assert.Contains("ไม่พบข้อความ", (await read.JsonAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString());
    }

    // A scanner's PDF: a page holding a picture (here a drawn block), without text.
    private static byte[] ScannedPage()
    {
        using var document = new PdfSharp.Pdf.PdfDocument();
        var page = document.AddPage();
        using (var gfx = PdfSharp.Drawing.XGraphics.FromPdfPage(page))
        {
            gfx.DrawRectangle(PdfSharp.Drawing.XBrushes.Gray, 72, 200, 400, 300);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    // A page with nothing on it, as a scanner gives a blank sheet: a PDF without a text layer.
    private static byte[] BlankPdf() => System.Text.Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n"
        + "3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n");
}

/// <summary>poppler's pdftotext on a PDF's bytes; a missing tool fails the test.</summary>
internal static class Pdf
{
    public static string Text(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"saraban-stamped-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftotext", [path, "-"]) { RedirectStandardOutput = true })!;
            var text = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            Assert.Equal(0, p.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
