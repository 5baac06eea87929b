namespace Saraban.Workflow.EventStore;

/// <summary>Who caused an event, for whom, and as part of which conversation.</summary>
/// <param name="CorrelationId">Shared by every event of one business transaction (a whole cascade).</param>
/// <param name="CausationId">The event or command that directly caused this one, if any.</param>
public sealed record EventMetadata(string UserId, string OrganizationId, Guid CorrelationId, Guid? CausationId)
{
    public static EventMetadata System(Guid correlationId) => new("system", "system", correlationId, null);
}

/// <summary>An event on its way into the store: <see cref="Type"/> is a stable name, never a CLR name.</summary>
public sealed record EventData(Guid EventId, string Type, string Data, EventMetadata Metadata);

/// <summary>
/// An event as stored. <see cref="Position"/> is its place in the one global order; on PostgreSQL an
/// event read from its stream before the chain has sealed it has position 0.
/// </summary>
public sealed record RecordedEvent(
    long Position,
    string StreamId,
    long Version,
    Guid EventId,
    string Type,
    string Data,
    EventMetadata Metadata,
    DateTimeOffset RecordedAt);

/// <summary>The version a writer believes a stream is at. Versions count events: the first event is version 1.</summary>
public readonly record struct ExpectedVersion(long Value)
{
    public static readonly ExpectedVersion Any = new(-1);
    public static readonly ExpectedVersion NoStream = new(0);
    public static ExpectedVersion Exactly(long version) =>
        version >= 0 ? new(version) : throw new ArgumentOutOfRangeException(nameof(version));

    public bool IsAny => Value < 0;
    public override string ToString() => IsAny ? "any" : Value == 0 ? "no stream" : Value.ToString();
}

/// <param name="StreamVersion">The stream's version after the append.</param>
/// <param name="AlreadyStored">True when every event id had been appended before: nothing was written.</param>
public sealed record AppendResult(long StreamVersion, bool AlreadyStored);

/// <summary>One stream's part of an append that spans several streams, all or nothing.</summary>
public sealed record StreamAppend(string StreamId, ExpectedVersion Expected, IReadOnlyList<EventData> Events)
{
    internal static void Validate(IReadOnlyList<StreamAppend> appends)
    {
        if (appends.Count == 0) throw new EventStoreException("Nothing to append.");
        if (appends.Select(a => a.StreamId).Distinct(StringComparer.Ordinal).Count() != appends.Count)
            throw new EventStoreException("A stream appears twice in one append; put its events together.");
        foreach (var a in appends) EventLimits.Validate(a.StreamId, a.Events);
        var ids = appends.SelectMany(a => a.Events).Select(e => e.EventId).ToList();
        if (ids.Distinct().Count() != ids.Count) throw new EventStoreException("An event id appears twice in one append.");
    }
}
