using Saraban.Workflow.Access;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Routing;

namespace Saraban.Workflow.Letters;

public sealed partial class Correspondence
{
    /// <summary>Cancels a letter before it goes: its register line stays, marked cancelled with the reason.</summary>
    public async Task CancelAsync(string userId, string letterId, string? reason, CancellationToken ct = default)
    {
        var (state, version) = await LoadOutgoingAsync(letterId, ct);
        var clerk = access.Authorize(userId, Permission.IssueOutgoing, OfficeOf(state), clock.GetUtcNow());
        var cancelled = LetterRecall.DecideCancel(state, clerk.User.Id, reason);
        await AppendAsync(OutgoingLetter.StreamId(letterId), ExpectedVersion.Exactly(version), Meta(clerk, state.OriginLetterId ?? letterId), null, ct, cancelled);
    }

    /// <summary>
    /// เรียกคืน: calls back the copy one addressee has not registered yet. The sender's letter, the
    /// addressee's copy and the end of its routing are one transaction, at the versions read: should
    /// the addressee register it meanwhile, the recall fails and nothing changes.
    /// </summary>
    public async Task RecallAsync(string userId, string letterId, string addresseeId, string? reason, CancellationToken ct = default)
    {
        var (letter, version) = await LoadOutgoingAsync(letterId, ct);
        var clerk = access.Authorize(userId, Permission.Dispatch, OfficeOf(letter), clock.GetUtcNow());
        if (letter.Dispatch is null) throw new DomainException("หนังสือยังไม่ได้ส่ง เรียกคืนไม่ได้ ให้ยกเลิกแทน (the letter has not gone out: cancel it instead).");
        var to = letter.Holders.FirstOrDefault(a => a.OrganizationId == addresseeId)
            ?? throw new DomainException($"หนังสือนี้ไม่ได้อยู่ที่หน่วยงาน {addresseeId} (the letter is not held by {addresseeId}).");
        var copyStream = IncomingLetter.StreamId(addresseeId, letterId);
        var (copy, copyVersion, routed) = await LoadForCommandAsync(copyStream, ct);
        var (recalled, withdrawn) = LetterRecall.DecideRecall(letter, copy, to, clerk.User.Id, reason);
        var meta = Meta(clerk, letter.OriginLetterId ?? letterId);
        await store.AppendAsync(With(routed is null ? null : routing!.Withdraw(copyStream, routed, withdrawn.Reason, userId, meta),
            new StreamAppend(OutgoingLetter.StreamId(letterId), ExpectedVersion.Exactly(version), [types.ToEventData(recalled, meta)]),
            new StreamAppend(copyStream, ExpectedVersion.Exactly(copyVersion), [types.ToEventData(withdrawn, meta)])), ct);
    }

    /// <summary>
    /// ส่งคืน: the addressee gives a letter it received back to the sender with a note; the sender's
    /// letter records it in the same transaction, and can then be sent on to the right office.
    /// </summary>
    public async Task ReturnAsync(string userId, string incomingStreamId, string? note, CancellationToken ct = default)
    {
        var (copy, copyVersion, routed) = await LoadForCommandAsync(incomingStreamId, ct);
        if (copy.Arrival is null) LetterRecall.DecideReturn(copy, userId, note); // never received: says so
        var clerk = access.Authorize(userId, Permission.RegisterIncoming, copy.Arrival!.OrganizationId, clock.GetUtcNow());
        var returned = LetterRecall.DecideReturn(copy, clerk.User.Id, note);
        var letterId = copy.Arrival.FromLetterId!;
        var (letter, version) = await LoadOutgoingAsync(letterId, ct);
        var office = letter.AllAddressees.FirstOrDefault(a => a.OrganizationId == clerk.Organization.Id)
            ?? new Addressee(clerk.Organization.Id, clerk.Organization.Name, clerk.Organization.HeadTitle);
        var meta = Meta(clerk, OriginOf(copy));
        await store.AppendAsync(With(routed is null ? null : routing!.Withdraw(incomingStreamId, routed, returned.Note, userId, meta),
            new StreamAppend(incomingStreamId, ExpectedVersion.Exactly(copyVersion), [types.ToEventData(returned, meta)]),
            new StreamAppend(OutgoingLetter.StreamId(letterId), ExpectedVersion.Exactly(version),
                [types.ToEventData(new LetterReturnedToSender(office.OrganizationId, office.Name, returned.Note, clerk.User.Id), meta)])), ct);
    }

    /// <summary>Sends a letter that went out on to further offices, under the same number (after a return: to the right office).</summary>
    public async Task RedirectAsync(string userId, string letterId, IReadOnlyList<string> addressees, CancellationToken ct = default)
    {
        var (letter, version) = await LoadOutgoingAsync(letterId, ct);
        var clerk = access.Authorize(userId, Permission.Dispatch, OfficeOf(letter), clock.GetUtcNow());
        var view = directory.Current;
        var to = addressees.Select(a => view.Get(a)).Select(o => new Addressee(o.Id, o.Name, o.HeadTitle)).ToList();
        var redirected = LetterRecall.DecideRedirect(letter, to, clerk.User.Id);
        var meta = Meta(clerk, letter.OriginLetterId ?? letterId);
        await AppendAsync(OutgoingLetter.StreamId(letterId), ExpectedVersion.Exactly(version), meta, null, ct, redirected);
    }
}
