using Saraban.Workflow.Access;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Files;
using Saraban.Workflow.Letters;

namespace Saraban.Workflow.Retention;

/// <summary>What a register entry's stream says of its keeping: whose it is, its class, a hold, whether it was destroyed.</summary>
public sealed record LetterKeeping(string? OrganizationId, RetentionClass Class, bool Held, bool Destroyed, string? KeyOf, long Version)
{
    public static LetterKeeping Of(IReadOnlyList<RecordedEvent> events, EventTypes types)
    {
        var k = new LetterKeeping(null, RetentionClass.TenYears, false, false, null, events.Count);
        foreach (var e in events)
            k = types.Deserialize(e) switch
            {
                LetterArrived a => k with { OrganizationId = a.OrganizationId, KeyOf = a.Content.Sealed?.KeyOf },
                LetterDrafted d => k with { OrganizationId = d.OrganizationId, KeyOf = d.Content.Sealed?.KeyOf },
                RetentionSet r => k with { Class = r.Class },
                LegalHoldSet => k with { Held = true },
                LegalHoldLifted => k with { Held = false },
                LetterDestroyed => k with { Destroyed = true },
                _ => k,
            };
        return k;
    }
}

/// <summary>
/// The destruction of an office's expired letters (การทำลายหนังสือ, ระเบียบฯ ข้อ ๖๖–๗๐): the list is
/// proposed from the survey, a committee considers each line, the head approves, then the lines
/// marked destroy are destroyed (<see cref="DestroyAsync"/>). Every refusal changes nothing.
/// </summary>
public sealed partial class DestructionDesk(IEventStore store, EventTypes types, AccessService access, TimeProvider clock, IFileStore files)
{
    public async Task<DestructionState> ReadAsync(string organizationId, int year, CancellationToken ct = default)
    {
        var state = DestructionState.None;
        foreach (var e in await store.ReadStreamAsync(DestructionReview.StreamId(organizationId, year), ct: ct)) state = state.Apply(types.Deserialize(e), e.Version);
        return state;
    }

    /// <summary>
    /// Proposes the survey's expired entries (not yet destroyed) as the office's list for the survey's
    /// year. A letter sent on paper under a reserved number is listed by its reservation and number
    /// (<see cref="PaperLine"/>): its line holds its subject, erased when it is destroyed (the paper by hand).
    /// </summary>
    public async Task<DestructionState> ProposeAsync(string userId, RetentionSurveyResult survey, CancellationToken ct = default)
    {
        var actor = Keeper(userId, survey.OrganizationId);
        var year = survey.AsOf.Year;
        var state = await ReadAsync(survey.OrganizationId, year, ct);
        var items = survey.Expired.Select(i => new DestructionItem(i.LetterStream, i.DocumentNumber, i.Date, i.Year, i.Class)).ToList();
        var proposed = DestructionReview.DecidePropose(state, survey.OrganizationId, year, survey.AsOf, items, actor.User.Id);
        var chunks = items.Chunk(DestructionReview.ItemsPerEvent).ToList();
        await AppendAsync(survey.OrganizationId, year, state, actor, [proposed with { Items = chunks[0] }, .. chunks.Skip(1).Select(c => new DestructionItemsListed(c))], ct);
        return await ReadAsync(survey.OrganizationId, year, ct);
    }

    /// <summary>The committee: set by the list's proposer or the office's admin.</summary>
    public async Task SetCommitteeAsync(string userId, string organizationId, int year, string chairId, IReadOnlyList<string> memberIds, CancellationToken ct = default)
    {
        var actor = access.Authorize(userId, Permission.Read, organizationId, clock.GetUtcNow());
        var state = await ReadAsync(organizationId, year, ct);
        if (state.OrganizationId is null) throw new DomainException("ไม่พบบัญชีหนังสือขอทำลายนี้ (no such destruction list).");
        if (state.ProposedBy != userId && !actor.User.Has(Role.Admin))
            throw new AccessDeniedException("ตั้งคณะกรรมการได้เฉพาะผู้เสนอบัญชีหรือผู้ดูแลระบบของหน่วยงาน (only the list's proposer or the office's admin sets the committee).");
        var set = DestructionReview.DecideCommittee(state, chairId.Trim(), memberIds,
            id => access.Current.FindUser(id) is { } u && u.OrganizationId == organizationId, actor.User.Id);
        await AppendAsync(organizationId, year, state, actor, set, ct);
    }

    public async Task ConsiderAsync(string userId, string organizationId, int year, string streamId, bool destroy, string? reason, CancellationToken ct = default)
    {
        var actor = access.Authorize(userId, Permission.Read, organizationId, clock.GetUtcNow());
        var state = await ReadAsync(organizationId, year, ct);
        var (_, keeping) = await KeepingAsync(streamId, ct);
        var considered = DestructionReview.DecideConsider(state, streamId, destroy, reason, keeping.Held, keeping.Class, actor.User.Id);
        await AppendAsync(organizationId, year, state, actor, considered, ct);
    }

