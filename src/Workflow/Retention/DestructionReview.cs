using Saraban.Workflow.EventStore;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Retention;

/// <summary>
/// A line of the destruction list as proposed: the register entry by its stream and number, never its
/// subject, so that what the list itself keeps in the log holds none of what is to be destroyed.
/// </summary>
public sealed record DestructionItem(string StreamId, string DocumentNumber, DateOnly Date, int Year, RetentionClass Class);

/// <summary>บัญชีหนังสือขอทำลาย proposed for an office and a year (stream <c>destruction-{office}-{year}</c>).</summary>
public sealed record DestructionProposed(string OrganizationId, int Year, DateOnly AsOf, IReadOnlyList<DestructionItem> Items, string UserId);
/// <summary>More lines of a long list, after its <see cref="DestructionProposed"/>: an event holds at most <see cref="DestructionReview.ItemsPerEvent"/>.</summary>
public sealed record DestructionItemsListed(IReadOnlyList<DestructionItem> Items);
/// <summary>คณะกรรมการทำลายหนังสือ: a chair and at least two members, users of the office.</summary>
public sealed record DestructionCommitteeSet(string ChairId, IReadOnlyList<string> MemberIds, string UserId);
/// <summary>The committee's การพิจารณา of one line: destroy, or keep with a reason.</summary>
public sealed record DestructionItemConsidered(string StreamId, bool Destroy, string? Reason, string UserId);
/// <summary>The head of the office approves the list as the committee considered it.</summary>
public sealed record DestructionApproved(string UserId, string Name, IReadOnlyList<string> PositionLines);
/// <summary>The lines marked destroy have been destroyed (each letter's own <c>letter-destroyed</c> says how).</summary>
public sealed record DestructionCarriedOut(IReadOnlyList<string> Destroyed, int FilesDeleted, string UserId);

/// <summary>The list as its events left it.</summary>
public sealed record DestructionState(string? OrganizationId, int Year, IReadOnlyList<DestructionItem> Items, string? ProposedBy,
    string? ChairId, IReadOnlyList<string> MemberIds, IReadOnlyDictionary<string, DestructionItemConsidered> Considered,
    DestructionApproved? Approved, bool CarriedOut, long Version)
{
    public static readonly DestructionState None = new(null, 0, [], null, null, [], new Dictionary<string, DestructionItemConsidered>(), null, false, 0);

    public bool HasCommittee => ChairId is not null;
    public bool IsOnCommittee(string userId) => ChairId == userId || MemberIds.Contains(userId);
    public IEnumerable<DestructionItem> ToDestroy => Items.Where(i => Considered.TryGetValue(i.StreamId, out var c) && c.Destroy);

    /// <summary>
    /// The next state. A list may have 100,000 lines, each considered by an event: the lines and the
    /// marks are added to the collections in place (a fold keeps only its last state), not copied each time.
    /// </summary>
    public DestructionState Apply(object e, long version) => (e switch
    {
        DestructionProposed p => this with { OrganizationId = p.OrganizationId, Year = p.Year, Items = new List<DestructionItem>(p.Items), ProposedBy = p.UserId,
            Considered = new Dictionary<string, DestructionItemConsidered>(StringComparer.Ordinal) },
        DestructionItemsListed l => Add(l.Items),
        DestructionCommitteeSet c => this with { ChairId = c.ChairId, MemberIds = c.MemberIds },
        DestructionItemConsidered i => Mark(i),
        DestructionApproved a => this with { Approved = a },
        DestructionCarriedOut => this with { CarriedOut = true },
        _ => this,
    }) with { Version = version };

    private DestructionState Add(IReadOnlyList<DestructionItem> items)
    {
        ((List<DestructionItem>)Items).AddRange(items);
        return this;
    }

    private DestructionState Mark(DestructionItemConsidered i)
    {
        ((Dictionary<string, DestructionItemConsidered>)Considered)[i.StreamId] = i;
        return this;
    }
}

/// <summary>
/// The committee's review and the head's approval of a destruction list (ระเบียบฯ ข้อ ๖๖–๖๙): pure
/// decisions on the list's state. Whoever proposed the list may not approve it, nor may a member of
/// its committee: the head approves what others considered.
/// </summary>
public static class DestructionReview
{
    public static string StreamId(string organizationId, int year) => $"destruction-{organizationId}-{year}";

    public const int MaxReason = 1000;

    /// <summary>Lines per event of a proposal: an event must stay under the store's 1 MiB (a line is about 200 bytes).</summary>
    public const int ItemsPerEvent = 2000;

    public static EventTypes Register(EventTypes t) => t
        .Register<DestructionProposed>("destruction-proposed")
        .Register<DestructionItemsListed>("destruction-items-listed")
        .Register<DestructionCommitteeSet>("destruction-committee-set")
        .Register<DestructionItemConsidered>("destruction-item-considered")
        .Register<DestructionApproved>("destruction-approved")
        .Register<DestructionCarriedOut>("destruction-carried-out")
        .Register<LetterDestroyed>(Erasures.EventType);

    public static DestructionProposed DecidePropose(DestructionState state, string organizationId, int year, DateOnly asOf, IReadOnlyList<DestructionItem> items, string userId)
    {
        if (state.OrganizationId is not null)
            throw new DomainException($"มีบัญชีหนังสือขอทำลายของปี พ.ศ. {ThaiDigits.Format(year + 543)} แล้ว (the office has a destruction list for {year} already).");
        if (items.Count == 0) throw new DomainException("ไม่มีหนังสือที่ครบอายุการเก็บ จึงไม่มีบัญชีให้เสนอ (nothing has reached the end of its retention).");
        if (items.FirstOrDefault(i => i.Class == RetentionClass.Permanent) is { } p)
            throw new DomainException($"หนังสือ {p.DocumentNumber} เก็บตลอดไป ทำลายไม่ได้ (a permanent letter cannot be on a destruction list).");
        return new DestructionProposed(organizationId, year, asOf, items, userId);
    }

