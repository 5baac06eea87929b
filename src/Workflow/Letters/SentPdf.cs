using Saraban.Workflow.Files;

namespace Saraban.Workflow.Letters;

/// <summary>
/// An electronic letter's PDF as it went out (ฉบับที่ส่ง): drawn once at dispatch, with its number, date and
/// verification code, stored by its SHA-256 and named here (on <c>out-{id}</c>), so the chain covers the
/// hash and <c>verify</c> finds a swapped file. The sender and every addressee read these very bytes, not
/// a new drawing that a later template, address or font would change.
/// </summary>
public sealed record SentPdfKept(Enclosure Pdf, string UserId);

/// <summary>The decision on keeping a letter's PDF as sent: pure, on the letter's state.</summary>
public static class SentPdfs
{
    public static SentPdfKept DecideKeep(OutgoingLetter state, Enclosure pdf, string userId)
    {
        if (state.Version == 0) throw new DomainException("ไม่พบหนังสือนี้ (no such letter).");
        if (state.Dispatch is null) throw new DomainException("หนังสือยังไม่ได้ส่ง จึงยังไม่มีฉบับที่ส่ง (the letter is not sent yet).");
        if (state.SentPdf is not null) throw new DomainException("เก็บฉบับที่ส่งของหนังสือนี้ไว้แล้ว (the letter's PDF as sent is kept already).");
        if (pdf.MediaType != "application/pdf") throw new DomainException("ฉบับที่ส่งต้องเป็น PDF (the letter as sent is a PDF).");
        return new SentPdfKept(pdf, userId);
    }

    /// <summary>The name the kept PDF is downloaded by: its number without the slash (ที่ นร ๐๑๐๗/ว ๑๒ → นร ๐๑๐๗-ว ๑๒.pdf).</summary>
    public static string FileName(LetterDispatched dispatch)
    {
        var number = dispatch.DocumentNumber.StartsWith("ที่ ", StringComparison.Ordinal) ? dispatch.DocumentNumber[4..] : dispatch.DocumentNumber;
        return number.Replace('/', '-').Trim() + ".pdf";
    }
}
