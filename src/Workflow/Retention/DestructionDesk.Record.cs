using Saraban.Workflow.Access;

namespace Saraban.Workflow.Retention;

public sealed partial class DestructionDesk
{
    /// <summary>
    /// The record of destruction (บันทึกการทำลาย) of the office's list of a year: for a user of the
    /// office (another office's user is refused), once the list is carried out (before, refused with
    /// why). The people are named as the users are now, the head as the approval signed.
    /// </summary>
    public async Task<DestructionRecord> RecordAsync(string userId, string organizationId, int year, CancellationToken ct = default)
    {
        var actor = access.Authorize(userId, Permission.Read, organizationId, clock.GetUtcNow());
        var state = DestructionState.None;
        DestructionProposed? proposed = null;
        DateTimeOffset approvedAt = default, carriedAt = default;
        DestructionCarriedOut? carried = null;
        foreach (var e in await store.ReadStreamAsync(DestructionReview.StreamId(organizationId, year), ct: ct))
        {
            var decoded = types.Deserialize(e);
            state = state.Apply(decoded, e.Version);
            switch (decoded)
            {
                case DestructionProposed p: proposed = p; break;
                case DestructionApproved: approvedAt = e.RecordedAt; break;
                case DestructionCarriedOut c: (carried, carriedAt) = (c, e.RecordedAt); break;
            }
        }
        DestructionRecords.CheckReadable(state);
        var office = actor.Organization.Name;
        var destroyed = carried!.Destroyed.ToHashSet(StringComparer.Ordinal);
        var lines = new List<DestroyedLine>();
        foreach (var chunk in state.Items.Where(i => destroyed.Contains(i.StreamId)).Chunk(500))
        {
            static string Stream(string id) => PaperLine.TryParse(id, out var reservation, out _) ? reservation : id;
            var streams = await store.ReadStreamsAsync([.. chunk.Select(i => Stream(i.StreamId)).Distinct()], ct);
            lines.AddRange(chunk.Select(i => DestructionRecords.Line(i,
                [.. (streams.GetValueOrDefault(Stream(i.StreamId)) ?? []).Select(types.Deserialize)], office)));
        }
        var approval = state.Approved!;
        return new DestructionRecord(organizationId, office, year, proposed!.AsOf, Person(state.ProposedBy), Person(state.ChairId)!,
            [.. state.MemberIds.Select(m => Person(m)!)], new RecordPerson(approval.UserId, approval.Name, approval.PositionLines), approvedAt,
            Person(carried.UserId)!, carriedAt, lines, state.Items.Count - lines.Count, carried.FilesDeleted);
    }

    private RecordPerson? Person(string? userId) => userId is null ? null
        : access.Current.FindUser(userId) is { } u ? new RecordPerson(u.Id, u.FullName, [u.Position]) : new RecordPerson(userId, userId, []);
}
