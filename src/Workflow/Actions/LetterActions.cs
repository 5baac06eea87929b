using Saraban.Workflow.Access;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Thai;
using Saraban.Workflow.Actions;

namespace Saraban.Workflow.Actions
{
    /// <summary>The actions a letter asks for (on its <c>out-</c> stream); a forwarded circular carries its origin's, unchanged.</summary>
    /// <param name="Origin">The letter that first asked: this one, or the circular it passes on.</param>
    public sealed record ActionsRequested(string Origin, IReadOnlyList<RequestedActionSpec> Actions);

    /// <summary>ขยายระยะเวลา: this letter moves the deadline of an action an earlier circular asked for, for every office it reaches.</summary>
    public sealed record ActionDeadlineExtended(string Origin, string Key, DateOnly NewDue, string Reason);
}

namespace Saraban.Workflow.Letters
{
    public sealed partial class Correspondence
    {
        /// <summary>
        /// Attaches what the circular asks its receivers to do, replacing what it asked before; only a
        /// draft not yet signed. A schedule must place every LAO asked (below the addressees) in exactly
        /// one session: the offices it misses or doubles are named in the error.
        /// </summary>
        public async Task RequestActionsAsync(string userId, string letterId, IReadOnlyList<RequestedActionSpec> actions, CancellationToken ct = default)
        {
            var (state, version) = await LoadOutgoingAsync(letterId, ct);
            var actor = access.Authorize(userId, Permission.IssueOutgoing, OfficeOf(state), clock.GetUtcNow());
            if (state.Signature is not null) throw new DomainException("หนังสือลงนามแล้ว เปลี่ยนสิ่งที่ขอให้ดำเนินการไม่ได้ (the letter is signed).");
            if (state.Forwards is not null) throw new DomainException("หนังสือแจ้งต่อใช้คำขอของหนังสือต้นเรื่อง (a forwarded letter carries its origin's actions).");
            if (actions.Count == 0) throw new DomainException("ต้องมีคำขออย่างน้อยหนึ่งรายการ (no actions given).");
            foreach (var a in actions) a.Validate();
            if (actions.Select(a => a.Key).Distinct().Count() != actions.Count) throw new DomainException("รหัสคำขอซ้ำกัน (an action key appears twice).");
            var view = directory.Current;
            var below = LocalsBelow(view, state.Addressees);
            foreach (var a in actions.Where(a => a.Due.Sessions is not null))
            {
                var check = WorkshopSchedule.Check(a.Due.Sessions!, below.Where(a.Asks), view);
                if (!check.Ok) throw new ScheduleException(check.Problems());
            }
            var meta = Meta(actor, letterId);
            await AppendAsync(OutgoingLetter.StreamId(letterId), ExpectedVersion.Exactly(version), meta, null, ct, new ActionsRequested(letterId, actions));
        }

        /// <summary>
        /// Makes this draft move the deadline of an action asked by a letter it cites (อ้างถึง): the
        /// origin itself, or any letter of the origin's chain. The deadline moves for each office only
        /// when this letter reaches it.
        /// </summary>
        public async Task ExtendActionAsync(string userId, string letterId, string origin, string key, DateOnly newDue, string reason, CancellationToken ct = default)
        {
            var (state, version) = await LoadOutgoingAsync(letterId, ct);
            var actor = access.Authorize(userId, Permission.IssueOutgoing, OfficeOf(state), clock.GetUtcNow());
            if (state.Signature is not null) throw new DomainException("หนังสือลงนามแล้ว (the letter is signed).");
            var cited = state.Content!.References.Select(r => r.LetterId).OfType<string>().ToList();
            var citesChain = cited.Contains(origin);
            foreach (var id in cited.Where(id => id != origin))
                if (!citesChain) citesChain = (await LoadOutgoingAsync(id, ct)).State.OriginLetterId == origin;
            if (!citesChain) throw new DomainException("หนังสือนี้ไม่ได้อ้างถึงหนังสือต้นเรื่องของคำขอ (the letter does not cite the letter that asked).");
            var (asked, _) = await LoadOutgoingAsync(origin, ct);
            var action = asked.Asks?.Actions.FirstOrDefault(a => a.Key == key)
                ?? throw new DomainException($"หนังสือที่อ้างถึงไม่มีคำขอ '{key}' (the cited letter asks for no action '{key}').");
            if (action.Due.Sessions is not null) throw new DomainException($"คำขอ '{action.Title}' กำหนดตามรอบ ขยายด้วยวันเดียวไม่ได้ (a schedule is not moved by one date).");
            if (newDue <= action.Due.Date) throw new DomainException($"วันที่ขยายต้องหลัง {ThaiDate.FormatFull(action.Due.Date!.Value)} (the new deadline must be later).");
            var meta = Meta(actor, letterId);
            await AppendAsync(OutgoingLetter.StreamId(letterId), ExpectedVersion.Exactly(version), meta, null, ct,
                new ActionDeadlineExtended(origin, key, newDue, reason.Trim()));
        }

        /// <summary>What a forwarded letter carries from the one it passes on: the same requests and extensions.</summary>
        private static IEnumerable<object> Inherited(LetterArrived arrival) =>
            [.. arrival.Asks is { } asks ? [asks] : Array.Empty<object>(), .. arrival.Extends ?? []];

        /// <summary>The LAOs at or below the addressees: whom a circular's actions may ask.</summary>
        internal static IReadOnlyList<Organization> LocalsBelow(DirectoryView view, IReadOnlyList<string> addressees)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var found = new List<Organization>();
            var queue = new Queue<string>(addressees);
            while (queue.TryDequeue(out var id))
            {
                if (!seen.Add(id)) continue;
                var o = view.Get(id);
                if (o.Type.IsLocal()) found.Add(o);
                foreach (var c in view.ChildrenOf(id)) queue.Enqueue(c.Id);
            }
            return found;
        }
    }
}
