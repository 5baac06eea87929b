using Saraban.Workflow.Access;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Letters;

namespace Saraban.Workflow.Files;

/// <summary>An electronic letter's PDF as sent (<see cref="SentPdfKept"/>): kept at dispatch, read by the sender and the addressees.</summary>
public sealed partial class LetterFiles
{
    /// <summary>
    /// Draws the dispatched letter once (<paramref name="render"/>, given the letter opened) and keeps it:
    /// checked and stored as any file (sealed with the letter's key when it is ลับ or ลับมาก), then the
    /// event naming it. Kept already (a retried dispatch, two clerks at once): the one kept first.
    /// </summary>
    public async Task<Enclosure> KeepSentPdfAsync(string userId, string letterId, Func<OutgoingLetter, byte[]> render, CancellationToken ct = default)
    {
        var (state, _) = await letters.LoadOutgoingAsync(letterId, ct);
        var actor = access.Authorize(userId, Permission.Dispatch, state.OrganizationId ?? "?", clock.GetUtcNow());
        if (state.SentPdf is { } kept) return kept;
        // Opened to be drawn, never shown here: the clerk who sends a secret letter need not read it.
        var opened = await letters.ReadDispatchedForCheckAsync(letterId, ct)
            ?? throw new DomainException("หนังสือยังไม่ได้ส่ง จึงยังไม่มีฉบับที่ส่ง (the letter is not sent yet).");
        Func<Stream, Stream, CancellationToken, Task>? seal = null;
        string? sealedBy = null;
        if (state.Content?.Sealed is { } s)
        {
            if (secrets is null) throw Correspondence.NoMasterKey();
            var key = await secrets.KeyAsync(s.KeyOf, ct);
            sealedBy = s.KeyOf;
            seal = (plain, sealedOut, token) => Secrets.SealedFile.SealAsync(plain, sealedOut, key, s.KeyOf, token);
        }
        using var pdf = new MemoryStream(render(opened), writable: false);
        var (sha, length, kind, name) = await intake.ReceiveAsync(pdf, SentPdfs.FileName(state.Dispatch!), ct, seal);
        var file = new Enclosure(sha, length, FileKinds.MediaType(kind), name, "ฉบับที่ส่ง", sealedBy);
        var (now, version) = await letters.LoadOutgoingAsync(letterId, ct);
        if (now.SentPdf is { } first) return first;
        try
        {
            await store.AppendAsync(OutgoingLetter.StreamId(letterId), ExpectedVersion.Exactly(version),
                [types.ToEventData(SentPdfs.DecideKeep(now, file, actor.User.Id), Correspondence.Meta(actor, now.OriginLetterId ?? letterId))], ct);
            return file;
        }
        catch (WrongExpectedVersionException)
        {
            var (again, _) = await letters.LoadOutgoingAsync(letterId, ct);
            if (again.SentPdf is { } other) return other;
            throw;
        }
    }

    /// <summary>The sender's letter as it went out, for a user of its office allowed to read it.</summary>
    public async Task<(Enclosure File, Stream Content)> OpenSentPdfAsync(string userId, string letterId, CancellationToken ct = default)
    {
        var letter = await letters.ReadOutgoingAsync(userId, letterId, ct);
        return await OpenAsync(letter.SentPdf is { } pdf ? [pdf] : null, 1, ct);
    }

    /// <summary>A received electronic letter as its sender sent it, for a user of the receiving office allowed to read it.</summary>
    public async Task<(Enclosure File, Stream Content)> OpenReceivedPdfAsync(string userId, string incomingStreamId, CancellationToken ct = default) =>
        await OpenAsync(await ReceivedPdfAsync(userId, incomingStreamId, ct) is { } pdf ? [pdf] : null, 1, ct);

    /// <summary>Which PDF the sender kept of a received letter (null: a paper letter, or none kept), for a user allowed to read the letter.</summary>
    public async Task<Enclosure?> ReceivedPdfAsync(string userId, string incomingStreamId, CancellationToken ct = default)
    {
        var letter = await letters.ReadIncomingAsync(userId, incomingStreamId, ct);
        return await SentPdfOfAsync(letter, ct);
    }

    /// <summary>The same, for a received letter the caller has already read (and so was allowed to).</summary>
    public async Task<Enclosure?> SentPdfOfAsync(Letters.IncomingLetter letter, CancellationToken ct = default)
    {
        if (letter.Arrival is not { FromLetterId: { } from }) return null;
        var (sent, _) = await letters.LoadOutgoingAsync(from, ct);
        return sent.SentPdf;
    }
}