    /// <summary>Marks every line not yet considered the same way, a thousand to an append; one refused line (held, permanent) refuses all, and nothing is marked.</summary>
    public async Task<int> ConsiderRestAsync(string userId, string organizationId, int year, bool destroy, string? reason, CancellationToken ct = default)
    {
        var actor = access.Authorize(userId, Permission.Read, organizationId, clock.GetUtcNow());
        var state = await ReadAsync(organizationId, year, ct);
        var marks = new List<object>();
        foreach (var item in state.Items.Where(i => !state.Considered.ContainsKey(i.StreamId)).ToList())
        {
            var (_, keeping) = await KeepingAsync(item.StreamId, ct);
            marks.Add(DestructionReview.DecideConsider(state, item.StreamId, destroy, reason, keeping.Held, keeping.Class, actor.User.Id));
        }
        var version = state.Version;
        foreach (var chunk in marks.Chunk(1000))
        {
            await store.AppendAsync(DestructionReview.StreamId(organizationId, year), ExpectedVersion.Exactly(version),
                [.. chunk.Select(m => types.ToEventData(m, Correspondence.Meta(actor, null)))], ct);
            version += chunk.Length;
        }
        return marks.Count;
    }

    /// <summary>The head's approval (or a deputy's, acting for the head under a delegation).</summary>
    public async Task ApproveAsync(string userId, string organizationId, int year, CancellationToken ct = default)
    {
        var head = access.Authorize(userId, Permission.Approve, organizationId, clock.GetUtcNow());
        var state = await ReadAsync(organizationId, year, ct);
        await AppendAsync(organizationId, year, state, head, DestructionReview.DecideApprove(state, head), ct);
    }

    /// <summary>Sets or lifts a legal hold on a register entry: the office admin's, with a reason.</summary>
    public async Task HoldAsync(string userId, string streamId, bool hold, string? reason, CancellationToken ct = default)
    {
        var events = streamId.StartsWith("in-", StringComparison.Ordinal) || streamId.StartsWith("out-", StringComparison.Ordinal)
            ? await store.ReadStreamAsync(streamId, ct: ct) : [];
        var keeping = LetterKeeping.Of(events, types);
        if (keeping.OrganizationId is null) throw new DomainException("ไม่พบหนังสือนี้ในทะเบียน (no such register entry).");
        var admin = access.Authorize(userId, Permission.Administer, keeping.OrganizationId, clock.GetUtcNow());
        var decided = LegalHold.Decide(keeping.Held, hold, reason, keeping.Destroyed, admin.User.Id);
        await store.AppendAsync(streamId, ExpectedVersion.Exactly(events.Count), [types.ToEventData(decided, Correspondence.Meta(admin, null))], ct);
    }

    /// <summary>A line's stream (a paper line's: its reservation's) and what it says of the line's keeping.</summary>
    private async Task<(IReadOnlyList<RecordedEvent> Events, LetterKeeping Keeping)> KeepingAsync(string streamId, CancellationToken ct)
    {
        if (PaperLine.TryParse(streamId, out var reservation, out var number))
        {
            var events = await store.ReadStreamAsync(reservation, ct: ct);
            return (events, PaperLine.Keeping(events, number, types));
        }
        var own = await store.ReadStreamAsync(streamId, ct: ct);
        return (own, LetterKeeping.Of(own, types));
    }

    /// <summary>Who keeps the office's registers: its clerks, its admin or its head.</summary>
    private Actor Keeper(string userId, string organizationId)
    {
        var actor = access.Authorize(userId, Permission.Read, organizationId, clock.GetUtcNow());
        if (!actor.User.Has(Role.Clerk) && !actor.User.Has(Role.Admin) && !actor.User.Has(Role.Head))
            throw new AccessDeniedException($"{actor.User.FullName} ไม่มีสิทธิ์เสนอหรือทำลายตามบัญชี ต้องเป็นเจ้าหน้าที่สารบรรณ ผู้ดูแลระบบ หรือหัวหน้าส่วนราชการ (only a clerk, the admin or the head keeps the registers).");
        return actor;
    }

    private Task AppendAsync(string organizationId, int year, DestructionState state, Actor actor, object e, CancellationToken ct) =>
        AppendAsync(organizationId, year, state, actor, [e], ct);

    private Task AppendAsync(string organizationId, int year, DestructionState state, Actor actor, IReadOnlyList<object> events, CancellationToken ct) =>
        store.AppendAsync(DestructionReview.StreamId(organizationId, year), state.Version == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(state.Version),
            [.. events.Select(e => types.ToEventData(e, Correspondence.Meta(actor, null)))], ct);
}
