using Saraban.Workflow.Numbering;

namespace Saraban.Workflow.Letters;

/// <param name="Forwards">The received letter this one passes on (its stream), when it forwards one.</param>
/// <param name="ActionDue">The date by which addressees must act (reply, submit), if the letter asks them to.</param>
public sealed record LetterDrafted(string LetterId, string OrganizationId, LetterContent Content, IReadOnlyList<string> Addressees,
    string? Forwards, string? OriginLetterId, DateOnly? ActionDue, string DraftedBy);
public sealed record LetterSigned(string UserId, string SignerName, IReadOnlyList<string> PositionLines);
/// <summary>Numbered and sent in one act: the number is taken in the transaction that dispatches.</summary>
public sealed record LetterDispatched(string DocumentNumber, NumberSeries Series, int RunningNumber, DateOnly Date,
    IReadOnlyList<Addressee> Addressees, string SenderName, string DispatchedBy);
/// <summary>An addressee as named when the letter was sent.</summary>
public sealed record Addressee(string OrganizationId, string Name, string HeadTitle);

/// <summary>A letter this office writes: drafted, signed, then numbered and dispatched (stream <c>out-{id}</c>).</summary>
public sealed record OutgoingLetter(
    long Version, string? Id, string? OrganizationId, LetterContent? Content, IReadOnlyList<string> Addressees, string? Forwards,
    string? OriginLetterId, DateOnly? ActionDue, LetterSigned? Signature, LetterDispatched? Dispatch,
    Actions.ActionsRequested? Asks = null, IReadOnlyList<Actions.ActionDeadlineExtended>? Extends = null,
    IReadOnlyList<Workflow.Files.Enclosure>? Files = null, bool Discarded = false,
    IReadOnlyList<Addressee>? Redirected = null, IReadOnlyList<string>? Withdrawn = null, Workflow.Files.Enclosure? SentPdf = null)
{
    /// <summary>Every office the letter was sent to: the dispatch's addressees, then those it was sent on to.</summary>
    public IReadOnlyList<Addressee> AllAddressees => [.. Dispatch?.Addressees ?? [], .. Redirected ?? []];

    /// <summary>The offices that hold the letter now: sent to, and neither recalled from nor returned by.</summary>
    public IEnumerable<Addressee> Holders => AllAddressees.Where(a => !(Withdrawn ?? []).Contains(a.OrganizationId));

    public static readonly OutgoingLetter Empty = new(0, null, null, null, [], null, null, null, null, null);

    public static string StreamId(string letterId) => $"out-{letterId}";

    public OutgoingLetter Apply(object e) => (e switch
    {
        LetterDrafted d => this with { Id = d.LetterId, OrganizationId = d.OrganizationId, Content = d.Content, Addressees = d.Addressees,
            Forwards = d.Forwards, OriginLetterId = d.OriginLetterId, ActionDue = d.ActionDue },
        LetterSigned s => this with { Signature = s },
        LetterDispatched x => this with { Dispatch = x },
        SentPdfKept k => this with { SentPdf = k.Pdf },
        Actions.ActionsRequested r => this with { Asks = r },
        Actions.ActionDeadlineExtended x => this with { Extends = [.. (Extends ?? []).Where(p => (p.Origin, p.Key) != (x.Origin, x.Key)), x] },
        Workflow.Files.EnclosureAttached a => this with { Files = [.. Files ?? [], a.File] },
        Workflow.Files.EnclosureRemoved r => this with { Files = [.. (Files ?? []).Where((_, i) => i != r.Number - 1)] },
        Workflow.Files.DraftDiscarded => this with { Discarded = true },
        LetterRedirected r => this with { Redirected = [.. Redirected ?? [], .. r.Addressees] },
        LetterRecalled r => this with { Withdrawn = [.. Withdrawn ?? [], r.AddresseeId] },
        LetterReturnedToSender r => this with { Withdrawn = [.. Withdrawn ?? [], r.AddresseeId] },
        _ => this,
    }) with { Version = Version + 1 };

    public static LetterDrafted DecideDraft(OutgoingLetter state, string letterId, string organizationId, LetterContent content,
        IReadOnlyList<string> addressees, string? forwards, string? originLetterId, DateOnly? actionDue, string userId)
    {
        if (state.Version > 0) throw new DomainException($"มีหนังสือ {letterId} อยู่แล้ว (letter {letterId} exists already).");
        content.Validate();
        if (content.Secrecy == Secrecy.TopSecret) throw Correspondence.TopSecretRefused();
        if (addressees.Count == 0) throw new DomainException("ต้องมีผู้รับอย่างน้อยหนึ่งหน่วยงาน (a letter needs at least one addressee).");
        if (addressees.Distinct().Count() != addressees.Count) throw new DomainException("มีผู้รับซ้ำ (an addressee appears twice).");
        if (addressees.Contains(organizationId)) throw new DomainException("ส่งหนังสือถึงหน่วยงานตนเองไม่ได้ (an office does not send a letter to itself).");
        return new LetterDrafted(letterId, organizationId, content, addressees, forwards, originLetterId, actionDue, userId);
    }

    public static LetterSigned DecideSign(OutgoingLetter state, Access.Actor signer)
    {
        Existing(state);
        if (state.Discarded) throw new DomainException("ร่างหนังสือนี้ถูกยกเลิกแล้ว (the draft was discarded).");
        if (state.Signature is not null) throw new DomainException($"หนังสือนี้ลงนามแล้วโดย {state.Signature.SignerName} (already signed).");
        return new LetterSigned(signer.User.Id, signer.User.FullName, signer.PositionLines);
    }

    /// <summary>Checks that the letter may go; the number itself comes from the book, in the same transaction.</summary>
    public static void CheckDispatchable(OutgoingLetter state)
    {
        Existing(state);
        if (state.Discarded) throw new DomainException("ร่างหนังสือนี้ถูกยกเลิกแล้ว (the draft was discarded).");
        if (state.Dispatch is not null) throw new DomainException($"หนังสือนี้ส่งแล้ว ({state.Dispatch.DocumentNumber}) (the letter went out already).");
        if (state.Signature is null) throw new DomainException("หนังสือยังไม่ได้ลงนาม ส่งไม่ได้ (the letter is not signed yet).");
    }

    public static NumberSeries SeriesOf(LetterContent content) =>
        content.Kind == LetterKind.Circular ? NumberSeries.OutgoingCircular : NumberSeries.Outgoing;

    private static void Existing(OutgoingLetter state)
    {
        if (state.Version == 0) throw new DomainException("ไม่พบหนังสือนี้ (no such letter).");
    }
}
