using Saraban.Workflow.Access;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Retention;

namespace Saraban.Workflow.Letters;

public sealed partial class Correspondence
{
    /// <summary>
    /// Sets a register entry's retention class (อายุการเก็บ): a received letter once registered
    /// (<c>in-…</c>) or the office's own letter once sent (<c>out-…</c>). The clerk sets it first; a
    /// change is the office admin's, with a reason (see <see cref="Retention.Retention.DecideSet"/>).
    /// </summary>
    public async Task SetRetentionAsync(string userId, string streamId, RetentionClass wanted, string? reason, CancellationToken ct = default)
    {
        var events = streamId.StartsWith("in-", StringComparison.Ordinal) || streamId.StartsWith("out-", StringComparison.Ordinal)
            ? await store.ReadStreamAsync(streamId, ct: ct) : [];
        string? office = null;
        RetentionClass? current = null;
        bool entered = false;
        foreach (var e in events)
            switch (types.Deserialize(e))
            {
                case LetterArrived a: office = a.OrganizationId; break;
                case LetterDrafted d: office = d.OrganizationId; break;
                case LetterRegistered or LetterDispatched: entered = true; break;
                case RetentionSet r: current = r.Class; break;
            }
        if (office is null) throw new DomainException("ไม่พบหนังสือนี้ในทะเบียน (no such register entry).");
        var now = clock.GetUtcNow();
        Actor actor;
        var isAdmin = true;
        try { actor = access.Authorize(userId, Permission.Administer, office, now); }
        catch (AccessDeniedException)
        {
            isAdmin = false;
            actor = access.Authorize(userId, streamId.StartsWith("in-", StringComparison.Ordinal) ? Permission.RegisterIncoming : Permission.Dispatch, office, now);
        }
        if (!entered) throw new DomainException("หนังสือยังไม่ได้ลงทะเบียน กำหนดอายุการเก็บได้เมื่อลงทะเบียนแล้ว (the letter is not in the register yet).");
        var set = Retention.Retention.DecideSet(current, wanted, isAdmin, reason, actor.User.Id);
        await store.AppendAsync(streamId, ExpectedVersion.Exactly(events.Count), [types.ToEventData(set, Meta(actor, null))], ct);
    }
}
