using Saraban.Workflow.EventStore;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Files;

/// <summary>A file enclosed in a draft (on the letter's stream, <c>out-{id}</c>); its number is its place among the draft's files.</summary>
public sealed record EnclosureAttached(Enclosure File, string UserId);
/// <summary>A file taken out of a draft again; <see cref="Number"/> counts the files from 1, as when it was removed.</summary>
public sealed record EnclosureRemoved(int Number, string UserId);
/// <summary>A draft given up (by its office, or by the sweep after it lay untouched): its files may go.</summary>
public sealed record DraftDiscarded(string UserId, string Reason);

/// <summary>The decisions on a draft's files: pure, on the letter's state.</summary>
public static class Enclosures
{
    public static EventTypes Register(EventTypes types) => types
        .Register<EnclosureAttached>("enclosure-attached")
        .Register<EnclosureRemoved>("enclosure-removed")
        .Register<DraftDiscarded>("draft-discarded");

    /// <summary>Whether a file may still be added: checked before the upload is read, and again with the file.</summary>
    public static void CheckOpen(OutgoingLetter state)
    {
        if (state.Version == 0) throw new DomainException("ไม่พบหนังสือนี้ (no such letter).");
        if (state.Discarded) throw new DomainException("ร่างหนังสือนี้ถูกยกเลิกแล้ว (the draft was discarded).");
        if (state.Dispatch is not null) throw new DomainException("หนังสือนี้ส่งแล้ว แก้สิ่งที่ส่งมาด้วยไม่ได้ (the letter is sent: its enclosures are fixed).");
        if (state.Signature is not null)
            throw new DomainException("หนังสือนี้ลงนามแล้ว แก้สิ่งที่ส่งมาด้วยไม่ได้ ผู้ลงนามลงนามตามที่เห็น (the letter is signed: its enclosures are what was signed).");
    }

    public static EnclosureAttached DecideAttach(OutgoingLetter state, Enclosure file, string userId)
    {
        CheckOpen(state);
        var files = state.Files ?? [];
        if (files.Count >= FileLimits.MaxFilesPerLetter)
            throw new DomainException($"แนบไฟล์ได้ไม่เกิน {ThaiDigits.Format(FileLimits.MaxFilesPerLetter)} ไฟล์ต่อหนังสือ (too many files).");
        if (files.Any(f => f.Sha256 == file.Sha256))
            throw new DomainException($"ไฟล์นี้แนบไว้แล้ว ({files.First(f => f.Sha256 == file.Sha256).FileName}) (the same file is enclosed already).");
        if (file.Description.Length > Enclosure.MaxDescriptionLength)
            throw new DomainException($"คำอธิบายยาวเกิน {ThaiDigits.Format(Enclosure.MaxDescriptionLength)} ตัวอักษร (the description is too long).");
        return new EnclosureAttached(file, userId);
    }

    public static EnclosureRemoved DecideRemove(OutgoingLetter state, int number, string userId)
    {
        CheckOpen(state);
        if (number < 1 || number > (state.Files?.Count ?? 0)) throw new DomainException($"ไม่มีไฟล์ลำดับที่ {number} (no such enclosure).");
        return new EnclosureRemoved(number, userId);
    }

    public static DraftDiscarded DecideDiscard(OutgoingLetter state, string userId, string reason)
    {
        CheckOpen(state);
        return new DraftDiscarded(userId, reason);
    }

    /// <summary>
    /// Each file with its label: numbered after the letter's own enclosure lines (the letters it
    /// encloses, then the lines typed), as the printed letter lists them.
    /// </summary>
    public static IReadOnlyList<(string Label, Enclosure File)> Labelled(LetterContent content, IReadOnlyList<Enclosure>? files)
    {
        int first = content.EnclosedLetters.Count + content.Enclosures.Count + 1;
        return (files ?? []).Select((f, i) => (Enclosure.Label(first + i), f)).ToList();
    }

    /// <summary>The printed letter's line for a file: its description, else its name.</summary>
    public static string Line(Enclosure f) => string.IsNullOrWhiteSpace(f.Description) ? f.FileName : f.Description;
}
