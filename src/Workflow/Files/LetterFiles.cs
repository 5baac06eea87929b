using Saraban.Workflow.Access;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Letters;

namespace Saraban.Workflow.Files;

/// <summary>
/// The files of letters: enclosed while drafting, read by whoever may read the letter. A file is
/// reached only through a letter the user may read (never by its hash), so a secret letter's files
/// reach only its readers, and another office's letter's not at all.
/// </summary>
/// <param name="secrets">Seals a ลับ or ลับมาก letter's files with the letter's key; without it such letters take no files.</param>
public sealed partial class LetterFiles(Correspondence letters, IEventStore store, EventTypes types, AccessService access, IFileStore files,
    FileIntake intake, TimeProvider clock, Secrets.LetterSecrets? secrets = null)
{
    public FileLimits Limits => intake.Limits;

    /// <summary>
    /// Encloses the uploaded file in a draft of the user's office. Who may, and whether the draft
    /// still takes files, is decided before a byte is read; the file is checked and stored before the
    /// event that names it, so a refused file leaves no event, and a file whose event did not follow
    /// (a crash, a draft changed meanwhile) is unreferenced and goes with the sweep.
    /// </summary>
    public async Task<(int Number, string Label, Enclosure File)> AttachAsync(string userId, string letterId, Stream body, string? fileName,
        string? description, CancellationToken ct = default)
    {
        var (state, _) = await letters.LoadOutgoingAsync(letterId, ct);
        var actor = access.Authorize(userId, Permission.IssueOutgoing, state.OrganizationId ?? "?", clock.GetUtcNow());
        Enclosures.CheckOpen(state);
        var text = (description ?? "").Trim();
        if (text.Length > Enclosure.MaxDescriptionLength) Enclosures.DecideAttach(state, new Enclosure("", 0, "", "", text), userId);
        string? sealedBy = null;
        Func<Stream, Stream, CancellationToken, Task>? seal = null;
        if (Secrets.LetterSecrets.IsSealable(state.Content!.Secrecy))
        {
            if (secrets is null || state.Content.Sealed is not { } s) throw Correspondence.NoMasterKey();
            var key = await secrets.KeyAsync(s.KeyOf, ct);
            sealedBy = s.KeyOf;
            seal = (plain, sealedOut, token) => Secrets.SealedFile.SealAsync(plain, sealedOut, key, s.KeyOf, token);
        }
        var (sha, length, kind, name) = await intake.ReceiveAsync(body, fileName, ct, seal);
        var file = new Enclosure(sha, length, FileKinds.MediaType(kind), name, text, sealedBy);
        // Read again: another clerk may have signed or changed the draft while the file came in.
        var (now, version) = await letters.LoadOutgoingAsync(letterId, ct);
        var attached = Enclosures.DecideAttach(now, file, actor.User.Id);
        await store.AppendAsync(OutgoingLetter.StreamId(letterId), ExpectedVersion.Exactly(version),
            [types.ToEventData(attached, Correspondence.Meta(actor, now.OriginLetterId ?? letterId))], ct);
        var labelled = Enclosures.Labelled(now.Content!, [.. now.Files ?? [], file]);
        return (labelled.Count, labelled[^1].Label, file);
    }

    public async Task RemoveAsync(string userId, string letterId, int number, CancellationToken ct = default)
    {
        var (state, version) = await letters.LoadOutgoingAsync(letterId, ct);
        var actor = access.Authorize(userId, Permission.IssueOutgoing, state.OrganizationId ?? "?", clock.GetUtcNow());
        var removed = Enclosures.DecideRemove(state, number, actor.User.Id);
        await store.AppendAsync(OutgoingLetter.StreamId(letterId), ExpectedVersion.Exactly(version),
            [types.ToEventData(removed, Correspondence.Meta(actor, state.OriginLetterId ?? letterId))], ct);
    }

    /// <summary>Gives a draft up: it can no longer be signed or sent, and the sweep removes its files.</summary>
    public async Task DiscardAsync(string userId, string letterId, CancellationToken ct = default)
    {
        var (state, version) = await letters.LoadOutgoingAsync(letterId, ct);
        var actor = access.Authorize(userId, Permission.IssueOutgoing, state.OrganizationId ?? "?", clock.GetUtcNow());
        var discarded = Enclosures.DecideDiscard(state, actor.User.Id, "ยกเลิกร่าง");
        await store.AppendAsync(OutgoingLetter.StreamId(letterId), ExpectedVersion.Exactly(version),
            [types.ToEventData(discarded, Correspondence.Meta(actor, state.OriginLetterId ?? letterId))], ct);
    }

    /// <summary>File <paramref name="number"/> (from 1) of this office's letter, for a user allowed to read the letter.</summary>
    public async Task<(Enclosure File, Stream Content)> OpenOutgoingAsync(string userId, string letterId, int number, CancellationToken ct = default)
    {
        var letter = await letters.ReadOutgoingAsync(userId, letterId, ct);
        return await OpenAsync(letter.Files, number, ct);
    }

    /// <summary>File <paramref name="number"/> of a received letter, for a user of the office that received it, allowed to read it.</summary>
    public async Task<(Enclosure File, Stream Content)> OpenIncomingAsync(string userId, string incomingStreamId, int number, CancellationToken ct = default)
    {
        var letter = await letters.ReadIncomingAsync(userId, incomingStreamId, ct);
        return await OpenAsync(letter.Arrival?.Files, number, ct);
    }

    /// <summary>
    /// Keeps a registered paper letter's scan and its stamped copy (both made by the caller, the scan
    /// already read and checked): each file checked and stored, then the event naming both, so a
    /// refused file leaves no event.
    /// </summary>
    public async Task<PaperScanKept> KeepScanAsync(string userId, string incomingStreamId, string originalPath, string? fileName, string stampedPath,
        CancellationToken ct = default)
    {
        var (state, _) = await letters.LoadIncomingAsync(incomingStreamId, ct);
        var actor = access.Authorize(userId, Permission.RegisterIncoming, state.Arrival?.OrganizationId ?? "?", clock.GetUtcNow());
        PaperScans.CheckScannable(state.Arrival!.Content.Secrecy);
        Enclosure original, stamped;
        await using (var body = File.OpenRead(originalPath))
        {
            var (sha, length, kind, name) = await intake.ReceiveAsync(body, fileName, ct);
            original = new Enclosure(sha, length, FileKinds.MediaType(kind), name, "ภาพสแกนต้นฉบับ");
        }
        await using (var body = File.OpenRead(stampedPath))
        {
            var stampedName = Path.GetFileNameWithoutExtension(original.FileName) + "-ตรารับ.pdf";
            var (sha, length, kind, name) = await intake.ReceiveAsync(body, stampedName, ct);
            stamped = new Enclosure(sha, length, FileKinds.MediaType(kind), name, "สำเนาประทับตรารับ");
        }
        // Read again: the same entry registered twice at once keeps one scan.
        var (now, version) = await letters.LoadIncomingAsync(incomingStreamId, ct);
        var kept = PaperScans.DecideKeep(now, original, stamped, actor.User.Id);
        await store.AppendAsync(incomingStreamId, ExpectedVersion.Exactly(version),
            [types.ToEventData(kept, Correspondence.Meta(actor, now.Arrival?.OriginLetterId))], ct);
        return kept;
    }

    /// <summary>A paper letter's scan as uploaded, or its stamped copy, for a user allowed to read the letter.</summary>
    public async Task<(Enclosure File, Stream Content)> OpenScanAsync(string userId, string incomingStreamId, bool stamped, CancellationToken ct = default)
    {
        var letter = await letters.ReadIncomingAsync(userId, incomingStreamId, ct);
        if (letter.Scan is not { } scan) throw new FileNotFoundInLetterException(1);
        return await OpenAsync([stamped ? scan.Stamped : scan.Original], 1, ct);
    }

    private async Task<(Enclosure, Stream)> OpenAsync(IReadOnlyList<Enclosure>? enclosed, int number, CancellationToken ct)
    {
        if (enclosed is null || number < 1 || number > enclosed.Count) throw new FileNotFoundInLetterException(number);
        var file = enclosed[number - 1];
        var content = await files.OpenAsync(file.Sha256, ct)
            ?? throw new DomainException($"ไฟล์ {file.FileName} หายไปจากที่เก็บ แจ้งผู้ดูแลระบบให้ตรวจ (./saraban verify) (the stored file is missing).");
        if (file.SealedBy is not { } keyOf) return (file, content);
        if (secrets is null)
        {
            await content.DisposeAsync();
            throw Correspondence.NoMasterKey();
        }
        return (file, Secrets.SealedFile.Open(content, await secrets.KeyAsync(keyOf, ct), keyOf));
    }
}

/// <summary>The letter has no file of that number.</summary>
public sealed class FileNotFoundInLetterException(int number) : DomainException($"ไม่พบไฟล์ลำดับที่ {number} ของหนังสือนี้ (no such file).");
