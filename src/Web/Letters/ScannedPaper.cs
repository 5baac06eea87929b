using Saraban.Documents.Reading;
using Saraban.Documents.Reading.Scans;
using Saraban.Documents.Rendering;
using Saraban.Web.Accounts;
using Saraban.Web.Serving;
using Saraban.Workflow;
using Saraban.Workflow.Files;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Thai;

namespace Saraban.Web.Letters;

/// <summary>
/// A paper letter registered with its scan (ภาพสแกน): the scan is checked first (its kind by its
/// bytes, that it opens as a page), so a corrupt one registers nothing; then the letter is
/// registered, and the receive stamp (ตรารับหนังสือ: the office, เลขรับ, date and time received)
/// drawn at the top right of a new PDF of its first page. The original is kept as uploaded.
/// </summary>
internal static class ScannedPaper
{
    public static async Task<(string IncomingStreamId, int ReceiveNumber)> RegisterAsync(PaperApi.PaperRequest request, Workflow.Access.UserAccount user,
        Services s, Stream upload, string? fileName, CancellationToken ct)
    {
        PaperScans.CheckScannable(request.Secrecy ?? Secrecy.None);
        FileContent.CheckName(fileName);
        var folder = Directory.CreateTempSubdirectory("saraban-paper-scan-").FullName;
        try
        {
            var original = Path.Combine(folder, "original");
            await using (var file = File.Create(original))
            {
                var buffer = new byte[1 << 16];
                int n;
                long length = 0;
                while ((n = await upload.ReadAsync(buffer, ct)) > 0)
                {
                    if ((length += n) > s.Files.Limits.MaxBytes) throw FileIntake.TooLarge(s.Files.Limits);
                    await file.WriteAsync(buffer.AsMemory(0, n), ct);
                }
            }

            var page = PagePdf(original, folder);
            // A trial stamp: a scan PDFsharp cannot open is refused before anything is registered.
            var trial = new ReceiveStamp("ตรวจไฟล์", 1, new DateOnly(2000, 1, 1), new TimeOnly(0, 0));
            Stamp(s, page, trial, Path.Combine(folder, "trial.pdf"));

            var (stream, number) = await PaperApi.RegisterAsync(request, user, s, ct);
            var letter = await s.Letters.ReadIncomingAsync(user.Id, stream, ct);
            if (letter.Scan is not null) return (stream, number); // the same entry sent again
            var at = letter.Registration!.ReceivedAt.ToOffset(TimeSpan.FromHours(7));
            var stamp = new ReceiveStamp(s.Views.Directory.Get(user.OrganizationId).Name, number, DateOnly.FromDateTime(at.DateTime), TimeOnly.FromDateTime(at.DateTime));
            var stamped = Path.Combine(folder, "stamped.pdf");
            Stamp(s, page, stamp, stamped);
            await s.Files.KeepScanAsync(user.Id, stream, original, fileName, stamped, ct);
            return (stream, number);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The scan as a PDF to stamp: itself when it is one, a page around the picture when it is a PNG or JPEG.</summary>
    private static string PagePdf(string original, string folder)
    {
        var head = new byte[8];
        using (var f = File.OpenRead(original)) f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (head.AsSpan().StartsWith("%PDF-"u8)) return original;
        if (!head.AsSpan().StartsWith((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G']) && !head.AsSpan().StartsWith((byte[])[0xFF, 0xD8, 0xFF]))
            throw new FileRefusedException("ภาพสแกนต้องเป็นไฟล์ PDF, PNG หรือ JPEG ไม่ได้บันทึก (a scan must be a PDF, PNG or JPEG).");
        var page = Path.Combine(folder, "page.pdf");
        try
        {
            using var output = File.Create(page);
            ScanPdf.FromImage(File.ReadAllBytes(original), output);
        }
        catch (LetterReadingException ex)
        {
            throw new FileRefusedException(ex.Message);
        }

        return page;
    }

    private static void Stamp(Services s, string pdf, ReceiveStamp stamp, string output)
    {
        try
        {
            s.Printing.Stamper.StampFile(pdf, stamp, output);
        }
        catch (RenderingException ex)
        {
            throw new FileRefusedException($"ไฟล์สแกนเสียหาย เปิดไม่ได้ ไม่ได้บันทึก ให้สแกนใหม่ ({ex.Message})");
        }
    }

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/letters/incoming/{stream}/scan", async (string stream, bool? stamped, HttpContext http, Services s, CancellationToken ct) =>
        {
            var (file, content) = await s.Files.OpenScanAsync(CurrentUser.Get(http, s.Access).Id, stream, stamped == true, ct);
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            return Results.Stream(content, file.MediaType, file.FileName);
        });
    }
}
