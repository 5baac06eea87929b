using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace Saraban.Web.Tests;

/// <summary>
/// Issue 13, item 4: the PDF drawn at dispatch is kept once, by its SHA-256 in the event; the sender and the
/// addressee download those very bytes; another office and a reader without clearance get none; a swapped
/// file fails verify.
/// </summary>
public sealed class when_an_electronic_letter_keeps_its_pdf_as_sent
{
    private static async Task<string> SendAsync(HttpClient clerk, HttpClient head, string secrecy = "None")
    {
        var letter = (await (await clerk.PostAsJsonAsync("/api/letters/outgoing", new
        {
            kind = "Circular", secrecy, subject = "ขอเชิญประชุมเชิงปฏิบัติการ " + Guid.NewGuid().ToString("N")[..6], addresseeLine = "ผู้ว่าราชการจังหวัดอุตรดิตถ์",
            body = new[] { "จึงเรียนมาเพื่อโปรดพิจารณา" }, to = new[] { "prov-53" },
        })).JsonAsync(HttpStatusCode.Created)).GetProperty("letterId").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await head.PostAsJsonAsync($"/api/letters/outgoing/{letter}/sign", new { })).StatusCode);
        await (await clerk.PostAsJsonAsync($"/api/letters/outgoing/{letter}/dispatch", new { })).JsonAsync();
        // Sent again (a double click): the same PDF, nothing kept twice.
        await (await clerk.PostAsJsonAsync($"/api/letters/outgoing/{letter}/dispatch", new { })).JsonAsync();
        return letter;
    }

    private static async Task<JsonElement> SentPdfAsync(HttpClient http, string letter) =>
        (await (await http.GetAsync($"/api/letters/outgoing/{letter}")).JsonAsync()).GetProperty("letter").GetProperty("sentPdf");

    [Fact]
    public async Task the_addressee_downloads_the_bytes_kept_at_dispatch_and_a_swapped_file_fails_verify()
    {
        var db = Saraban.TempDb();
        var server = await Server.StartAsync("--db", db);
        string letter, sha;
        byte[] kept;
        try
        {
            using var pmoClerk = await server.SignInAsync("pmo.clerk");
            using var pmoHead = await server.SignInAsync("pmo.head");
            letter = await SendAsync(pmoClerk, pmoHead);
            var sent = await SentPdfAsync(pmoClerk, letter);
            sha = sent.GetProperty("sha256").GetString()!;
            Assert.Equal("application/pdf", sent.GetProperty("mediaType").GetString());

            // Stored once, by its hash: the file on disk is what the event names.
            kept = await File.ReadAllBytesAsync(Path.Combine(Path.ChangeExtension(db, null) + ".files", sha[..2], sha));
            Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(kept)));
            Assert.Equal(kept, await pmoClerk.GetByteArrayAsync($"/api/letters/outgoing/{letter}/sent.pdf"));
            Assert.Contains($"/api/letters/outgoing/{letter}/sent.pdf", await pmoClerk.GetStringAsync($"/letters/out/{letter}"));

            using var clerk = await server.SignInAsync("uttaradit.clerk");
            var stream = $"in-prov-53-{letter}";
            var received = await Http.EventuallyAsync(() => clerk.GetAsync($"/api/letters/incoming/{stream}/sent.pdf"), r => r.StatusCode == HttpStatusCode.OK);
            Assert.Equal("application/pdf", received.Content.Headers.ContentType?.MediaType);
            Assert.Equal(kept, await received.Content.ReadAsByteArrayAsync());
            Assert.Contains($"/api/letters/incoming/{stream}/sent.pdf", await clerk.GetStringAsync($"/letters/in/{stream}"));

            using var muang = await server.SignInAsync("muang.clerk");
            Assert.Equal(HttpStatusCode.Forbidden, (await muang.GetAsync($"/api/letters/outgoing/{letter}/sent.pdf")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await muang.GetAsync($"/api/letters/incoming/{stream}/sent.pdf")).StatusCode);

            // The event names the hash, once.
            var events = await (await pmoClerk.GetAsync($"/api/letters/outgoing/{letter}")).JsonAsync();
            Assert.Equal(sha, events.GetProperty("letter").GetProperty("sentPdf").GetProperty("sha256").GetString());
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.Equal(0, (await Saraban.RunAsync("verify", "--db", db)).ExitCode);
        await File.WriteAllBytesAsync(Path.Combine(Path.ChangeExtension(db, null) + ".files", sha[..2], sha), [.. kept.Take(kept.Length - 10), .. "%%EOF\n    "u8.ToArray()]);
        var verify = await Saraban.RunAsync("verify", "--db", db);
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains(verify.ErrLines, l => l.Contains(".pdf") && l.Contains("changed"));
    }

    [Fact]
    public async Task a_secret_letters_pdf_is_sealed_and_reaches_only_its_readers()
    {
        var db = Saraban.TempDb();
        await using var server = await Server.StartAsync("--db", db);
        using var pmoClerk = await server.SignInAsync("pmo.clerk");
        using var pmoHead = await server.SignInAsync("pmo.head");
        var letter = await SendAsync(pmoClerk, pmoHead, "Confidential");
        var sha = (await SentPdfAsync(pmoHead, letter)).GetProperty("sha256").GetString()!;
        var download = await pmoHead.GetByteArrayAsync($"/api/letters/outgoing/{letter}/sent.pdf");
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(download, 0, 5));
        // At rest it is sealed: the stored bytes are not the PDF.
        var stored = await File.ReadAllBytesAsync(Path.Combine(Path.ChangeExtension(db, null) + ".files", sha[..2], sha));
        Assert.NotEqual(download, stored);
        Assert.DoesNotContain("%PDF-", System.Text.Encoding.Latin1.GetString(stored));

        using var tracker = await server.SignInAsync("uttaradit.tracker");
        var stream = $"in-prov-53-{letter}";
        using var clerk = await server.SignInAsync("uttaradit.clerk");
        await Http.EventuallyAsync(() => clerk.GetAsync($"/api/letters/incoming/{stream}"), r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(download, await clerk.GetByteArrayAsync($"/api/letters/incoming/{stream}/sent.pdf"));
        Assert.Equal(HttpStatusCode.Forbidden, (await tracker.GetAsync($"/api/letters/incoming/{stream}/sent.pdf")).StatusCode);
    }
}
