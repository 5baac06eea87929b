using Saraban.Workflow.Access;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Numbering;
using Saraban.Workflow.Routing;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Letters;

/// <summary>
/// The commands of the correspondence workflow. Each one authorizes the user against the office and
/// role it acts for, loads the letter, lets the letter decide, and appends at the version it read.
/// </summary>
/// <param name="routing">When given, every command on a received letter also completes its step of the letter's routing.</param>
/// <param name="secrets">Seals ลับ and ลับมาก letters at rest; without it such letters are refused (no master key configured).</param>
public sealed partial class Correspondence(IEventStore store, EventTypes types, DirectoryService directory, AccessService access,
    NumberIssuer numbers, TimeProvider clock, LetterRouting? routing = null, Secrets.LetterSecrets? secrets = null)
{
    /// <summary>The offices as they are now: who a group names.</summary>
    public DirectoryView Directory => directory.Current;

    public async Task<string> DraftAsync(string userId, string organizationId, LetterContent content, IReadOnlyList<string> addressees,
        DateOnly? actionDue = null, string? letterId = null, CancellationToken ct = default)
    {
        var actor = access.Authorize(userId, Permission.IssueOutgoing, organizationId, clock.GetUtcNow());
        foreach (var a in addressees) directory.Current.Get(a);
        letterId ??= Guid.CreateVersion7().ToString("N");
        var (state, _) = await LoadOutgoingAsync(letterId, ct);
        var drafted = OutgoingLetter.DecideDraft(state, letterId, organizationId, content, addressees, null, letterId, actionDue, actor.User.Id);
        var meta = Meta(actor, letterId);
        var (kept, key) = Sealed(letterId, drafted.Content, meta);
        await store.AppendAsync(With(key, new StreamAppend(OutgoingLetter.StreamId(letterId), ExpectedVersion.NoStream,
            [types.ToEventData(drafted with { Content = kept }, meta)])), ct);
        return letterId;
    }

    public async Task SignAsync(string userId, string letterId, CancellationToken ct = default)
    {
        var (state, version) = await LoadOutgoingAsync(letterId, ct);
        var signer = access.Authorize(userId, Permission.Approve, OfficeOf(state), clock.GetUtcNow());
        var signed = OutgoingLetter.DecideSign(state, signer);
        var meta = Meta(signer, state.OriginLetterId ?? letterId);
        var step = await StepAsync(state.Forwards, ["sign"], userId, meta, ct);
        await AppendAsync(OutgoingLetter.StreamId(letterId), ExpectedVersion.Exactly(version), meta, step, ct, signed);
    }

    /// <summary>
    /// Numbers the letter and sends it to every addressee, as one act. Sending again (a double click,
    /// a retried request) returns the first dispatch and stores nothing.
    /// </summary>
    public async Task<LetterDispatched> DispatchAsync(string userId, string letterId, CancellationToken ct = default)
    {
        var (state, version) = await LoadOutgoingAsync(letterId, ct);
        var now = clock.GetUtcNow();
        var clerk = access.Authorize(userId, Permission.Dispatch, OfficeOf(state), now);
        if (state.Dispatch is { } done) return done;
        OutgoingLetter.CheckDispatchable(state);
        var view = directory.Current;
        var sender = view.Get(state.OrganizationId!);
        var date = BangkokTime.DateOf(now);
        var series = OutgoingLetter.SeriesOf(state.Content!);
        var meta = Meta(clerk, state.OriginLetterId ?? letterId);
        var step = await StepAsync(state.Forwards, ["dispatch"], userId, meta, ct);
        LetterDispatched? dispatched = null;
        await numbers.IssueAsync(sender.Id, series, date.Year, OutgoingLetter.StreamId(letterId), n =>
        {
            dispatched = new LetterDispatched(new DocumentNumber(sender.LetterPrefix, series == NumberSeries.OutgoingCircular, n).Format(),
                series, n, date, state.Addressees.Select(a => view.Get(a)).Select(o => new Addressee(o.Id, o.Name, o.HeadTitle)).ToList(),
                sender.Name, clerk.User.Id);
            return With(step, new StreamAppend(OutgoingLetter.StreamId(letterId), ExpectedVersion.Exactly(version), [types.ToEventData(dispatched, meta)]));
        }, meta, ct);
        return dispatched!;
    }

    /// <summary>Sets the first number of a book at go-live (an office switching over mid-year): an admin's act, once.</summary>
    public async Task StartNumberingAsync(string userId, string organizationId, NumberSeries series, int year, int firstNumber, CancellationToken ct = default)
    {
        var admin = access.Authorize(userId, Permission.Administer, organizationId, clock.GetUtcNow());
        await numbers.StartAsync(organizationId, series, year, firstNumber, Meta(admin, null), ct);
    }

    /// <summary>Enters a delivered letter in the receive register; its receive number is taken in the same transaction.</summary>
    public async Task<int> RegisterAsync(string userId, string incomingStreamId, DateTimeOffset receivedAt, CancellationToken ct = default)
    {
        var (state, version, routed) = await LoadForCommandAsync(incomingStreamId, ct);
        var now = clock.GetUtcNow();
        var clerk = access.Authorize(userId, Permission.RegisterIncoming, state.Arrival?.OrganizationId ?? "?", now);
        IncomingLetter.CheckRegistrable(state);
        if (receivedAt > now.AddMinutes(5)) throw new DomainException("เวลารับหนังสืออยู่ในอนาคต (the received time is in the future).");
        var meta = Meta(clerk, OriginOf(state));
        var step = Step(incomingStreamId, routed, ["register"], userId, meta);
        return await numbers.IssueAsync(clerk.Organization.Id, NumberSeries.Incoming, BangkokTime.YearOf(receivedAt), incomingStreamId, n =>
            With(step, new StreamAppend(incomingStreamId, ExpectedVersion.Exactly(version),
                [types.ToEventData(new LetterRegistered(n, receivedAt, now, clerk.User.Id), meta)])), meta, ct);
    }

    public async Task WriteMinuteAsync(string userId, string incomingStreamId, string text, CancellationToken ct = default)
    {
        var (state, version, routed) = await LoadForCommandAsync(incomingStreamId, ct);
        var actor = access.Authorize(userId, Permission.WriteMinute, state.Arrival?.OrganizationId ?? "?", clock.GetUtcNow());
        var minute = IncomingLetter.DecideMinute(state, actor, text);
        var meta = Meta(actor, OriginOf(state));
        await AppendAsync(incomingStreamId, ExpectedVersion.Exactly(version), meta,
            Step(incomingStreamId, routed, ["minute", "screen"], userId, meta), ct, minute);
    }

    public async Task DecideAsync(string userId, string incomingStreamId, Decision decision, string note, CancellationToken ct = default)
    {
        var (state, version, routed) = await LoadForCommandAsync(incomingStreamId, ct);
        var actor = access.Authorize(userId, Permission.Approve, state.Arrival?.OrganizationId ?? "?", clock.GetUtcNow());
        var decided = IncomingLetter.DecideDecision(state, actor, decision, note);
        var meta = Meta(actor, OriginOf(state));
        await AppendAsync(incomingStreamId, ExpectedVersion.Exactly(version), meta,
            Step(incomingStreamId, routed, ["decide"], userId, meta), ct, decided);
    }

    /// <summary>
    /// Drafts this office's own letter passing the received one on, citing it as an enclosure; the
    /// received letter records that it was forwarded, in the same transaction.
    /// </summary>
    /// <param name="carryFiles">Enclose the received letter's files too, as this letter's own (the same stored bytes: nothing is copied).</param>
    public async Task<string> ForwardAsync(string userId, string incomingStreamId, LetterContent content, IReadOnlyList<string> addressees,
        DateOnly? actionDue = null, bool carryFiles = false, CancellationToken ct = default)
    {
        var (incoming, version, routed) = await LoadForCommandAsync(incomingStreamId, ct);
        var office = incoming.Arrival?.OrganizationId ?? "?";
        var actor = access.Authorize(userId, Permission.IssueOutgoing, office, clock.GetUtcNow());
        IncomingLetter.CheckForwardable(incoming);
        foreach (var a in addressees) directory.Current.Get(a);
        var arrival = incoming.Arrival!;
        var cited = new CitedLetter(arrival.DocumentNumber, arrival.Date, arrival.SenderName, arrival.FromLetterId);
        var letterId = Guid.CreateVersion7().ToString("N");
        var withEnclosure = content with { EnclosedLetters = [cited, .. content.EnclosedLetters] };
        var drafted = OutgoingLetter.DecideDraft(OutgoingLetter.Empty, letterId, office, withEnclosure, addressees, incomingStreamId,
            arrival.OriginLetterId ?? arrival.FromLetterId, actionDue ?? arrival.ActionDue, actor.User.Id);
        var meta = Meta(actor, OriginOf(incoming) ?? letterId);
        var step = Step(incomingStreamId, routed, ["draft"], userId, meta);
        var (kept, key) = Sealed(letterId, drafted.Content, meta);
        drafted = drafted with { Content = kept };
        IReadOnlyList<StreamAppend> appends = With(step,
            new StreamAppend(incomingStreamId, ExpectedVersion.Exactly(version), [types.ToEventData(new LetterForwarded(letterId), meta)]),
            new StreamAppend(OutgoingLetter.StreamId(letterId), ExpectedVersion.NoStream,
                [.. new object[] { drafted }.Concat(Inherited(arrival)).Concat(Carried(arrival, carryFiles, actor.User.Id)).Select(e => types.ToEventData(e, meta))]));
        await store.AppendAsync(key is null ? appends : [.. appends, key], ct);
        return letterId;
    }

    private static IEnumerable<object> Carried(LetterArrived arrival, bool carry, string userId) =>
        carry ? (arrival.Files ?? []).Select(f => new Files.EnclosureAttached(f, userId)) : [];

    public async Task AcknowledgeAsync(string userId, string incomingStreamId, CancellationToken ct = default)
    {
        var (state, version, routed) = await LoadForCommandAsync(incomingStreamId, ct);
        var actor = access.Authorize(userId, Permission.Read, state.Arrival?.OrganizationId ?? "?", clock.GetUtcNow());
        var acknowledged = IncomingLetter.DecideAcknowledge(state, actor.User.Id);
        var meta = Meta(actor, OriginOf(state));
        await AppendAsync(incomingStreamId, ExpectedVersion.Exactly(version), meta,
            Step(incomingStreamId, routed, ["acknowledge"], userId, meta), ct, acknowledged);
    }

    public async Task ReportActionDoneAsync(string userId, string incomingStreamId, string note, CancellationToken ct = default)
    {
        var (state, version, routed) = await LoadForCommandAsync(incomingStreamId, ct);
        var actor = access.Authorize(userId, Permission.Read, state.Arrival?.OrganizationId ?? "?", clock.GetUtcNow());
        var done = IncomingLetter.DecideActionDone(state, actor.User.Id, note);
        var meta = Meta(actor, OriginOf(state));
        await AppendAsync(incomingStreamId, ExpectedVersion.Exactly(version), meta,
            Step(incomingStreamId, routed, ["act"], userId, meta), ct, done);
    }

    /// <summary>A received letter, for a user of the office that received it (secret letters reach only their addressees).</summary>
    public async Task<IncomingLetter> ReadIncomingAsync(string userId, string incomingStreamId, CancellationToken ct = default)
    {
        var (state, _) = await LoadIncomingAsync(incomingStreamId, ct);
        var reader = access.Authorize(userId, Permission.Read, state.Arrival?.OrganizationId ?? "?", clock.GetUtcNow());
        LetterVisibility.Check(reader.User, state.Arrival?.Content.Secrecy ?? Secrecy.None);
        return state.Arrival is { Content.Sealed: not null } a ? state with { Arrival = a with { Content = await OpenAsync(a.Content, ct) } } : state;
    }

    public async Task<OutgoingLetter> ReadOutgoingAsync(string userId, string letterId, CancellationToken ct = default)
    {
        var (state, _) = await LoadOutgoingAsync(letterId, ct);
        var reader = access.Authorize(userId, Permission.Read, OfficeOf(state), clock.GetUtcNow());
        LetterVisibility.Check(reader.User, state.Content!.Secrecy);
        return state.Content.Sealed is not null ? state with { Content = await OpenAsync(state.Content, ct) } : state;
    }

    /// <summary>
    /// A ลับ or ลับมาก letter's content sealed under a new key of <paramref name="keyOf"/>, with the
    /// wrapped key's append for the same transaction; other content as it is, with no append.
    /// </summary>
    private (LetterContent Content, StreamAppend? Key) Sealed(string keyOf, LetterContent content, EventMetadata meta)
    {
        if (!Secrets.LetterSecrets.IsSealable(content.Secrecy)) return (content, null);
        if (secrets is null) throw NoMasterKey();
        var (sealedContent, key) = secrets.Seal(keyOf, content, meta);
        return (sealedContent, key);
    }

    private Task<LetterContent> OpenAsync(LetterContent content, CancellationToken ct) =>
        secrets is null ? throw NoMasterKey() : secrets.OpenAsync(content, ct);

    internal static DomainException NoMasterKey() =>
        new("ไม่ได้ตั้งกุญแจหลักสำหรับหนังสือลับ (SARABAN_MASTER_KEY หรือ SARABAN_MASTER_KEY_FILE) (no master key is configured for secret letters).");

    internal static DomainException TopSecretRefused() =>
        new("หนังสือลับที่สุดส่งหรือเก็บเนื้อหาในระบบอิเล็กทรอนิกส์ไม่ได้ (ระเบียบฯ ฉบับที่ ๔ พ.ศ. ๒๕๖๔) ลงทะเบียนรับได้เฉพาะเลขที่ วันที่ และผู้ส่ง (a top-secret letter stays off electronic systems).");

    /// <summary>
    /// A letter that went out, for the verification page anyone holding the paper may open: it is
    /// shown only to a caller who presents the key printed on the letter (a hash of its content),
    /// so no authorization applies here. Null for an unknown or undispatched letter.
    /// </summary>
    public async Task<OutgoingLetter?> ReadDispatchedAsync(string letterId, CancellationToken ct = default)
    {
        var (state, _) = await LoadOutgoingAsync(letterId, ct);
        return state.Dispatch is null ? null : state;
    }

    /// <summary>As <see cref="ReadDispatchedAsync"/>, opened, for computing the key the letter's QR code carries; never to be shown.</summary>
    public async Task<OutgoingLetter?> ReadDispatchedForCheckAsync(string letterId, CancellationToken ct = default)
    {
        var state = await ReadDispatchedAsync(letterId, ct);
        return state?.Content?.Sealed is not null && secrets is not null ? state with { Content = await secrets.OpenAsync(state.Content, ct) } : state;
    }

    internal async Task<(OutgoingLetter State, long Version)> LoadOutgoingAsync(string letterId, CancellationToken ct)
    {
        var state = OutgoingLetter.Empty;
        foreach (var e in await store.ReadStreamAsync(OutgoingLetter.StreamId(letterId), ct: ct)) state = state.Apply(types.Deserialize(e));
        return (state, state.Version);
    }

    internal async Task<(IncomingLetter State, long Version)> LoadIncomingAsync(string streamId, CancellationToken ct)
    {
        var state = IncomingLetter.Empty;
        foreach (var e in await store.ReadStreamAsync(streamId, ct: ct)) state = state.Apply(types.Deserialize(e));
        return (state, state.Version);
    }

    /// <summary>
    /// A received letter for a command, with its routing's events when routings are on: both in one
    /// read, since every command on the letter also completes its routing's step.
    /// </summary>
    private async Task<(IncomingLetter State, long Version, IReadOnlyList<RecordedEvent>? Routing)> LoadForCommandAsync(string streamId, CancellationToken ct)
    {
        if (routing is null)
        {
            var (alone, version) = await LoadIncomingAsync(streamId, ct);
            return (alone, version, null);
        }
        var read = await store.ReadStreamsAsync([streamId, LetterRouting.StreamOf(streamId)], ct);
        var state = IncomingLetter.Empty;
        foreach (var e in read[streamId]) state = state.Apply(types.Deserialize(e));
        return (state, state.Version, read[LetterRouting.StreamOf(streamId)]);
    }

    private static string OfficeOf(OutgoingLetter state) => state.OrganizationId ?? throw new DomainException("ไม่พบหนังสือนี้ (no such letter).");

    /// <summary>
    /// Every event about one circular, at every office it reaches, carries the origin letter's id as
    /// its correlation id, so one query over the log finds the whole story; a letter outside any
    /// chain (a paper letter) gets one of its own per command.
    /// </summary>
    internal static EventMetadata Meta(Actor actor, string? originLetterId) =>
        new(actor.User.Id, actor.Organization.Id, Guid.TryParseExact(originLetterId, "N", out var origin) ? origin : Guid.CreateVersion7(), null);

    private static string? OriginOf(IncomingLetter state) => state.Arrival?.OriginLetterId ?? state.Arrival?.FromLetterId;

    /// <summary>The routing step this command completes, recorded with it; null when the letter has no routing.</summary>
    private async Task<StreamAppend?> StepAsync(string? incomingStreamId, IReadOnlyList<string> steps, string userId, EventMetadata meta, CancellationToken ct) =>
        routing is null || incomingStreamId is null ? null : await routing.CompleteAsync(incomingStreamId, steps, userId, clock.GetUtcNow(), meta, ct);

    /// <summary>As <see cref="StepAsync"/>, on a received letter whose routing was read with it.</summary>
    private StreamAppend? Step(string incomingStreamId, IReadOnlyList<RecordedEvent>? routed, IReadOnlyList<string> steps, string userId, EventMetadata meta) =>
        routing is null || routed is null ? null : routing.Complete(incomingStreamId, routed, steps, userId, clock.GetUtcNow(), meta);

    private static IReadOnlyList<StreamAppend> With(StreamAppend? step, params StreamAppend[] appends) => step is null ? appends : [.. appends, step];

    private Task AppendAsync(string stream, ExpectedVersion expected, EventMetadata meta, StreamAppend? step, CancellationToken ct, params object[] events) =>
        store.AppendAsync(With(step, new StreamAppend(stream, expected, events.Select(e => types.ToEventData(e, meta)).ToList())), ct);
}
