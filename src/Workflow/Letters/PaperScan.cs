using Saraban.Workflow.Files;

namespace Saraban.Workflow.Letters;

/// <summary>
/// The scan of a paper letter kept on registration (on its stream, <c>in-{office}-paper-…</c>):
/// <see cref="Original"/> the file as the clerk uploaded it, unchanged; <see cref="Stamped"/> a new
/// PDF of it with the receive stamp (ตรารับหนังสือ: the office, เลขรับ, date and time) drawn at the
/// top right of its first page. Both by their SHA-256, so <c>verify</c> checks them.
/// </summary>
public sealed record PaperScanKept(Enclosure Original, Enclosure Stamped, string UserId);

/// <summary>The decision on a paper letter's scan: pure, on the letter's state.</summary>
public static class PaperScans
{
    public static PaperScanKept DecideKeep(IncomingLetter state, Enclosure original, Enclosure stamped, string userId)
    {
        if (state.Arrival is null) throw new DomainException("ไม่พบหนังสือนี้ในรายการหนังสือเข้า (no such incoming letter).");
        if (state.Arrival.Channel != ArrivalChannel.Paper) throw new DomainException("ภาพสแกนเก็บได้เฉพาะหนังสือที่มาทางกระดาษ (only a paper letter has a scan).");
        if (state.Registration is null) throw new DomainException("ต้องลงทะเบียนรับก่อนจึงประทับตรารับได้ (register the letter before stamping it).");
        if (state.Scan is not null) throw new DomainException("หนังสือนี้มีภาพสแกนแล้ว (the letter's scan is kept already).");
        return new PaperScanKept(original, stamped, userId);
    }

    /// <summary>A scan of a secret letter would lie unsealed at rest: refused until scans are sealed like enclosures.</summary>
    public static void CheckScannable(Secrecy secrecy)
    {
        if (secrecy != Secrecy.None)
            throw new DomainException("หนังสือลับยังแนบภาพสแกนไม่ได้ ลงทะเบียนโดยไม่แนบภาพ (a secret letter's scan is not kept: register it without the scan).");
    }
}
