using Saraban.Workflow.Access;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Routing;

/// <summary>
/// Ties a received letter to the routing its office follows: the routing starts in the transaction
/// that delivers the letter, and each command on the letter completes its step in the transaction
/// that records the command. A command whose step is not the one waiting, or is not the user's,
/// is refused with nothing stored.
/// </summary>
public sealed class LetterRouting(IEventStore store, EventTypes types, RoutingCatalog catalog, AccessService access)
{
    /// <summary>The routing of a received letter is named after it: one routing per letter and office.</summary>
    public static string InstanceId(string incomingStreamId) => incomingStreamId;

    public StreamAppend? Start(Organization office, string incomingStreamId, DateTimeOffset now, EventData cause) =>
        Started(office, incomingStreamId, now) is { } started ? StartAppend(incomingStreamId, cause, [started]) : null;

    private RoutingStarted? Started(Organization office, string incomingStreamId, DateTimeOffset now) =>
        catalog.Assignments.For(office) is { } workflow
            ? RoutingInstance.DecideStart(catalog.Latest(workflow), InstanceId(incomingStreamId), office.Id, incomingStreamId, now)
            : null;

    private StreamAppend StartAppend(string incomingStreamId, EventData cause, IReadOnlyList<object> events)
    {
        var meta = cause.Metadata with { CausationId = cause.EventId };
        var data = events.Select((e, i) => types.ToEventData(e, meta, i == 0 ? DerivedId(cause.EventId) : null)).ToList();
        return new StreamAppend(RoutingInstance.StreamId(InstanceId(incomingStreamId)), ExpectedVersion.NoStream, data);
    }

    /// <summary>
    /// A letter registered as it is entered (typed in from paper): its routing starts with the
    /// register step already done by the clerk, in the same append.
    /// </summary>
    public StreamAppend? StartRegistered(Organization office, string incomingStreamId, string userId, DateTimeOffset now, EventData cause)
    {
        if (Started(office, incomingStreamId, now) is not { } started) return null;
        var definition = catalog.Get(started.Workflow, started.Version);
        if (definition.First.Name != "register") return StartAppend(incomingStreamId, cause, [started]);
        var completed = RoutingInstance.DecideComplete(RoutingInstance.Empty.Apply(started), definition, "register",
            step => RoutingAuthorization.Authorize(access, userId, step, office.Id, now), now);
        return StartAppend(incomingStreamId, cause, [started, completed]);
    }

    /// <summary>
    /// The append that moves the letter's routing past <paramref name="steps"/> (the first of them the
    /// routing has), or null when the letter has no routing or its routing has no such step.
    /// </summary>
    public async Task<StreamAppend?> CompleteAsync(string incomingStreamId, IReadOnlyList<string> steps, string userId, DateTimeOffset now, EventMetadata metadata, CancellationToken ct) =>
        Complete(incomingStreamId, await store.ReadStreamAsync(StreamOf(incomingStreamId), ct: ct), steps, userId, now, metadata);

    /// <summary>The routing's stream of a received letter, for a caller that reads it together with the letter.</summary>
    public static string StreamOf(string incomingStreamId) => RoutingInstance.StreamId(InstanceId(incomingStreamId));

    /// <summary>As <see cref="CompleteAsync"/>, given the routing's events (<see cref="StreamOf"/>) as the caller read them.</summary>
    public StreamAppend? Complete(string incomingStreamId, IReadOnlyList<RecordedEvent> routingEvents, IReadOnlyList<string> steps, string userId, DateTimeOffset now, EventMetadata metadata)
    {
        var state = RoutingInstance.Empty;
        foreach (var e in routingEvents) state = state.Apply(types.Deserialize(e));
        if (state.Start is not { } start) return null;
        var definition = catalog.Get(start.Workflow, start.Version);
        var known = steps.Where(s => definition.Steps.Any(d => d.Name == s)).ToList();
        if (known.Count == 0) return null;
        var step = known.Contains(state.Current ?? "") ? state.Current! : known[0];
        var completed = RoutingInstance.DecideComplete(state, definition, step,
            current => RoutingAuthorization.Authorize(access, userId, current, start.OrganizationId, now), now);
        return new StreamAppend(StreamOf(incomingStreamId), ExpectedVersion.Exactly(state.Version), [types.ToEventData(completed, metadata)]);
    }

    /// <summary>Ends a received letter's routing where it stands (recalled or returned): null when it has none or it had finished.</summary>
    public StreamAppend? Withdraw(string incomingStreamId, IReadOnlyList<RecordedEvent> routingEvents, string reason, string userId, EventMetadata metadata)
    {
        var state = RoutingInstance.Empty;
        foreach (var e in routingEvents) state = state.Apply(types.Deserialize(e));
        if (state.Start is null || state.Current is null) return null;
        return new StreamAppend(StreamOf(incomingStreamId), ExpectedVersion.Exactly(state.Version), [types.ToEventData(new RoutingWithdrawn(reason, userId), metadata)]);
    }

    private static Guid DerivedId(Guid cause)
    {
        Span<byte> bytes = stackalloc byte[16];
        cause.TryWriteBytes(bytes);
        bytes[15] ^= 0x5A; // the routing's start is as unique as the delivery it comes with, and as repeatable
        return new Guid(bytes);
    }
}