    public static DestructionCommitteeSet DecideCommittee(DestructionState state, string chairId, IReadOnlyList<string> memberIds,
        Func<string, bool> isOfTheOffice, string userId)
    {
        CheckOpen(state);
        if (state.Considered.Count > 0)
            throw new DomainException("คณะกรรมการเริ่มพิจารณาแล้ว เปลี่ยนคณะกรรมการไม่ได้ (the committee has begun: it cannot be changed).");
        var members = memberIds.Select(m => m.Trim()).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (string.IsNullOrWhiteSpace(chairId)) throw new DomainException("ต้องระบุประธานกรรมการ (the committee needs a chair).");
        members.Remove(chairId);
        if (members.Count < 2) throw new DomainException("คณะกรรมการต้องมีประธานและกรรมการอย่างน้อยสองคน (a chair and at least two members).");
        if (new[] { chairId }.Concat(members).FirstOrDefault(m => !isOfTheOffice(m)) is { } stranger)
            throw new Access.AccessDeniedException($"'{stranger}' ไม่ใช่ผู้ใช้ของหน่วยงานนี้ เป็นกรรมการไม่ได้ (a committee member must be a user of the office).");
        return new DestructionCommitteeSet(chairId, members, userId);
    }

    /// <param name="held">Whether the letter is under a legal hold now.</param>
    /// <param name="current">The letter's retention class now (it may have been changed since the list was proposed).</param>
    public static DestructionItemConsidered DecideConsider(DestructionState state, string streamId, bool destroy, string? reason,
        bool held, RetentionClass current, string userId)
    {
        CheckOpen(state);
        if (!state.HasCommittee) throw new DomainException("ยังไม่ได้ตั้งคณะกรรมการทำลายหนังสือ (no committee has been set).");
        if (!state.IsOnCommittee(userId))
            throw new Access.AccessDeniedException("เฉพาะคณะกรรมการทำลายหนังสือพิจารณารายการได้ (only the committee considers the list).");
        var item = state.Items.FirstOrDefault(i => i.StreamId == streamId)
            ?? throw new DomainException("ไม่มีรายการนี้ในบัญชี (no such line on the list).");
        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (why is { Length: > MaxReason }) throw new DomainException($"เหตุผลยาวเกิน {ThaiDigits.Format(MaxReason)} ตัวอักษร (the reason is too long).");
        if (!destroy && why is null) throw new DomainException($"ต้องระบุเหตุผลที่เก็บหนังสือ {item.DocumentNumber} ไว้ (keeping a letter needs a reason).");
        if (destroy && current == RetentionClass.Permanent)
            throw new DomainException($"หนังสือ {item.DocumentNumber} เก็บตลอดไป ทำลายไม่ได้ (a permanent letter cannot be destroyed).");
        if (destroy && held)
            throw new DomainException($"หนังสือ {item.DocumentNumber} ถูกระงับการทำลายไว้ (legal hold) ทำลายไม่ได้ (a letter under a legal hold cannot be destroyed).");
        return new DestructionItemConsidered(streamId, destroy, why, userId);
    }

    public static DestructionApproved DecideApprove(DestructionState state, Access.Actor head)
    {
        CheckOpen(state);
        if (!state.HasCommittee) throw new DomainException("อนุมัติไม่ได้: ยังไม่ได้ตั้งคณะกรรมการทำลายหนังสือ (no committee: the list cannot be approved).");
        if (state.ProposedBy == head.User.Id)
            throw new Access.AccessDeniedException("ผู้เสนอบัญชีอนุมัติบัญชีของตนเองไม่ได้ (the list's proposer cannot approve it).");
        if (state.IsOnCommittee(head.User.Id))
            throw new Access.AccessDeniedException("กรรมการทำลายหนังสืออนุมัติบัญชีที่ตนพิจารณาไม่ได้ (a committee member cannot approve the list).");
        var open = state.Items.Count(i => !state.Considered.ContainsKey(i.StreamId));
        if (open > 0)
            throw new DomainException($"คณะกรรมการยังไม่ได้พิจารณาอีก {ThaiDigits.Format(open)} รายการ (the committee has not considered every line).");
        return new DestructionApproved(head.User.Id, head.User.FullName, head.PositionLines);
    }

    /// <param name="blocked">The lines marked destroy that may not be destroyed now (held or made permanent since), with why.</param>
    public static void CheckCarryOut(DestructionState state, IReadOnlyDictionary<string, string> blocked)
    {
        if (state.OrganizationId is null) throw new DomainException("ไม่พบบัญชีหนังสือขอทำลายนี้ (no such destruction list).");
        if (state.Approved is null) throw new DomainException("บัญชียังไม่ได้รับอนุมัติ ทำลายไม่ได้ (the list is not approved).");
        if (state.CarriedOut) throw new DomainException("ทำลายตามบัญชีนี้แล้ว (the list has been carried out already).");
        if (blocked.Count > 0) throw new DomainException(string.Join(" ", blocked.Values));
    }

    private static void CheckOpen(DestructionState state)
    {
        if (state.OrganizationId is null) throw new DomainException("ไม่พบบัญชีหนังสือขอทำลายนี้ (no such destruction list).");
        if (state.Approved is not null) throw new DomainException("บัญชีได้รับอนุมัติแล้ว แก้ไขไม่ได้ (the list is approved: it can no longer change).");
    }
}
