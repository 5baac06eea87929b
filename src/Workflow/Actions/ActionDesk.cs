using Saraban.Workflow.Access;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Letters;

namespace Saraban.Workflow.Actions;

/// <summary>Names one office's action: the office, the letter that asked, and the action's key.</summary>
public sealed record ActionRef(string OfficeId, string Origin, string Key)
{
    public string StreamId => RequestedAction.StreamId(OfficeId, Origin, Key);
}

/// <summary>
/// The LAO's side of a requested action: its staff record what they did (per form, the reply, the
/// confirmation); the office that asked may import the assessment system's export for every LAO.
/// Every command is checked against the user's office and role first.
/// </summary>
public sealed partial class ActionDesk(IEventStore store, EventTypes types, DirectoryService directory, AccessService access, TimeProvider clock)
{
    public async Task<RequestedAction> ReadAsync(string userId, ActionRef action, CancellationToken ct = default)
    {
        var (state, _) = await LoadAsync(action.StreamId, ct);
        AuthorizeOffice(userId, action.OfficeId, state);
        return state;
    }

    /// <summary>Records one form's state; false when it was already so.</summary>
    public async Task<bool> RecordFormAsync(string userId, ActionRef action, string form, FormStatus status, DateTimeOffset? at, string? by,
        string? reference, CancellationToken ct = default)
    {
        var (state, version) = await LoadAsync(action.StreamId, ct);
        var actor = AuthorizeOffice(userId, action.OfficeId, state);
        var now = clock.GetUtcNow();
        var recorded = RequestedAction.DecideForm(state, form.Trim(), status, at ?? now, string.IsNullOrWhiteSpace(by) ? actor.User.FullName : by,
            Blank(reference), actor.User.Id, now);
        if (recorded is null) return false;
        await AppendAsync(action.StreamId, version, actor, state, ct, recorded);
        return true;
    }

    public async Task<bool> ReplyAsync(string userId, ActionRef action, IReadOnlyList<Nominee> nominees, CancellationToken ct = default)
    {
        var (state, version) = await LoadAsync(action.StreamId, ct);
        var actor = AuthorizeOffice(userId, action.OfficeId, state);
        var replied = RequestedAction.DecideReply(state, nominees, clock.GetUtcNow(), actor.User.Id);
        if (replied is null) return false;
        await AppendAsync(action.StreamId, version, actor, state, ct, replied);
        return true;
    }

    public async Task ConfirmAsync(string userId, ActionRef action, CancellationToken ct = default)
    {
        var (state, version) = await LoadAsync(action.StreamId, ct);
        var actor = AuthorizeOffice(userId, action.OfficeId, state);
        await AppendAsync(action.StreamId, version, actor, state, ct, RequestedAction.DecideConfirm(state, clock.GetUtcNow(), actor.User.Id));
    }

    /// <summary>Which of these offices were asked (have the action's stream).</summary>
    internal async Task<IReadOnlyList<string>> ExistingAsync(string origin, string key, IReadOnlyList<string> officeIds, CancellationToken ct)
    {
        var read = await store.ReadStreamsAsync(officeIds.Select(o => RequestedAction.StreamId(o, origin, key)).ToList(), ct);
        return officeIds.Where(o => read[RequestedAction.StreamId(o, origin, key)].Count > 0).ToList();
    }

    internal async Task<(RequestedAction State, long Version)> LoadAsync(string streamId, CancellationToken ct)
    {
        var state = RequestedAction.Empty;
        foreach (var e in await store.ReadStreamAsync(streamId, ct: ct)) state = state.Apply(types.Deserialize(e));
        return (state, state.Version);
    }

    /// <summary>The office's own staff act on its actions; nobody else sees them here.</summary>
    private Actor AuthorizeOffice(string userId, string officeId, RequestedAction state)
    {
        var actor = access.Authorize(userId, Permission.Read, officeId, clock.GetUtcNow());
        if (state.Assignment is null) throw new DomainException("หน่วยงานนี้ไม่ได้รับคำขอนี้ (this office was not asked to do this).");
        return actor;
    }

    private Task AppendAsync(string stream, long version, Actor actor, RequestedAction state, CancellationToken ct, object e) =>
        store.AppendAsync(stream, ExpectedVersion.Exactly(version), [types.ToEventData(e, Meta(actor, state.Assignment!.Origin))], ct);

    private static EventMetadata Meta(Actor actor, string origin) =>
        new(actor.User.Id, actor.Organization.Id, Guid.TryParseExact(origin, "N", out var g) ? g : Guid.CreateVersion7(), null);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
