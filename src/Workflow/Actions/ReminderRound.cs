using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Thai;
using Saraban.Workflow.Views;

namespace Saraban.Workflow.Actions;

/// <summary>What one round did: whether this node held the lease, and what it wrote and mailed.</summary>
public sealed record ReminderRoundResult(bool Held, int Reminded, int Notified, int Mailed, int Refused);

/// <summary>
/// One round of the reminder job (serve runs it on a Quartz trigger on every node): appends the
/// reminders and overdue notices due today, then mails the reminders whose mail is not confirmed.
/// </summary>
/// <remarks>
/// <para>Exactly once, with any number of nodes: only the node holding the lease
/// <see cref="LeaseName"/> works. The events are exactly once even without it, since each has an id
/// derived from what it is about and is appended at the version it was decided on: a second node,
/// or a retry, appends what is stored already (a no-op) or meets a newer version and decides again
/// next round.</para>
/// <para>Mail is an outbox: a reminder is stored first, naming the mailbox; its mail is sent after,
/// then confirmed by <see cref="ActionReminderMailed"/>. Mails go one at a time, each checked against
/// its stream just before (the views may not show the last confirmation yet) and each after renewing
/// the lease, so a crash re-sends at most the one mail it had not confirmed; that copy has the same
/// Message-Id.</para>
/// </remarks>
public sealed class ReminderRound(IEventStore store, EventTypes types, DirectoryService directory, SarabanViews views, IReminderMailer? mailer,
    TimeProvider clock)
{
    public const string LeaseName = "action-reminders";

    /// <summary>Longer than one mail's time-out (20 s) with room to spare: renewed before each mail.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    private const int StreamsPerRead = 200;

    /// <summary>
    /// Waits until the views show the log up to a position, before the outbox is read: serve's
    /// daemon applies them (nudged, bounded); a test without a daemon applies them itself.
    /// </summary>
    public Func<long, CancellationToken, Task> AwaitViews { get; init; } =
        (position, ct) => views.Stored.WaitForAsync(position, TimeSpan.FromSeconds(5), ct);

    public async Task<ReminderRoundResult> RunAsync(CancellationToken ct = default)
    {
        if (!await views.Stored.HoldLeaseAsync(LeaseName, Lease, ct)) return new(false, 0, 0, 0, 0);
        var now = clock.GetUtcNow();
        int reminded = 0, notified = 0;
        foreach (var chunk in (await views.Reminders.DueAsync(BangkokTime.DateOf(now), ct)).Chunk(StreamsPerRead))
        {
            if (!await views.Stored.HoldLeaseAsync(LeaseName, Lease, ct)) return new(false, reminded, notified, 0, 0);
            var streams = await store.ReadStreamsAsync(chunk, ct);
            var directoryNow = directory.Current;
            foreach (var id in chunk)
            {
                var state = Fold(streams[id]);
                if (ActionReminders.Decide(state, now, directoryNow, mailer is not null) is not { } notice) continue;
                try
                {
                    var result = await store.AppendAsync(id, ExpectedVersion.Exactly(state.Version),
                        [types.ToEventData(notice, EventMetadata.System(Guid.CreateVersion7()), ActionReminders.IdOf(id, notice))], ct);
                    if (result.AlreadyStored) continue;
                    if (notice is ActionReminderSent) reminded++; else notified++;
                }
                catch (WrongExpectedVersionException) { } // the office acted meanwhile, or another node wrote: decided again next round
            }
        }
        if (mailer is null) return new(true, reminded, notified, 0, 0);
        if (reminded > 0) await AwaitViews(await store.HeadPositionAsync(ct), ct);
        var (mailed, refused) = await MailAsync(mailer, ct);
        return new(true, reminded, notified, mailed, refused);
    }

    private async Task<(int Mailed, int Refused)> MailAsync(IReminderMailer mailer, CancellationToken ct)
    {
        int mailed = 0, refused = 0;
        try
        {
            foreach (var chunk in (await views.Reminders.UnmailedAsync(ct: ct)).Chunk(StreamsPerRead))
            {
                var streams = await store.ReadStreamsAsync(chunk.Select(n => n.StreamId).Distinct().ToList(), ct);
                foreach (var notice in chunk)
                {
                    if (Confirmed(streams[notice.StreamId], notice.NoticeId)) continue;
                    if (!await views.Stored.HoldLeaseAsync(LeaseName, Lease, ct)) return (mailed, refused);
                    var office = directory.Current.Find(notice.LaoId)?.Name ?? notice.LaoId;
                    var message = SmtpReminderMailer.Compose(notice, office, mailer.From);
                    var refusal = await mailer.SendAsync(message, ct);
                    await store.AppendAsync(notice.StreamId, ExpectedVersion.Any,
                        [types.ToEventData(new ActionReminderMailed(notice.NoticeId, notice.MailTo!, message.MessageId ?? "", clock.GetUtcNow(), refusal),
                            EventMetadata.System(Guid.CreateVersion7()), ActionReminders.MailedIdOf(notice.NoticeId))], ct);
                    if (refusal is null) mailed++; else refused++;
                }
            }
        }
        finally { await mailer.CloseAsync(CancellationToken.None); }
        return (mailed, refused);
    }

    private bool Confirmed(IReadOnlyList<RecordedEvent> stream, Guid noticeId) =>
        stream.Any(e => e.Type == "action-reminder-mailed" && ((ActionReminderMailed)types.Deserialize(e)).NoticeId == noticeId);

    private RequestedAction Fold(IReadOnlyList<RecordedEvent> stream)
    {
        var state = RequestedAction.Empty;
        foreach (var e in stream) state = state.Apply(types.Deserialize(e));
        return state;
    }
}
