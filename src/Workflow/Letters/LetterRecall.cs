using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Letters;

/// <summary>เรียกคืน, on the sender's letter: one addressee's copy called back before it was registered there.</summary>
public sealed record LetterRecalled(string AddresseeId, string AddresseeName, string Reason, string UserId);

/// <summary>The same recall on the addressee's copy: it leaves the office's inbox and its register line says why.</summary>
public sealed record LetterWithdrawn(string Reason, string SenderName, string UserId);

/// <summary>ส่งคืน, on the addressee's copy: the office gives the letter back to its sender, e.g. "not ours".</summary>
public sealed record LetterReturned(string Note, string UserId);

/// <summary>The same return on the sender's letter, so its dispatch register shows who gave it back and why.</summary>
public sealed record LetterReturnedToSender(string AddresseeId, string AddresseeName, string Note, string UserId);

/// <summary>The letter, under its number, sent on to further offices (the right one, after a return): delivered as the first dispatch was.</summary>
public sealed record LetterRedirected(IReadOnlyList<Addressee> Addressees, string UserId);

/// <summary>The pure decisions of cancelling, recalling, returning and sending on.</summary>
public static class LetterRecall
{
    public const int MaxReasonLength = 1000;

    /// <summary>A draft or signed letter that will not go: it keeps its register line, marked cancelled with the reason.</summary>
    public static Files.DraftDiscarded DecideCancel(OutgoingLetter state, string userId, string? reason)
    {
        if (state.Version == 0) throw new DomainException("ไม่พบหนังสือนี้ (no such letter).");
        if (state.Dispatch is { } d)
            throw new DomainException($"หนังสือนี้ส่งแล้ว ({d.DocumentNumber}) ยกเลิกไม่ได้ ให้เรียกคืนจากผู้รับที่ยังไม่ลงทะเบียนรับแทน (the letter went out: recall it instead).");
        if (state.Discarded) throw new DomainException("หนังสือนี้ยกเลิกแล้ว (the letter is cancelled already).");
        return new Files.DraftDiscarded(userId, Reason(reason, "ต้องระบุเหตุผลที่ยกเลิกหนังสือ (a cancellation needs a reason)."));
    }

    /// <summary>
    /// Calls back one addressee's copy. Only a copy not yet registered there may be recalled: once the
    /// addressee has entered it in its book, the number is theirs and only they can give it back.
    /// </summary>
    public static (LetterRecalled Sender, LetterWithdrawn Addressee) DecideRecall(OutgoingLetter letter, IncomingLetter copy, Addressee to, string userId, string? reason)
    {
        var why = Reason(reason, "ต้องระบุเหตุผลที่เรียกคืน (a recall needs a reason).");
        if (copy.Arrival is null)
            throw new DomainException($"หนังสือยังไปไม่ถึง {to.Name} ลองอีกครั้งในอีกครู่ (the letter has not reached the office yet).");
        if (copy.Withdrawn) throw new DomainException($"{to.Name} ไม่มีหนังสือนี้แล้ว (เรียกคืนหรือส่งคืนแล้ว) (the copy is recalled or returned already).");
        if (copy.Registration is { } r)
            throw new DomainException($"{to.Name} ลงทะเบียนรับหนังสือนี้แล้ว เลขรับ {ThaiDigits.Format(r.ReceiveNumber)} จึงเรียกคืนไม่ได้ ขอให้ผู้รับส่งคืน (ส่งคืน) แทน " +
                $"(the addressee registered it as receive number {r.ReceiveNumber}: ask them to return it instead).");
        return (new LetterRecalled(to.OrganizationId, to.Name, why, userId), new LetterWithdrawn(why, letter.Dispatch!.SenderName, userId));
    }

    /// <summary>Gives a received letter back to its sender, registered or not, while the office has not passed it on.</summary>
    public static LetterReturned DecideReturn(IncomingLetter copy, string userId, string? note)
    {
        if (copy.Arrival is null) throw new DomainException("ไม่พบหนังสือนี้ในรายการหนังสือเข้า ส่งคืนได้เฉพาะหนังสือที่ได้รับ (no such incoming letter: only a letter received can be returned).");
        if (copy.Arrival.FromLetterId is null)
            throw new DomainException("หนังสือที่รับทางกระดาษส่งคืนทางระบบไม่ได้ ให้ส่งคืนตัวหนังสือแก่ผู้ส่ง (a letter that came on paper is returned on paper).");
        if (copy.Withdrawn) throw new DomainException("หนังสือนี้ถูกเรียกคืนหรือส่งคืนแล้ว (the letter is recalled or returned already).");
        if (copy.ForwardedAs is not null) throw new DomainException("หนังสือนี้แจ้งต่อแล้ว ส่งคืนไม่ได้ (the letter was forwarded: it can no longer be returned).");
        return new LetterReturned(Reason(note, "ต้องระบุเหตุผลที่ส่งคืน เช่น ไม่ใช่หนังสือของหน่วยงานนี้ (say why it is returned)."), userId);
    }

    /// <summary>Sends the letter on to offices that do not hold it yet (never to one that had it: its copy's stream is taken).</summary>
    public static LetterRedirected DecideRedirect(OutgoingLetter letter, IReadOnlyList<Addressee> to, string userId)
    {
        if (letter.Dispatch is null) throw new DomainException("หนังสือยังไม่ได้ส่ง ให้ส่งตามปกติ (the letter has not gone out yet: dispatch it).");
        if (to.Count == 0) throw new DomainException("ต้องมีผู้รับอย่างน้อยหนึ่งหน่วยงาน (name at least one office).");
        if (to.Any(a => a.OrganizationId == letter.OrganizationId)) throw new DomainException("ส่งหนังสือถึงหน่วยงานตนเองไม่ได้ (an office does not send a letter to itself).");
        var had = letter.AllAddressees.Select(a => a.OrganizationId).ToHashSet(StringComparer.Ordinal);
        if (to.FirstOrDefault(a => had.Contains(a.OrganizationId)) is { } again)
            throw new DomainException($"{again.Name} เคยได้รับหนังสือนี้แล้ว ส่งซ้ำไม่ได้ ให้ร่างหนังสือฉบับใหม่ ({again.OrganizationId} had this letter already: draft a new one).");
        if (to.Select(a => a.OrganizationId).Distinct().Count() != to.Count) throw new DomainException("มีผู้รับซ้ำ (an addressee appears twice).");
        return new LetterRedirected(to, userId);
    }

    private static string Reason(string? text, string missing)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new DomainException(missing);
        var t = text.Trim();
        if (t.Length > MaxReasonLength) throw new DomainException($"ข้อความยาวเกิน {ThaiDigits.Format(MaxReasonLength)} ตัวอักษร (the text is too long).");
        return t;
    }
}
